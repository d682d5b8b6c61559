import { attributeOf } from './elements';
import { defineRule, is } from './rule';

const ASSIGNMENT_ATTRIBUTES = ['camunda:candidateGroups', 'camunda:candidateUsers', 'camunda:assignee'];

export const userTaskAssignment = defineRule('user-task-assignment', (node, report) => {
  if (is(node, 'bpmn:UserTask') && !ASSIGNMENT_ATTRIBUTES.some((attribute) => attributeOf(node, attribute))) {
    report(node, 'user-task-assignment');
  }
});
