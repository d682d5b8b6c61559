import { attributeOf } from '../moddle-element';
import { defineRule, is } from './rule';

export interface KnownCalledProcessConfig {
  knownProcesses?: ReadonlySet<string>;
}

/** bpmn-server starts `calledElement` by model name (engine.start(calledElement, …)). */
export const knownCalledProcess = defineRule<KnownCalledProcessConfig>((node, report, { knownProcesses }) => {
  if (!is(node, 'bpmn:CallActivity')) return;
  const calledElement = attributeOf(node, 'calledElement');
  if (!calledElement) {
    report(node, 'calls no process: calledElement is empty');
  } else if (knownProcesses && !knownProcesses.has(calledElement)) {
    report(node, `calls process "${calledElement}", which is not deployed`);
  }
});
