import { checkExpression } from '../../../expressions';
import { conditionOf, expressionsOf } from './diagram-expressions';
import { subjectLabel } from './messages';
import { defineRule, excerpt, is } from './rule';

/** Every diagram string the engine evaluates must be a valid restricted (FEEL) expression. */
export const restrictedExpressions = defineRule('restricted-expressions', (node, report, { locale = 'en' }) => {
  if (is(node, 'bpmn:SequenceFlow') && conditionOf(node)?.trim() === '') report(node, 'condition-empty');
  for (const { element, subject, source } of expressionsOf(node)) {
    const result = checkExpression(source);
    if (!result.ok) report(element, 'expression-rejected', { subject: subjectLabel(locale, subject), source: excerpt(source, 80), reason: result.message });
  }
});
