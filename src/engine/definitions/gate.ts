import { DefinitionGate } from '../definition-store';
import { requireOperation } from '../operation-context';
import type { WorkflowEngine } from '../workflow-engine';
import { lintDefinition } from './lint';

/**
 * The standard deployment gate: the diagram must parse, pass bpmnlint's recommended rules and ours, name only
 * registered handlers, use only the restricted expression language, and call only known processes.
 */
export function createDefinitionGate(engine: WorkflowEngine): DefinitionGate {
  return async (xml, processKey) => {
    const { manager } = requireOperation('definition gate');
    const knownProcesses = new Set([...(await engine.definitions.processKeys(manager)), processKey, ...engine.keysBeingDeployed]);
    return lintDefinition(xml, { knownHandlers: engine.handlers.names(), knownProcesses });
  };
}
