import { attributeOf, type ModdleElement } from '../moddle-element';
import { defineRule, excerpt, is, parameterLabel, type Report } from './rule';

/** bpmn-server runs a user task assignment attribute that starts with "#" as JavaScript (UserTask.setAssignVal). */
const SCRIPTABLE_USER_TASK_ATTRIBUTES = ['assignee', 'candidateGroups', 'candidateUsers', 'dueDate', 'followUpDate', 'priority'];
const LISTENER_TYPES = ['camunda:ExecutionListener', 'camunda:TaskListener'];
const ADVICE = 'scripts run as unrestricted JavaScript and are not allowed; use a serviceTask with a known handler or a FEEL expression';

export const noScripts = defineRule((node, report) => {
  if (is(node, 'bpmn:ScriptTask')) {
    const script = typeof node.get('script') === 'string' ? (node.get('script') as string) : '';
    report(node, `runs the script ${excerpt(script)}: ${ADVICE}`);
  } else if (LISTENER_TYPES.some((type) => is(node, type))) {
    reportListenerScript(node, report);
  } else if (is(node, 'camunda:Script') && !isListener(node.$parent)) {
    reportStandaloneScript(node, report);
  } else if (is(node, 'bpmn:UserTask')) {
    reportScriptedAssignments(node, report);
  }
});

function reportListenerScript(listener: ModdleElement, report: Report): void {
  const script = listener.get('script') as ModdleElement | undefined;
  if (!script) return;
  const kind = is(listener, 'camunda:TaskListener') ? 'camunda:taskListener' : 'camunda:executionListener';
  const event = attributeOf(listener, 'event') ?? 'any event';
  report(listener, `has a ${kind} (${event}) running the script ${excerpt(scriptText(script))}: ${ADVICE}`);
}

function reportStandaloneScript(script: ModdleElement, report: Report): void {
  const parent = script.$parent;
  const subject = parent && is(parent, 'camunda:InputOutputParameter') ? `${parameterLabel(parent)} is` : 'has';
  report(script, `${subject} a camunda:script running ${excerpt(scriptText(script))}: ${ADVICE}`);
}

function reportScriptedAssignments(userTask: ModdleElement, report: Report): void {
  for (const name of SCRIPTABLE_USER_TASK_ATTRIBUTES) {
    const value = attributeOf(userTask, `camunda:${name}`);
    if (value?.trim().startsWith('#')) {
      report(userTask, `has camunda:${name} ${excerpt(value)}, which bpmn-server runs as a script because it starts with "#": ${ADVICE}`);
    }
  }
}

function isListener(element: ModdleElement | undefined): boolean {
  return element !== undefined && LISTENER_TYPES.some((type) => is(element, type));
}

function scriptText(script: ModdleElement): string {
  return attributeOf(script, 'value') ?? attributeOf(script, 'resource') ?? '';
}
