/** The parts of a bpmn-moddle element the rules use. */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $attrs?: Record<string, string>;
  $descriptor: { properties: ModdlePropertyDescriptor[] };
  id?: string;
  name?: string;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
}

export interface ModdlePropertyDescriptor {
  name: string;
  isAttr?: boolean;
  ns: { name: string; prefix: string; localName: string };
}

export interface ModdleWarning {
  message: string;
  element?: ModdleElement;
  property?: string;
}

export interface ParsedDefinition {
  rootElement: ModdleElement;
  elementsById: Record<string, ModdleElement>;
  warnings: ModdleWarning[];
}

interface BpmnModdle {
  fromXML(xml: string): Promise<ParsedDefinition>;
}

type BpmnModdleConstructor = new (packages: Record<string, unknown>) => BpmnModdle;

// camunda:candidateGroups, camunda:inputOutput, … become typed properties instead of $attrs/generic elements.
const camundaPackage: unknown = require('camunda-bpmn-moddle/resources/camunda.json');

let moddle: BpmnModdle | undefined;

export function bpmnModdle(): BpmnModdle {
  moddle ??= new (loadBpmnModdleConstructor())({ camunda: camundaPackage });
  return moddle;
}

/**
 * bpmn-moddle 10 is ESM-only and ships no typings for its entry point; Node ≥ 20.19 require()s it, giving
 * `{ BpmnModdle }`. A CommonJS build of it exports the constructor itself, so both shapes are accepted.
 */
function loadBpmnModdleConstructor(): BpmnModdleConstructor {
  const loaded = require('bpmn-moddle') as { BpmnModdle?: BpmnModdleConstructor } | BpmnModdleConstructor;
  const constructor = typeof loaded === 'function' ? loaded : loaded.BpmnModdle;
  if (!constructor) throw new Error('bpmn-moddle does not export BpmnModdle');
  return constructor;
}

export function attributeOf(element: ModdleElement, name: string): string | undefined {
  const value = element.get(name) ?? element.$attrs?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The element itself or its closest ancestor that has an id: where a report about a nested element belongs. */
export function identifiedElement(element: ModdleElement): ModdleElement {
  let current: ModdleElement | undefined = element;
  while (current && !current.id) current = current.$parent;
  return current ?? element;
}

/** `userTask "审核投诉" (Task_Review)` */
export function describeElement(element: ModdleElement): string {
  const type = element.$type.replace(/^bpmn:/, '');
  const kind = type.charAt(0).toLowerCase() + type.slice(1);
  const name = element.name ? ` "${element.name}"` : '';
  return element.id ? `${kind}${name} (${element.id})` : `${kind}${name}`;
}
