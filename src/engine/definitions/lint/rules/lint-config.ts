import recommended from 'bpmnlint/config/recommended';
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import global from 'bpmnlint/rules/global';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousLabel from 'bpmnlint/rules/superfluous-label';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';
import type { GateContext } from './gate-context';
import type { BpmnlintRuleFactory } from './rule';
import { COMPLAINT_FLOW_RULES } from './rule-set';

/** Our rules are configured as `complaint-flow/<rule>`; bpmnlint resolves that to this package name. */
export const PLUGIN_PACKAGE = 'bpmnlint-plugin-complaint-flow';

export interface BpmnlintConfig {
  extends?: string | string[];
  rules?: Record<string, string | [string, unknown]>;
}

/** What bpmnlint's Linter (server) and bpmn-js-bpmnlint's `linting.bpmnlint` option (modeler) both take. */
export interface LintConfig {
  config: BpmnlintConfig;
  resolver: {
    resolveRule(pkg: string, ruleName: string): BpmnlintRuleFactory;
    resolveConfig(pkg: string, configName: string): BpmnlintConfig;
  };
}

/** bpmnlint's recommended rules, imported statically so a bundler for the browser sees every one. */
const RECOMMENDED_RULES: Readonly<Record<string, BpmnlintRuleFactory>> = {
  'ad-hoc-sub-process': adHocSubProcess,
  'conditional-flows': conditionalFlows,
  'end-event-required': endEventRequired,
  'event-based-gateway': eventBasedGateway,
  'event-sub-process-typed-start-event': eventSubProcessTypedStartEvent,
  'fake-join': fakeJoin,
  'global': global,
  'label-required': labelRequired,
  'link-event': linkEvent,
  'no-bpmndi': noBpmndi,
  'no-complex-gateway': noComplexGateway,
  'no-disconnected': noDisconnected,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'no-gateway-join-fork': noGatewayJoinFork,
  'no-implicit-split': noImplicitSplit,
  'no-implicit-end': noImplicitEnd,
  'no-implicit-start': noImplicitStart,
  'no-inclusive-gateway': noInclusiveGateway,
  'no-overlapping-elements': noOverlappingElements,
  'single-blank-start-event': singleBlankStartEvent,
  'single-event-definition': singleEventDefinition,
  'start-event-required': startEventRequired,
  'sub-process-blank-start-event': subProcessBlankStartEvent,
  'superfluous-gateway': superfluousGateway,
  'superfluous-label': superfluousLabel,
  'superfluous-termination': superfluousTermination,
};

const OUR_RULE_LEVELS: Readonly<Record<string, 'error' | 'warn'>> = {
  'process-required': 'error',
  'process-key': 'error',
  'user-task-assignment': 'error',
  'known-candidate-groups': 'error',
  'known-handler': 'error',
  'business-rule-task': 'warn',
  'no-scripts': 'error',
  'restricted-expressions': 'error',
  'timer-definitions': 'error',
  'known-variables': 'error',
  'possibly-unknown-variables': 'warn',
  'known-called-process': 'error',
};

/**
 * The deployment gate's bpmnlint configuration and the resolver that loads only what it names (a rule name cannot
 * turn into an arbitrary require). The server lints with it, and the modeler passes the same object to
 * bpmn-js-bpmnlint, with the GateContext it fetched from the server, so both judge a diagram alike.
 */
export function createLintConfig(context: GateContext): LintConfig {
  const ours = Object.fromEntries(Object.entries(OUR_RULE_LEVELS).map(([rule, level]): [string, [string, unknown]] => [`complaint-flow/${rule}`, [level, context]]));
  return {
    config: {
      extends: 'bpmnlint:recommended',
      // Diagrams written by programs have no diagram interchange (layout) section, and the engine never reads it.
      rules: { 'no-bpmndi': 'off', ...ours },
    },
    resolver: {
      resolveRule(pkg, ruleName) {
        if (pkg === PLUGIN_PACKAGE && ruleName in COMPLAINT_FLOW_RULES) return COMPLAINT_FLOW_RULES[ruleName];
        if (pkg === 'bpmnlint' && ruleName in RECOMMENDED_RULES) return RECOMMENDED_RULES[ruleName];
        throw new Error(`unknown bpmnlint rule ${pkg}/${ruleName}`);
      },
      resolveConfig(pkg, configName) {
        if (pkg === 'bpmnlint' && configName === 'recommended') return recommended as BpmnlintConfig;
        throw new Error(`unknown bpmnlint config ${pkg}:${configName}`);
      },
    },
  };
}
