import { attributeOf, propertyOf, type ModdleElement } from './elements';
import { message, type Locale } from './messages';
import { defineRule, excerpt, is, parameterLabel, type Report } from './rule';

/** bpmn-server runs a user task assignment attribute that starts with "#" as JavaScript (UserTask.setAssignVal). */
const SCRIPTABLE_USER_TASK_ATTRIBUTES = ['assignee', 'candidateGroups', 'candidateUsers', 'dueDate', 'followUpDate', 'priority'];
const LISTENER_TYPES = ['camunda:ExecutionListener', 'camunda:TaskListener'];

export const noScripts = defineRule('no-scripts', (node, report, { locale = 'en' }) => {
  const advice = message(locale, 'script-advice');
  if (is(node, 'bpmn:ScriptTask')) {
    const script = propertyOf(node, 'script');
    report(node, 'script-task', { script: excerpt(typeof script === 'string' ? script : ''), advice });
  } else if (LISTENER_TYPES.some((type) => is(node, type))) {
    reportListenerScript(node, report, advice);
  } else if (is(node, 'camunda:Script') && !isListener(node.$parent)) {
    reportStandaloneScript(node, report, advice, locale);
  } else if (is(node, 'bpmn:UserTask')) {
    reportScriptedAssignments(node, report, advice);
  }
});

function reportListenerScript(listener: ModdleElement, report: Report, advice: string): void {
  const script = propertyOf(listener, 'script') as ModdleElement | undefined;
  if (!script) return;
  const kind = is(listener, 'camunda:TaskListener') ? 'camunda:taskListener' : 'camunda:executionListener';
  const event = attributeOf(listener, 'event') ?? 'any event';
  report(listener, 'script-listener', { kind, event, script: excerpt(scriptText(script)), advice });
}

function reportStandaloneScript(script: ModdleElement, report: Report, advice: string, locale: Locale): void {
  const parent = script.$parent;
  const inParameter = parent && is(parent, 'camunda:InputOutputParameter');
  const subject = inParameter ? `${parameterLabel(parent)} ${locale === 'zh' ? '是' : 'is'}` : locale === 'zh' ? '含有' : 'has';
  report(script, 'script-standalone', { subject, script: excerpt(scriptText(script)), advice });
}

function reportScriptedAssignments(userTask: ModdleElement, report: Report, advice: string): void {
  for (const name of SCRIPTABLE_USER_TASK_ATTRIBUTES) {
    const value = attributeOf(userTask, `camunda:${name}`);
    if (value?.trim().startsWith('#')) report(userTask, 'script-assignment', { attribute: name, value: excerpt(value), advice });
  }
}

function isListener(element: ModdleElement | undefined): boolean {
  return element !== undefined && LISTENER_TYPES.some((type) => is(element, type));
}

function scriptText(script: ModdleElement): string {
  return attributeOf(script, 'value') ?? attributeOf(script, 'resource') ?? '';
}
