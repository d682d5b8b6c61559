import { EntityManager } from 'typeorm';
import { DefinitionStore } from '../definition-store';
import { TaskForm } from './form-field';
import { FormOptionSources } from './option-sources';
import { parseForms } from './parse-forms';

/**
 * The forms of every deployed definition version, parsed once per version. A version is immutable (its id is
 * the hash of its XML), so a cached entry never goes stale; running instances keep the form of their version.
 */
export class FormCatalog {
  private readonly byDefinition = new Map<string, Promise<Map<string, TaskForm>>>();

  constructor(private readonly definitions: DefinitionStore, private readonly optionSources = new FormOptionSources()) {}

  /** The task's form; enum fields with an option source get the source's current values. */
  async formOf(definitionId: string, elementId: string, manager: EntityManager): Promise<TaskForm> {
    let forms = this.byDefinition.get(definitionId);
    if (!forms) {
      forms = this.definitions.sourceById(definitionId, manager).then(parseForms);
      this.byDefinition.set(definitionId, forms);
      forms.catch(() => this.byDefinition.delete(definitionId));
    }
    const form = (await forms).get(elementId) ?? [];
    return form.map((field) => (field.optionsFrom === undefined ? field : { ...field, values: this.optionSources.options(field.optionsFrom) }));
  }
}
