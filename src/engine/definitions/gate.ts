import { DefinitionGate } from '../definition-store';
import { formProblems } from '../forms';
import { requireOperation } from '../operation-context';
import type { WorkflowEngine } from '../workflow-engine';
import { lintDefinition } from './lint';

/**
 * The standard deployment gate: the diagram must parse, pass bpmnlint's recommended rules and ours, name only
 * registered handlers, use only the restricted expression language, call only known processes, and declare
 * task forms the task list can validate against.
 */
export function createDefinitionGate(engine: WorkflowEngine): DefinitionGate {
  return async (xml, processKey) => {
    const { manager } = requireOperation('definition gate');
    const knownProcesses = new Set([...(await engine.definitions.processKeys(manager)), processKey, ...engine.keysBeingDeployed]);
    const issues = await lintDefinition(xml, { knownHandlers: engine.handlers.names(), knownProcesses });
    if (issues.some((issue) => issue.severity === 'error')) return issues;
    const forms = await formProblems(xml, engine.formOptions.names());
    return [...issues, ...forms.map((problem) => ({ severity: 'error', message: `form: ${problem.message}`, elementId: problem.elementId }))];
  };
}
