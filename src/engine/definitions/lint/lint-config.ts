import { COMPLAINT_FLOW_RULES } from './rules';
import type { KnownCalledProcessConfig } from './rules/known-called-process';
import type { KnownHandlerConfig } from './rules/known-handler';
import type { BpmnlintRuleFactory } from './rules/rule';
import type { LintOptions } from './types';

/**
 * The bpmnlint configuration of the deployment gate, shared by the server (run-bpmnlint.ts) and the modeler in
 * the console (bundled by vite), so what one accepts the other accepts. Only bpmnlint's recommended rules and
 * ours resolve: a rule name cannot turn into an arbitrary module load.
 */
export const PLUGIN_PACKAGE = 'bpmnlint-plugin-complaint-flow';

export interface BpmnlintConfig {
  extends?: string | string[];
  rules?: Record<string, string | [string, unknown]>;
}

export interface BpmnlintResolver {
  resolveRule(pkg: string, ruleName: string): BpmnlintRuleFactory;
  resolveConfig(pkg: string, configName: string): BpmnlintConfig;
}

export function lintConfig(options: LintOptions): BpmnlintConfig {
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

/**
 * @param recommended bpmnlint's `config/recommended`
 * @param recommendedRule loads one of its rules by name (require in Node, a static import map in the browser)
 */
export function bpmnlintResolver(recommended: Required<Pick<BpmnlintConfig, 'rules'>>, recommendedRule: (name: string) => BpmnlintRuleFactory): BpmnlintResolver {
  return {
    resolveRule(pkg, ruleName) {
      if (pkg === PLUGIN_PACKAGE && ruleName in COMPLAINT_FLOW_RULES) return COMPLAINT_FLOW_RULES[ruleName];
      if (pkg === 'bpmnlint' && ruleName in recommended.rules) return recommendedRule(ruleName);
      throw new Error(`unknown bpmnlint rule ${pkg}/${ruleName}`);
    },
    resolveConfig(pkg, configName) {
      if (pkg === 'bpmnlint' && configName === 'recommended') return recommended;
      throw new Error(`unknown bpmnlint config ${pkg}:${configName}`);
    },
  };
}
