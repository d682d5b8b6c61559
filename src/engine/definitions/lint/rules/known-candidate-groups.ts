import { attributeOf } from './elements';
import { message } from './messages';
import { closestName, defineRule, is, listed } from './rule';

/** Literal candidate groups must be roles users can have; `${…}` groups are computed at run time. */
export const knownCandidateGroups = defineRule('known-candidate-groups', (node, report, { knownRoles, locale = 'en' }) => {
  if (!knownRoles || !is(node, 'bpmn:UserTask')) return;
  const value = attributeOf(node, 'camunda:candidateGroups');
  if (!value || /[$#]/.test(value)) return;
  for (const group of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    if (knownRoles.includes(group)) continue;
    const closest = closestName(group, knownRoles);
    const suggestion = closest ? message(locale, 'did-you-mean', { name: closest }) : '';
    report(node, 'unknown-group', { group, suggestion, known: listed(knownRoles) });
  }
});
