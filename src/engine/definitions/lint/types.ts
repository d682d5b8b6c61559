import type { GateContext } from './rules/gate-context';

export type LintSeverity = 'error' | 'warning';

export interface LintIssue {
  severity: LintSeverity;
  /** bpmnlint rule name, `complaint-flow/<rule>` for ours, `bpmn-parse` for XML/model problems. */
  rule: string;
  /** Names the element once (`userTask "审核" (review): …`), in the locale asked for. */
  message: string;
  elementId?: string;
  /** 1-based, like editors. */
  line?: number;
  column?: number;
}

/** The GateContext, with sets accepted where the context has lists. */
export type LintOptions = Omit<GateContext, 'knownHandlers' | 'knownProcesses' | 'knownRoles' | 'startData'> & {
  /** Service handler names (serviceTask/sendTask/businessRuleTask `implementation` or `camunda:delegateExpression`). */
  knownHandlers: Iterable<string>;
  /** What a callActivity may call (deployed process keys). When omitted, `calledElement` is only required to be present. */
  knownProcesses?: Iterable<string>;
  knownRoles?: Iterable<string>;
  startData?: Iterable<string>;
  /** Receives the internal error of a lint rule that crashed (the issue itself only says the check failed). */
  reportRuleFailure?: (rule: string, message: string) => void;
};

export function gateContextOf(options: LintOptions): GateContext {
  const list = (values: Iterable<string> | undefined) => (values === undefined ? undefined : [...values]);
  return {
    ...options,
    knownHandlers: [...options.knownHandlers],
    knownProcesses: list(options.knownProcesses),
    knownRoles: list(options.knownRoles),
    startData: list(options.startData),
  };
}
