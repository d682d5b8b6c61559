import { attributeOf } from '../moddle-element';
import { defineRule, is } from './rule';

const ASSIGNMENT_ATTRIBUTES = ['camunda:candidateGroups', 'camunda:candidateUsers', 'camunda:assignee'];

export const userTaskAssignment = defineRule((node, report) => {
  if (is(node, 'bpmn:UserTask') && !ASSIGNMENT_ATTRIBUTES.some((attribute) => attributeOf(node, attribute))) {
    report(node, 'has no camunda:candidateGroups, camunda:candidateUsers or camunda:assignee, so nobody can claim it');
  }
});
