import { DiagramMemo } from '../definitions/diagram-memo';
import { bpmnModdle, describeElement, type ModdleElement } from '../definitions/lint/moddle';
import { checkExpression } from '../expressions';
import {
  FORM_CONSTRAINT_NAMES, FORM_FIELD_TYPES, FormConstraintName, FormField, FormFieldConstraints, FormFieldType, TaskForm,
} from './form-field';

/** A form declaration the task list cannot honour: the diagram must be fixed. */
export class FormDefinitionError extends Error {
  constructor(readonly problems: Array<{ elementId: string; message: string }>) {
    super(`Invalid form declarations: ${problems.map((p) => `${p.elementId}: ${p.message}`).join('; ')}`);
    this.name = 'FormDefinitionError';
  }
}

/** The forms of every user task of a diagram, by element id. Throws FormDefinitionError on a malformed form. */
export async function parseForms(xml: string): Promise<Map<string, TaskForm>> {
  const { forms, problems } = await readForms(xml);
  if (problems.length > 0) throw new FormDefinitionError(problems);
  return forms;
}

/**
 * What is wrong with the forms of a diagram (empty when nothing is): unknown field types or constraints, enum fields
 * without values, duplicate field ids, non-numeric limits, patterns that are not regular expressions.
 * Meant for the deployment gate, so a process owner learns about a broken form when deploying.
 */
export async function formProblems(xml: string, knownOptionSources?: ReadonlySet<string>): Promise<Array<{ elementId: string; message: string }>> {
  try {
    const { forms, problems } = await readForms(xml);
    if (!knownOptionSources) return problems;
    for (const [elementId, form] of forms) {
      for (const field of form.filter((f) => f.optionsFrom !== undefined && !knownOptionSources.has(f.optionsFrom))) {
        problems.push({ elementId, message: `${elementId}: enum form field "${field.id}" takes its values from "${field.optionsFrom}", `
          + `which is not a known option list (${[...knownOptionSources].join(', ') || 'none'})` });
      }
    }
    return problems;
  } catch {
    return []; // unparsable XML is the lint gate's finding, not ours
  }
}

/**
 * The form of the executable process's start event (`camunda:formData` on the blank start event): what a person
 * fills in to start the process from the console. Null when the start event declares none.
 */
export async function parseStartForm(xml: string): Promise<{ form: TaskForm; starterGroups: string[] } | null> {
  const { rootElement } = await bpmnModdle().fromXML(xml);
  const processes = ((rootElement.get('rootElements') as ModdleElement[] | undefined) ?? []).filter((element) => element.$instanceOf('bpmn:Process'));
  const process = processes.find((element) => element.get('isExecutable') === true) ?? processes[0];
  if (!process) return null;
  const start = ((process.get('flowElements') as ModdleElement[] | undefined) ?? [])
    .find((element) => element.$instanceOf('bpmn:StartEvent') && ((element.get('eventDefinitions') as unknown[] | undefined) ?? []).length === 0);
  const formData = start ? formDataOf(start) : undefined;
  if (!formData) return null;
  const problems: string[] = [];
  const form = readFields(formData, (message) => problems.push(message));
  noConditionsOnStart(form, (message) => problems.push(message));
  if (problems.length > 0) throw new FormDefinitionError(problems.map((message) => ({ elementId: start!.id ?? 'start', message })));
  const starters = stringProperty(process, 'camunda:candidateStarterGroups');
  return { form, starterGroups: starters ? starters.split(',').map((group) => group.trim()).filter(Boolean) : [] };
}

type FormReading = { forms: Map<string, TaskForm>; problems: Array<{ elementId: string; message: string }> };
const readings = new DiagramMemo<FormReading>();

function readForms(xml: string): Promise<FormReading> {
  return readings.get([xml], () => readFormsOf(xml));
}

async function readFormsOf(xml: string): Promise<FormReading> {
  const { elementsById } = await bpmnModdle().fromXML(xml);
  const forms = new Map<string, TaskForm>();
  const problems: Array<{ elementId: string; message: string }> = [];
  for (const element of Object.values(elementsById)) {
    if (!(element.$instanceOf('bpmn:UserTask') || element.$instanceOf('bpmn:StartEvent')) || !element.id) continue;
    const formData = formDataOf(element);
    if (!formData) continue;
    const report = (message: string) => problems.push({ elementId: element.id!, message: `${describeElement(element)}: ${message}` });
    const form = readFields(formData, report);
    if (element.$instanceOf('bpmn:StartEvent')) noConditionsOnStart(form, report);
    forms.set(element.id, form);
  }
  return { forms, problems };
}

/** A start form is filled before there is instance data to decide on. */
function noConditionsOnStart(form: TaskForm, report: (message: string) => void): void {
  for (const field of form.filter((f) => f.visibleWhen !== undefined)) {
    report(`form field "${field.id}": visibleWhen applies to user task forms, not to a start form`);
  }
}

function formDataOf(task: ModdleElement): ModdleElement | undefined {
  const extensions = task.get('extensionElements') as ModdleElement | undefined;
  const values = (extensions?.get('values') as ModdleElement[] | undefined) ?? [];
  return values.find((value) => value.$instanceOf('camunda:FormData'));
}

function readFields(formData: ModdleElement, report: (message: string) => void): TaskForm {
  const fields: FormField[] = [];
  const seen = new Set<string>();
  for (const field of (formData.get('fields') as ModdleElement[] | undefined) ?? []) {
    const id = stringProperty(field, 'id');
    if (!id) { report('a form field has no id'); continue; }
    if (seen.has(id)) { report(`form field "${id}" is declared twice`); continue; }
    seen.add(id);
    const type = (stringProperty(field, 'type') ?? 'string') as FormFieldType;
    if (!FORM_FIELD_TYPES.includes(type)) {
      report(`form field "${id}" has type "${type}"; use one of ${FORM_FIELD_TYPES.join(', ')}`);
      continue;
    }
    const values = ((field.get('values') as ModdleElement[] | undefined) ?? [])
      .map((value) => ({ id: stringProperty(value, 'id') ?? '', name: stringProperty(value, 'name') ?? stringProperty(value, 'id') ?? '' }))
      .filter((value) => value.id !== '');
    const optionsFrom = propertyOf(field, 'options');
    const visibleWhen = propertyOf(field, 'visibleWhen');
    const condition = visibleWhen === undefined ? null : checkExpression(visibleWhen);
    if (condition && !condition.ok) report(`form field "${id}": visibleWhen ${visibleWhen} is not a valid expression: ${condition.message}`);
    if (type === 'enum' && values.length === 0 && !optionsFrom) report(`enum form field "${id}" declares no camunda:value and no options property`);
    if (type === 'enum' && values.length > 0 && optionsFrom) report(`enum form field "${id}" declares both camunda:value and an options property`);
    if (type !== 'enum' && (values.length > 0 || optionsFrom)) report(`form field "${id}" declares values but is not of type enum`);
    fields.push({
      id,
      label: stringProperty(field, 'label') ?? id,
      type,
      values,
      ...(optionsFrom ? { optionsFrom } : {}),
      constraints: readConstraints(field, id, report),
      ...(stringProperty(field, 'defaultValue') !== undefined ? { defaultValue: stringProperty(field, 'defaultValue') } : {}),
      ...(visibleWhen !== undefined ? { visibleWhen } : {}),
    });
  }
  return fields;
}

function readConstraints(field: ModdleElement, fieldId: string, report: (message: string) => void): FormFieldConstraints {
  const constraints: FormFieldConstraints = { required: false };
  const validation = field.get('validation') as ModdleElement | undefined;
  for (const constraint of (validation?.get('constraints') as ModdleElement[] | undefined) ?? []) {
    const name = stringProperty(constraint, 'name') as FormConstraintName | undefined;
    const config = stringProperty(constraint, 'config');
    if (!name || !FORM_CONSTRAINT_NAMES.includes(name)) {
      report(`form field "${fieldId}" has constraint "${name ?? ''}"; use one of ${FORM_CONSTRAINT_NAMES.join(', ')}`);
      continue;
    }
    if (name === 'required') { constraints.required = true; continue; }
    if (name === 'pattern') {
      if (config === undefined || !isRegExp(config)) report(`form field "${fieldId}": pattern "${config ?? ''}" is not a regular expression`);
      else constraints.pattern = config;
      continue;
    }
    const limit = Number(config);
    if (config === undefined || config.trim() === '' || !Number.isFinite(limit)) {
      report(`form field "${fieldId}": constraint ${name} needs a numeric config, not "${config ?? ''}"`);
      continue;
    }
    constraints[name] = limit;
  }
  return constraints;
}

/** The value of the field's `camunda:property` with this id: `<camunda:property id="options" value="departments" />` → "departments". */
function propertyOf(field: ModdleElement, id: string): string | undefined {
  const properties = field.get('properties') as ModdleElement | undefined;
  const entries = (properties?.get('values') as ModdleElement[] | undefined) ?? [];
  const entry = entries.find((candidate) => stringProperty(candidate, 'id') === id);
  return entry ? stringProperty(entry, 'value') : undefined;
}

function stringProperty(element: ModdleElement, name: string): string | undefined {
  const value = element.get(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
