export { formatLintIssue } from './format-issue';
export { lintDefinition } from './lint-definition';
export { asUtf8Declaration, decodeDiagram, UnsupportedEncodingError } from './xml-encoding';
export type { LintIssue, LintOptions, LintSeverity } from './types';
