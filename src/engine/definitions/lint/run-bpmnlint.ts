import type { KnownCalledProcessConfig } from './rules/known-called-process';
import type { KnownHandlerConfig } from './rules/known-handler';
import { COMPLAINT_FLOW_RULES } from './rules';
import type { BpmnlintRuleFactory } from './rules/rule';
import type { ModdleElement } from './moddle';
import type { LintOptions, LintSeverity } from './types';

const PLUGIN_PACKAGE = 'bpmnlint-plugin-complaint-flow';

interface BpmnlintConfig {
  extends?: string | string[];
  rules?: Record<string, string | [string, unknown]>;
}

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

/** Loads only what we configure, so a rule name cannot turn into an arbitrary require. */
const resolver = {
  resolveRule(pkg: string, ruleName: string): BpmnlintRuleFactory {
    if (pkg === PLUGIN_PACKAGE && ruleName in COMPLAINT_FLOW_RULES) return COMPLAINT_FLOW_RULES[ruleName];
    if (pkg === 'bpmnlint' && ruleName in recommended.rules) {
      return require(`bpmnlint/rules/${ruleName}`) as BpmnlintRuleFactory;
    }
    throw new Error(`unknown bpmnlint rule ${pkg}/${ruleName}`);
  },
  resolveConfig(pkg: string, configName: string): BpmnlintConfig {
    if (pkg === 'bpmnlint' && configName === 'recommended') return recommended;
    throw new Error(`unknown bpmnlint config ${pkg}:${configName}`);
  },
};

function lintConfig(options: LintOptions): BpmnlintConfig {
  const handlers: KnownHandlerConfig = { knownHandlers: options.knownHandlers };
  const processes: KnownCalledProcessConfig = { knownProcesses: options.knownProcesses };
  return {
    extends: 'bpmnlint:recommended',
    rules: {
      // Diagrams written by programs have no diagram interchange (layout) section, and the engine never reads it.
      'no-bpmndi': 'off',
      'complaint-flow/process-required': 'error',
      'complaint-flow/user-task-assignment': 'error',
      'complaint-flow/known-handler': ['error', handlers],
      'complaint-flow/business-rule-task': 'warn',
      'complaint-flow/no-scripts': 'error',
      'complaint-flow/restricted-expressions': 'error',
      'complaint-flow/known-called-process': ['error', processes],
    },
  };
}

/** bpmnlint's recommended rules plus ours over a parsed model; a new Linter per run because it caches configured rules. */
export async function runBpmnlint(definitions: ModdleElement, options: LintOptions): Promise<RuleReport[]> {
  const results = await new Linter({ resolver }).lint(definitions, lintConfig(options));
  return Object.entries(results).flatMap(([rule, reports]) =>
    reports.map((report) => ({
      rule,
      severity: report.category === 'warn' || report.category === 'info' ? ('warning' as const) : ('error' as const),
      // A crashing rule refuses the diagram; its internal error text goes to the operator's log, not to the client.
      message: report.category === 'rule-error' ? ruleFailed(rule, report.message, options) : report.message,
      elementId: report.id,
    })),
  );
}

function ruleFailed(rule: string, internalMessage: string, options: LintOptions): string {
  options.reportRuleFailure?.(rule, internalMessage);
  return `the check ${rule} could not examine this diagram, so it is refused; the failure was logged for the operator`;
}
