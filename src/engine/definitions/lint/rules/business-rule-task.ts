import { attributeOf } from './elements';
import { defineRule, is } from './rule';

/**
 * bpmn-server 2.3.8's BusinessRuleTask.run only evaluates the DMN file named by camunda:decisionRef and never calls
 * the task's implementation, so without a decisionRef the task completes having done nothing.
 */
export const businessRuleTask = defineRule('business-rule-task', (node, report) => {
  if (is(node, 'bpmn:BusinessRuleTask') && !attributeOf(node, 'camunda:decisionRef')) report(node, 'business-rule-task');
});
