export { COMPLAINT_FLOW_RULES } from './rule-set';
export { createLintConfig, PLUGIN_PACKAGE, type BpmnlintConfig, type LintConfig } from './lint-config';
export type { GateContext, VariableDeclaration } from './gate-context';
export { localeOf, message, translateBpmnlint, type Locale, type MessageKey } from './messages';
