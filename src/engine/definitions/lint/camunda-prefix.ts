import { message, type Locale } from './rules/messages';
import type { SourcePositions } from './source-positions';
import type { LintIssue } from './types';

const CAMUNDA_NAMESPACE = 'http://camunda.org/schema/1.0/bpmn';
const NAMESPACE_DECLARATION = /xmlns:([\w.-]+)\s*=\s*(["'])(.*?)\2/g;

/**
 * bpmn-server reads camunda settings by their literal prefix (`$attrs["camunda:candidateGroups"]`,
 * `$type == "camunda:inputParameter"`), so a diagram that binds the camunda namespace to another prefix loses all of
 * them at run time although it parses fine.
 */
export function checkCamundaPrefix(xml: string, positions: SourcePositions, locale: Locale = 'en'): LintIssue[] {
  return [...xml.matchAll(NAMESPACE_DECLARATION)]
    .filter(([, prefix, , uri]) => uri === CAMUNDA_NAMESPACE && prefix !== 'camunda')
    .map((match) => ({
      severity: 'error' as const,
      rule: 'complaint-flow/camunda-prefix',
      message: message(locale, 'camunda-prefix', { prefix: match[1] }),
      ...positions.ofOffset(match.index ?? 0),
    }));
}
