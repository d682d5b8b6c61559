import { EntityManager } from 'typeorm';
import { DefinitionStore } from '../definition-store';
import { TaskForm } from './form-field';
import { parseForms } from './parse-forms';

/**
 * The forms of every deployed definition version, parsed once per version. A version is immutable (its id is
 * the hash of its XML), so a cached entry never goes stale; running instances keep the form of their version.
 */
export class FormCatalog {
  private readonly byDefinition = new Map<string, Promise<Map<string, TaskForm>>>();

  constructor(private readonly definitions: DefinitionStore) {}

  async formOf(definitionId: string, elementId: string, manager: EntityManager): Promise<TaskForm> {
    let forms = this.byDefinition.get(definitionId);
    if (!forms) {
      forms = this.definitions.sourceById(definitionId, manager).then(parseForms);
      this.byDefinition.set(definitionId, forms);
      forms.catch(() => this.byDefinition.delete(definitionId));
    }
    return (await forms).get(elementId) ?? [];
  }
}
