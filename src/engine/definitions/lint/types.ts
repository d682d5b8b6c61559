export type LintSeverity = 'error' | 'warning';

export interface LintIssue {
  severity: LintSeverity;
  /** bpmnlint rule name, `complaint-flow/<rule>` for ours, `bpmn-parse` for XML/model problems. */
  rule: string;
  message: string;
  elementId?: string;
  /** 1-based, like editors. */
  line?: number;
  column?: number;
}

export interface LintOptions {
  /** Service handler names (serviceTask/sendTask/businessRuleTask `implementation` or `camunda:delegateExpression`). */
  knownHandlers: ReadonlySet<string>;
  /**
   * What a callActivity may call: bpmn-server passes `calledElement` to engine.start(name), so these are deployed model
   * names. When omitted, `calledElement` is only required to be present.
   */
  knownProcesses?: ReadonlySet<string>;
  /** Receives the internal error of a lint rule that crashed (the issue itself only says the check failed). */
  reportRuleFailure?: (rule: string, message: string) => void;
}
