import { attributeOf, type ModdleElement } from './elements';
import { closestName, defineRule, is, listed } from './rule';
import { message } from './messages';

const HANDLER_TASK_TYPES = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'];

/** bpmn-server calls `implementation`, else `camunda:delegateExpression`, as a dotted path into the services provider. */
export const knownHandler = defineRule('known-handler', (node, report, { knownHandlers, locale = 'en' }) => {
  if (!HANDLER_TASK_TYPES.some((type) => is(node, type))) return;
  const handler = handlerOf(node);
  if (!handler) {
    report(node, 'handler-missing');
  } else if (!knownHandlers.includes(handler)) {
    const closest = closestName(handler, knownHandlers);
    const suggestion = closest ? message(locale, 'did-you-mean', { name: closest }) : '';
    report(node, 'handler-unknown', { handler, suggestion, known: listed(knownHandlers) });
  }
});

export function handlerOf(node: ModdleElement): string | undefined {
  return attributeOf(node, 'implementation') ?? attributeOf(node, 'camunda:delegateExpression');
}
