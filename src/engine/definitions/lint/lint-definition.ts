import { deriveFlowConnections } from './derive-flow-connections';
import { describeElement, type ModdleElement } from './moddle';
import { parseDefinition } from './parse-definition';
import { runBpmnlint, type RuleReport } from './run-bpmnlint';
import { checkCamundaPrefix } from './camunda-prefix';
import { SourcePositions } from './source-positions';
import { gateContextOf, type LintIssue, type LintOptions } from './types';
import { asUtf8Declaration } from './xml-encoding';

/**
 * The deployment gate: parses the BPMN XML and runs bpmnlint's recommended rules plus ours. Every issue carries a
 * 1-based line (the element's start tag where there is an element) and names the element once in its message.
 * The diagram may be deployed when no issue has severity "error".
 */
export async function lintDefinition(source: string, options: LintOptions): Promise<LintIssue[]> {
  const context = gateContextOf(options);
  // The text is already decoded; a declared ISO-8859-1/GBK encoding would only make the parser complain.
  const xml = asUtf8Declaration(source);
  const positions = new SourcePositions(xml);
  const parsed = await parseDefinition(xml, positions);
  const issues = [...parsed.issues, ...checkCamundaPrefix(xml, positions, context.locale)];
  if (parsed.definitions) {
    deriveFlowConnections(parsed.elementsById);
    // bpmnlint's `global` rule reads definitions.rootElements directly and crashes when there are none; get() creates it.
    parsed.definitions.get('rootElements');
    const reports = await runBpmnlint(parsed.definitions, context, options.reportRuleFailure);
    issues.push(...reports.map((report) => ruleIssue(report, parsed.elementsById, positions)));
  }
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function ruleIssue(report: RuleReport, elements: Record<string, ModdleElement>, positions: SourcePositions): LintIssue {
  const element = report.elementId === undefined ? undefined : elements[report.elementId];
  const position = positions.ofElement(report.elementId) ?? { line: 1, column: 1 };
  const subject = element ? describeElement(element) : report.elementId;
  return {
    severity: report.severity,
    rule: report.rule,
    message: subject ? `${subject}: ${report.message}` : report.message,
    ...(report.elementId === undefined ? {} : { elementId: report.elementId }),
    line: position.line,
    column: position.column,
  };
}
