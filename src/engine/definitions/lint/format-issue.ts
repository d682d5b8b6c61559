import type { LintIssue } from './types';

/** `line 22:5 error complaint-flow/no-scripts: scriptTask "计算赔偿" (Task_Script): runs the script …` */
export function formatLintIssue(issue: LintIssue): string {
  const position = issue.line === undefined ? '' : `line ${issue.line}${issue.column === undefined ? '' : `:${issue.column}`} `;
  return `${position}${issue.severity} ${issue.rule}: ${issue.message}`;
}
