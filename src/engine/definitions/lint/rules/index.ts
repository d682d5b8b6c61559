import { businessRuleTask } from './business-rule-task';
import { knownCalledProcess } from './known-called-process';
import { knownHandler } from './known-handler';
import { noScripts } from './no-scripts';
import { processRequired } from './process-required';
import { restrictedExpressions } from './restricted-expressions';
import type { BpmnlintRuleFactory } from './rule';
import { userTaskAssignment } from './user-task-assignment';

/** Our rules, as a bpmnlint plugin: configured as `complaint-flow/<name>`. */
export const COMPLAINT_FLOW_RULES: Readonly<Record<string, BpmnlintRuleFactory>> = {
  'process-required': processRequired,
  'user-task-assignment': userTaskAssignment,
  'known-handler': knownHandler,
  'business-rule-task': businessRuleTask,
  'no-scripts': noScripts,
  'restricted-expressions': restrictedExpressions,
  'known-called-process': knownCalledProcess,
};
