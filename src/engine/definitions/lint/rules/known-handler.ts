import { attributeOf, type ModdleElement } from '../moddle-element';
import { defineRule, is } from './rule';

const HANDLER_TASK_TYPES = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'];

export interface KnownHandlerConfig {
  knownHandlers: ReadonlySet<string>;
}

/** bpmn-server calls `implementation`, else `camunda:delegateExpression`, as a dotted path into the services provider. */
export const knownHandler = defineRule<KnownHandlerConfig>((node, report, { knownHandlers }) => {
  if (!HANDLER_TASK_TYPES.some((type) => is(node, type))) return;
  const handler = handlerOf(node);
  if (!handler) {
    report(node, 'names no handler: set implementation or camunda:delegateExpression to a known service handler');
  } else if (!knownHandlers.has(handler)) {
    report(node, `calls handler "${handler}", which is not a known service handler (known: ${listed(knownHandlers)})`);
  }
});

function handlerOf(node: ModdleElement): string | undefined {
  return attributeOf(node, 'implementation') ?? attributeOf(node, 'camunda:delegateExpression');
}

function listed(names: ReadonlySet<string>): string {
  const sorted = [...names].sort();
  if (sorted.length === 0) return 'none';
  return sorted.length > 12 ? `${sorted.slice(0, 12).join(', ')}, …` : sorted.join(', ');
}
