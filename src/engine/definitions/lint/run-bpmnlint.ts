import type { ModdleElement } from './moddle';
import { createLintConfig, type BpmnlintConfig } from './rules/lint-config';
import type { GateContext } from './rules/gate-context';
import { translateBpmnlint } from './rules/messages';
import type { LintSeverity } from './types';

interface BpmnlintReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

interface BpmnlintLinter {
  lint(root: ModdleElement, config: BpmnlintConfig): Promise<Record<string, BpmnlintReport[]>>;
}

type LinterConstructor = new (options: { resolver: unknown }) => BpmnlintLinter;

const { Linter } = require('bpmnlint') as { Linter: LinterConstructor };

export interface RuleReport {
  rule: string;
  severity: LintSeverity;
  message: string;
  elementId?: string;
}

/** bpmnlint's recommended rules plus ours over a parsed model; a new Linter per run because it caches configured rules. */
export async function runBpmnlint(
  definitions: ModdleElement, context: GateContext, reportRuleFailure?: (rule: string, message: string) => void,
): Promise<RuleReport[]> {
  const { config, resolver } = createLintConfig(context);
  const results = await withoutConsoleError(() => new Linter({ resolver }).lint(definitions, config));
  const locale = context.locale ?? 'en';
  return Object.entries(results).flatMap(([rule, reports]) =>
    reports.map((report) => ({
      rule,
      severity: report.category === 'warn' || report.category === 'info' ? ('warning' as const) : ('error' as const),
      // A crashing rule refuses the diagram; its internal error text goes to the operator's log, not to the client.
      message: report.category === 'rule-error'
        ? ruleFailed(rule, report.message, reportRuleFailure)
        : rule.startsWith('complaint-flow/') ? report.message : translateBpmnlint(locale, report.message),
      elementId: report.id,
    })),
  );
}

/** bpmnlint prints a failing rule's stack to the console as well as reporting it; the report is what we keep. */
async function withoutConsoleError<T>(work: () => Promise<T>): Promise<T> {
  const original = console.error;
  console.error = () => undefined;
  try { return await work(); } finally { console.error = original; }
}

function ruleFailed(rule: string, internalMessage: string, reportRuleFailure?: (rule: string, message: string) => void): string {
  reportRuleFailure?.(rule, internalMessage);
  return `the check ${rule} could not examine this diagram, so it is refused; the failure was logged for the operator`;
}
