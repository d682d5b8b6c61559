import { EntityManager } from 'typeorm';
import { DefinitionStore } from '../definition-store';
import { TaskForm } from './form-field';
import { FormOptionSources } from './form-options';
import { parseForms } from './parse-forms';

/**
 * The forms of every deployed definition version, parsed once per version. A version is immutable (its id is
 * the hash of its XML), so a cached entry never goes stale; running instances keep the form of their version.
 */
export class FormCatalog {
  private readonly byDefinition = new Map<string, Promise<Map<string, TaskForm>>>();

  constructor(private readonly definitions: DefinitionStore, private readonly options: FormOptionSources = new FormOptionSources()) {}

  async formOf(definitionId: string, elementId: string, manager: EntityManager): Promise<TaskForm> {
    return this.withOptions((await this.parsed(definitionId, manager)).get(elementId) ?? []);
  }

  /** Every user task's form of the version, by element id in diagram order. */
  async formsOf(definitionId: string, manager: EntityManager): Promise<Map<string, TaskForm>> {
    const forms = await this.parsed(definitionId, manager);
    return new Map([...forms].map(([elementId, form]) => [elementId, this.withOptions(form)]));
  }

  private parsed(definitionId: string, manager: EntityManager): Promise<Map<string, TaskForm>> {
    let forms = this.byDefinition.get(definitionId);
    if (!forms) {
      forms = this.definitions.sourceById(definitionId, manager).then(parseForms);
      this.byDefinition.set(definitionId, forms);
      forms.catch(() => this.byDefinition.delete(definitionId));
    }
    return forms;
  }

  /** Option lists are read on every call: configuration may change while the version stays deployed. */
  private withOptions(form: TaskForm): TaskForm {
    if (!form.some((field) => field.optionsFrom)) return form;
    return form.map((field) => (field.optionsFrom ? { ...field, values: this.options.valuesOf(field.optionsFrom) } : field));
  }
}
