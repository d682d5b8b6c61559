import { listOf } from './elements';
import { defineRule, is } from './rule';

export const processRequired = defineRule('process-required', (node, report) => {
  if (!is(node, 'bpmn:Definitions')) return;
  if (!listOf(node, 'rootElements').some((element) => is(element, 'bpmn:Process'))) report(node, 'process-required');
});
