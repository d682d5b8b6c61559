import { DefinitionGate, GateOptions } from '../definition-store';
import { formProblems } from '../forms';
import type { HandlerRegistry } from '../handlers/registry';
import { requireOperation } from '../operation-context';
import type { WorkflowEngine } from '../workflow-engine';
import { DiagramMemo } from './diagram-memo';
import { lintDefinition, type LintIssue, type LintOptions } from './lint';
import { gateContextOf } from './lint/types';
import type { GateContext } from './lint/rules';
import { message } from './lint/rules/messages';
import { SourcePositions } from './lint/source-positions';
import { asUtf8Declaration } from './lint/xml-encoding';

export interface GateSettings {
  /** Candidate groups user tasks may name (the organisation's roles). Omitted: groups are not checked. */
  roles?: readonly string[];
}

/**
 * The standard deployment gate: the diagram must parse, pass bpmnlint's recommended rules and ours (process id =
 * key, registered handlers, known roles, restricted expressions over variables the process has, timers the durable
 * timers run, known called processes) and declare task forms the task list can validate against.
 */
export function createDefinitionGate(engine: WorkflowEngine, settings: GateSettings = {}): DefinitionGate {
  return async (xml, processKey, options: GateOptions = {}) => {
    const { manager } = requireOperation('definition gate');
    const knownProcesses = new Set([...(await engine.definitions.processKeys(manager)), processKey, ...engine.keysBeingDeployed]);
    return checkDiagram(xml, {
      ...gateContext(engine.handlers, processKey, settings, options), knownProcesses,
      reportRuleFailure: (rule, message) => engine.logger.reportError(new Error(`lint rule ${rule} failed on ${processKey}: ${message}`)),
    }, engine.formOptions.names());
  };
}

const findings = new DiagramMemo<LintIssue[]>();

/**
 * The gate's findings for a diagram: lint rules, then (when those pass) the task forms, whose enum fields may only
 * take their values from the option lists the application registered. Remembered per diagram and context, unless a
 * lint rule crashed (so that each such crash is reported).
 */
export async function checkDiagram(xml: string, options: LintOptions, knownOptionSources?: ReadonlySet<string>): Promise<LintIssue[]> {
  let ruleCrashed = false;
  const reportRuleFailure = (rule: string, text: string) => {
    ruleCrashed = true;
    options.reportRuleFailure?.(rule, text);
  };
  const context = gateContextOf(options);
  return findings.get(
    [xml, context, [...(knownOptionSources ?? [])]],
    () => inspectDiagram(xml, { ...options, reportRuleFailure }, knownOptionSources),
    () => !ruleCrashed,
  );
}

async function inspectDiagram(xml: string, options: LintOptions, knownOptionSources?: ReadonlySet<string>): Promise<LintIssue[]> {
  const issues = await lintDefinition(xml, options);
  if (issues.some((issue) => issue.severity === 'error')) return issues;
  const text = asUtf8Declaration(xml);
  const positions = new SourcePositions(text);
  const forms: LintIssue[] = (await formProblems(text, knownOptionSources)).map((problem) => ({
    severity: 'error', rule: 'complaint-flow/task-form', elementId: problem.elementId,
    message: message(options.locale ?? 'en', 'form-problem', { problem: problem.message }),
    ...(positions.ofElement(problem.elementId) ?? {}),
  }));
  return [...issues, ...forms];
}

/** What the gate knows beyond the diagram; also what the modeler fetches to lint in the browser alike. */
export function gateContext(handlers: HandlerRegistry, processKey: string | undefined, settings: GateSettings, options: GateOptions = {}): GateContext {
  return {
    locale: options.locale ?? 'en',
    processKey,
    knownHandlers: [...handlers.names()],
    handlerOutputs: handlers.declaredOutputs(),
    knownRoles: settings.roles,
    startData: processKey ? handlers.startDataOf(processKey).map((field) => field.name) : [],
  };
}
