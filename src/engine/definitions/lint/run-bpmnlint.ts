import { type BpmnlintConfig, bpmnlintResolver, lintConfig } from './lint-config';
import type { BpmnlintRuleFactory } from './rules/rule';
import type { ModdleElement } from './moddle';
import type { LintOptions, LintSeverity } from './types';

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
const recommended = require('bpmnlint/config/recommended') as Required<Pick<BpmnlintConfig, 'rules'>>;

export interface RuleReport {
  rule: string;
  severity: LintSeverity;
  message: string;
  elementId?: string;
}

const resolver = bpmnlintResolver(recommended, (ruleName) => require(`bpmnlint/rules/${ruleName}`) as BpmnlintRuleFactory);

/** bpmnlint's recommended rules plus ours over a parsed model; a new Linter per run because it caches configured rules. */
export async function runBpmnlint(definitions: ModdleElement, options: LintOptions): Promise<RuleReport[]> {
  const results = await new Linter({ resolver }).lint(definitions, lintConfig(options));
  return Object.entries(results).flatMap(([rule, reports]) =>
    reports.map((report) => ({
      rule,
      severity: report.category === 'warn' || report.category === 'info' ? ('warning' as const) : ('error' as const),
      message: report.category === 'rule-error' ? `the rule failed: ${report.message}` : report.message,
      elementId: report.id,
    })),
  );
}
