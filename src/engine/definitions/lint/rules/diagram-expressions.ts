import { attributeOf, is, listOf, propertyOf, type ModdleElement } from './elements';
import { parameterLabel } from './rule';

const TIMER_PROPERTIES = ['timeDate', 'timeDuration', 'timeCycle'] as const;

/** Checked unconditionally by its own branch below; the `$` scan would report it twice. */
const ALWAYS_EVALUATED_ATTRIBUTES = new Set(['camunda:collection']);

export interface DiagramExpression {
  /** Where a problem is reported: timers on their event, parameters on their task. */
  element: ModdleElement;
  /** `condition`, `timer timeDuration`, `camunda:dueDate`, `output parameter "x"` … */
  subject: string;
  source: string;
}

/**
 * Every diagram string the engine evaluates as an expression on this node. What is evaluated follows bpmn-server
 * 2.3.8: flow conditions, the multi-instance collection, list/map entries and output parameter values always;
 * timers, input parameter text and camunda attributes only when they start with "$".
 */
export function expressionsOf(node: ModdleElement): DiagramExpression[] {
  const found: DiagramExpression[] = [];
  const add = (subject: string, source: string, element: ModdleElement = node) => found.push({ element, subject, source });

  if (is(node, 'bpmn:SequenceFlow')) {
    const body = conditionOf(node);
    if (body?.trim()) add('condition', body);
  } else if (is(node, 'bpmn:TimerEventDefinition')) {
    // Reported on the event: a modeler gives the definition an id of its own, which says nothing to the reader.
    const event = node.$parent ?? node;
    for (const property of TIMER_PROPERTIES) {
      const body = bodyOf(propertyOf(node, property));
      if (body?.trim().startsWith('$')) add(`timer ${property}`, body, event);
    }
  } else if (is(node, 'bpmn:MultiInstanceLoopCharacteristics')) {
    const collection = attributeOf(node, 'camunda:collection');
    if (collection) add('multi-instance camunda:collection', collection);
  } else if (is(node, 'camunda:InputOutputParameter')) {
    parameterExpressions(node, add);
  }
  for (const [name, value] of camundaAttributes(node)) {
    if (!ALWAYS_EVALUATED_ATTRIBUTES.has(name) && value.trim().startsWith('$')) add(name, value);
  }
  return found;
}

/** The condition text of a sequence flow: undefined without a condition, '' for an empty one. */
export function conditionOf(flow: ModdleElement): string | undefined {
  const condition = propertyOf(flow, 'conditionExpression');
  if (!condition) return undefined;
  return bodyOf(condition) ?? '';
}

function parameterExpressions(parameter: ModdleElement, add: (subject: string, source: string) => void): void {
  const label = parameterLabel(parameter);
  const definition = propertyOf(parameter, 'definition') as ModdleElement | undefined;
  if (!definition) {
    const value = attributeOf(parameter, 'value');
    if (value && (is(parameter, 'camunda:OutputParameter') || value.trim().startsWith('$'))) add(label, value);
  } else if (is(definition, 'camunda:List')) {
    listOf(definition, 'items').forEach((item, index) => {
      const value = attributeOf(item, 'value');
      if (value) add(`${label} list item ${index + 1}`, value);
    });
  } else if (is(definition, 'camunda:Map')) {
    for (const entry of listOf(definition, 'entries')) {
      const value = attributeOf(entry, 'value');
      if (value) add(`${label} map entry "${String(propertyOf(entry, 'key') ?? '')}"`, value);
    }
  }
}

/** Typed camunda properties (camunda-bpmn-moddle knows them) and unknown camunda:* attributes kept in $attrs. */
function camundaAttributes(element: ModdleElement): Array<[string, string]> {
  const typed = (element.$descriptor?.properties ?? [])
    .filter((property) => property.isAttr && property.ns?.prefix === 'camunda')
    .map((property): [string, unknown] => [property.ns.name, propertyOf(element, property.ns.name)]);
  const untyped = Object.entries(element.$attrs ?? {}).filter(([name]) => name.startsWith('camunda:'));
  return [...typed, ...untyped].filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

export function bodyOf(expression: unknown): string | undefined {
  const body = (expression as { body?: unknown } | undefined)?.body;
  return typeof body === 'string' ? body : undefined;
}
