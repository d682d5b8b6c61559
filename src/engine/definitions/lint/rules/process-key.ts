import { listOf, propertyOf } from './elements';
import { defineRule, is } from './rule';

/**
 * The key a diagram is deployed as names the process new instances of that key run, so the diagram's executable
 * process must be that process. Ids are compared ignoring case, "-" and "_" (key complaint-lifecycle, id
 * complaintLifecycle), because keys are file names and ids are often camel case.
 */
export const processKey = defineRule('process-key', (node, report, { processKey: key }) => {
  if (!key || !is(node, 'bpmn:Definitions')) return;
  const processes = listOf(node, 'rootElements').filter((element) => is(element, 'bpmn:Process'));
  if (processes.length === 0) return; // process-required reports it
  const flagged = processes.filter((element) => propertyOf(element, 'isExecutable') === true);
  const executable = flagged.length > 0 ? flagged : processes;
  if (executable.length > 1) {
    report(node, 'process-key-several', { key, ids: executable.map((element) => element.id ?? '?').join(', ') });
  } else if (!sameKey(executable[0].id ?? '', key)) {
    report(executable[0], 'process-key-mismatch', { key, processId: executable[0].id ?? '' });
  }
});

export function sameKey(processId: string, key: string): boolean {
  const normal = (text: string) => text.toLowerCase().replace(/[-_]/g, '');
  return normal(processId) === normal(key);
}
