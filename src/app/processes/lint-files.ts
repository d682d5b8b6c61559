import fs from 'node:fs';
import path from 'node:path';
import { checkDiagram, gateContext, type GateSettings } from '../../engine/definitions/gate';
import { decodeDiagram, formatLintIssue, LintIssue } from '../../engine/definitions/lint';
import type { HandlerRegistry } from '../../engine/handlers/registry';

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
export async function lintFiles(
  files: readonly string[], handlers: HandlerRegistry, settings: GateSettings, knownOptionSources?: ReadonlySet<string>,
): Promise<FileReport[]> {
  const knownProcesses = new Set(files.map((file) => path.basename(file, '.bpmn')));
  const reports: FileReport[] = [];
  for (const file of files) {
    const key = path.basename(file, '.bpmn');
    let issues: LintIssue[];
    try {
      const xml = decodeDiagram(fs.readFileSync(file));
      issues = await checkDiagram(xml, { ...gateContext(handlers, key, settings), knownProcesses }, knownOptionSources);
    } catch (error) {
      issues = [{ severity: 'error', rule: 'bpmn-parse', message: error instanceof Error ? error.message : String(error), line: 1, column: 1 }];
    }
    reports.push({ file, issues });
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
