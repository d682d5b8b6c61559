/**
 * What the lint rules read of a bpmn-moddle element, and helpers over it. No loading of moddle here, so the rule
 * pack bundles for the browser (the modeler lints with exactly the rules of the deployment gate).
 */
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
