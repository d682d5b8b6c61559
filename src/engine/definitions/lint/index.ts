export { formatLintIssue } from './format-issue';
export { lintDefinition } from './lint-definition';
export type { LintIssue, LintOptions, LintSeverity } from './types';
