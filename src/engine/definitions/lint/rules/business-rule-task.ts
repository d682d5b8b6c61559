import { attributeOf } from '../moddle-element';
import { defineRule, is } from './rule';

/**
 * bpmn-server 2.3.8's BusinessRuleTask.run only evaluates the DMN file named by camunda:decisionRef and never calls
 * the task's implementation, so without a decisionRef the task completes having done nothing.
 */
export const businessRuleTask = defineRule((node, report) => {
  if (is(node, 'bpmn:BusinessRuleTask') && !attributeOf(node, 'camunda:decisionRef')) {
    report(node, 'has no camunda:decisionRef: bpmn-server runs business rule tasks only as DMN decisions and never calls their implementation, so this task does nothing');
  }
});
