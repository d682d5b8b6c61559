import { checkExpression } from '../../../expressions';
import { attributeOf, type ModdleElement } from '../moddle-element';
import { defineRule, excerpt, is, parameterLabel, type Report } from './rule';

const TIMER_PROPERTIES = ['timeDate', 'timeDuration', 'timeCycle'];

/** Checked unconditionally by its own branch below; the `$` scan would report it twice. */
const ALWAYS_EVALUATED_ATTRIBUTES = new Set(['camunda:collection']);

/**
 * Every diagram string the engine evaluates must be a valid restricted (FEEL) expression. What is evaluated follows
 * bpmn-server 2.3.8: flow conditions, the multi-instance collection, list/map entries and output parameter values
 * always; timers, input parameter text and camunda attributes only when they start with "$".
 */
export const restrictedExpressions = defineRule((node, report) => {
  const check = (subject: string, source: string) => checkSource(node, subject, source, report);

  if (is(node, 'bpmn:SequenceFlow')) {
    checkCondition(node, report);
  } else if (is(node, 'bpmn:TimerEventDefinition')) {
    // Reported on the event: a modeler gives the definition an id of its own, which says nothing to the reader.
    const event = node.$parent ?? node;
    for (const property of TIMER_PROPERTIES) {
      const body = bodyOf(node.get(property));
      if (body?.trim().startsWith('$')) checkSource(event, `timer ${property}`, body, report);
    }
  } else if (is(node, 'bpmn:MultiInstanceLoopCharacteristics')) {
    const collection = attributeOf(node, 'camunda:collection');
    if (collection) check('multi-instance camunda:collection', collection);
  } else if (is(node, 'camunda:InputOutputParameter')) {
    checkParameter(node, check);
  }
  for (const [name, value] of camundaAttributes(node)) {
    if (!ALWAYS_EVALUATED_ATTRIBUTES.has(name) && value.trim().startsWith('$')) check(name, value);
  }
});

function checkCondition(flow: ModdleElement, report: Report): void {
  const condition = flow.get('conditionExpression');
  if (!condition) return;
  const body = bodyOf(condition);
  if (!body?.trim()) {
    report(flow, 'has an empty conditionExpression, so the flow is never taken');
  } else {
    checkSource(flow, 'condition', body, report);
  }
}

function checkParameter(parameter: ModdleElement, check: (subject: string, source: string) => void): void {
  const label = parameterLabel(parameter);
  const definition = parameter.get('definition') as ModdleElement | undefined;
  if (!definition) {
    const value = attributeOf(parameter, 'value');
    if (value && (is(parameter, 'camunda:OutputParameter') || value.trim().startsWith('$'))) check(label, value);
  } else if (is(definition, 'camunda:List')) {
    (definition.get('items') as ModdleElement[]).forEach((item, index) => {
      const value = attributeOf(item, 'value');
      if (value) check(`${label} list item ${index + 1}`, value);
    });
  } else if (is(definition, 'camunda:Map')) {
    for (const entry of definition.get('entries') as ModdleElement[]) {
      const value = attributeOf(entry, 'value');
      if (value) check(`${label} map entry "${String(entry.get('key') ?? '')}"`, value);
    }
  }
}

function checkSource(element: ModdleElement, subject: string, source: string, report: Report): void {
  const result = checkExpression(source);
  if (!result.ok) report(element, `${subject} ${excerpt(source, 80)} is rejected: ${result.message}`);
}

/** Typed camunda properties (camunda-bpmn-moddle knows them) and unknown camunda:* attributes kept in $attrs. */
function camundaAttributes(element: ModdleElement): Array<[string, string]> {
  const typed = element.$descriptor.properties
    .filter((property) => property.isAttr && property.ns.prefix === 'camunda')
    .map((property): [string, unknown] => [property.ns.name, element.get(property.ns.name)]);
  const untyped = Object.entries(element.$attrs ?? {}).filter(([name]) => name.startsWith('camunda:'));
  return [...typed, ...untyped].filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

function bodyOf(expression: unknown): string | undefined {
  const body = (expression as { body?: unknown } | undefined)?.body;
  return typeof body === 'string' ? body : undefined;
}
