/// <reference path="../../../../src/types/bpmnlint.d.ts" />
import type { GateContext } from '../../../../src/engine/definitions/lint/rules/gate-context';
import { createLintConfig, type LintConfig } from '../../../../src/engine/definitions/lint/rules/lint-config';
import { translateBpmnlint } from '../../../../src/engine/definitions/lint/rules/messages';
import type { BpmnlintRuleFactory } from '../../../../src/engine/definitions/lint/rules/rule';

type Reporter = Parameters<ReturnType<BpmnlintRuleFactory>['check']>[1];

/**
 * The linter configuration for bpmn-js-bpmnlint: the deployment gate's own configuration and rule pack
 * (createLintConfig, src/engine/definitions/lint), with the GateContext the server hands out for this process
 * (GET /processes/:key/lint-context), so the modeler flags exactly what a deployment would refuse. bpmnlint's own
 * rules report in English; their messages are put into the context's language as the server does for its answers.
 */
export function modelerLintConfig(context: GateContext): LintConfig {
  const { config, resolver } = createLintConfig(context);
  const locale = context.locale ?? 'en';
  return {
    config,
    resolver: {
      resolveConfig: (pkg, name) => resolver.resolveConfig(pkg, name),
      resolveRule: (pkg, name) => (pkg === 'bpmnlint' && locale !== 'en' ? translated(resolver.resolveRule(pkg, name), (text) => translateBpmnlint(locale, text)) : resolver.resolveRule(pkg, name)),
    },
  };
}

function translated(factory: BpmnlintRuleFactory, translate: (text: string) => string): BpmnlintRuleFactory {
  const wrapped = (config?: unknown) => {
    const rule = factory(config);
    return {
      ...rule,
      check(node: Parameters<typeof rule.check>[0], reporter: Reporter) {
        const inLanguage = Object.create(reporter) as Reporter;
        inLanguage.report = (id, message, ...rest: unknown[]) => (reporter.report as (...args: unknown[]) => void)(id, translate(message), ...rest);
        rule.check(node, inLanguage);
      },
    };
  };
  return wrapped as BpmnlintRuleFactory;
}
