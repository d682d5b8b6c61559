import { attributeOf } from './elements';
import { defineRule, is } from './rule';

/** bpmn-server starts `calledElement` by model name (engine.start(calledElement, …)). */
export const knownCalledProcess = defineRule('known-called-process', (node, report, { knownProcesses }) => {
  if (!is(node, 'bpmn:CallActivity')) return;
  const calledElement = attributeOf(node, 'calledElement');
  if (!calledElement) {
    report(node, 'called-element-missing');
  } else if (knownProcesses && !knownProcesses.includes(calledElement)) {
    report(node, 'called-element-unknown', { process: calledElement });
  }
});
