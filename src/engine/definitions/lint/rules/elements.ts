/** The parts of a bpmn-moddle element the rules use (no Node-only imports here: the modeler bundles this folder). */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $attrs?: Record<string, string>;
  /** Generic elements of unknown namespaces (vendor extensions) may lack a descriptor or its properties. */
  $descriptor?: { properties?: ModdlePropertyDescriptor[] };
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

export function is(element: ModdleElement, type: string): boolean {
  return typeof element.$instanceOf === 'function' && element.$instanceOf(type);
}

/** A property read that never throws on foreign elements. */
export function propertyOf(element: ModdleElement, name: string): unknown {
  try {
    return typeof element.get === 'function' ? element.get(name) : undefined;
  } catch {
    return undefined;
  }
}

export function attributeOf(element: ModdleElement, name: string): string | undefined {
  const value = propertyOf(element, name) ?? element.$attrs?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function listOf(element: ModdleElement | undefined, name: string): ModdleElement[] {
  if (!element) return [];
  const value = propertyOf(element, name);
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
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

/** The extension elements of a flow element (camunda:formData, camunda:inputOutput, vendor elements …). */
export function extensionValues(element: ModdleElement): ModdleElement[] {
  return listOf(propertyOf(element, 'extensionElements') as ModdleElement | undefined, 'values');
}
