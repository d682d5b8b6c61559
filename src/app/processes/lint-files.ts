import fs from 'node:fs';
import path from 'node:path';
import { formatLintIssue, lintDefinition, LintIssue } from '../../engine/definitions/lint';

export interface FileReport {
  file: string;
  issues: LintIssue[];
}

/** The `.bpmn` files named: directories contribute every `.bpmn` file directly inside them. */
export function bpmnFilesOf(targets: readonly string[]): string[] {
  return targets.flatMap((target) => {
    if (!fs.statSync(target).isDirectory()) return [target];
    return fs.readdirSync(target).filter((name) => name.endsWith('.bpmn')).sort().map((name) => path.join(target, name));
  });
}

/**
 * Runs the deployment gate's checks over diagram files. As at deployment, the file name is the process key and
 * the diagrams of one run may call each other.
 */
export async function lintFiles(files: readonly string[], knownHandlers: ReadonlySet<string>): Promise<FileReport[]> {
  const knownProcesses = new Set(files.map((file) => path.basename(file, '.bpmn')));
  const reports: FileReport[] = [];
  for (const file of files) {
    reports.push({ file, issues: await lintDefinition(fs.readFileSync(file, 'utf8'), { knownHandlers, knownProcesses }) });
  }
  return reports;
}

/** `processes/penalty.bpmn:12:5 error complaint-flow/no-scripts: …`, the form editors and CI logs link to. */
export function formatFileIssue(file: string, issue: LintIssue): string {
  const position = issue.line === undefined ? '' : `:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`;
  const { line: _line, column: _column, ...rest } = issue;
  return `${file}${position} ${formatLintIssue(rest)}`;
}

export function errorCount(reports: readonly FileReport[]): number {
  return reports.reduce((sum, report) => sum + report.issues.filter((issue) => issue.severity === 'error').length, 0);
}
