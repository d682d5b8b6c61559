import { is, type ModdleElement } from './elements';
import type { GateContext } from './gate-context';
import { message, subjectLabel } from './messages';
import { checksVariables, unknownVariables, type VariableFinding } from './process-variables';
import { closestName, defineRule, type Report } from './rule';

/** An expression reads a variable the process cannot have there: refused, with a "did you mean". */
export const knownVariables = defineRule('known-variables', (node, report, context) => {
  if (!is(node, 'bpmn:Process') || !checksVariables(context)) return;
  for (const finding of unknownVariables(node, context)) {
    if (finding.undeclaredWriters.length === 0) reportFinding(finding, report, context, 'unknown-variable');
  }
});

/**
 * The same, where an earlier handler declares no outputs (or a call activity or message may bring data): the
 * variable may come from there, so it is only a warning.
 */
export const possiblyUnknownVariables = defineRule('possibly-unknown-variables', (node, report, context) => {
  if (!is(node, 'bpmn:Process') || !checksVariables(context)) return;
  for (const finding of unknownVariables(node, context)) {
    if (finding.undeclaredWriters.length > 0) reportFinding(finding, report, context, 'unknown-variable-undeclared');
  }
});

function reportFinding(finding: VariableFinding, report: Report, context: GateContext, key: 'unknown-variable' | 'unknown-variable-undeclared'): void {
  const locale = context.locale ?? 'en';
  const closest = closestName(finding.variable, finding.available);
  const suggestion = closest ? message(locale, 'did-you-mean', { name: closest }) : '';
  const element: ModdleElement = finding.expression.element;
  report(element, key, {
    subject: subjectLabel(locale, finding.expression.subject), variable: finding.variable, suggestion, handlers: finding.undeclaredWriters.join(', '),
  });
}
