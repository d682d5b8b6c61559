import { businessRuleTask } from './business-rule-task';
import { knownCalledProcess } from './known-called-process';
import { knownCandidateGroups } from './known-candidate-groups';
import { knownHandler } from './known-handler';
import { knownVariables, possiblyUnknownVariables } from './known-variables';
import { noScripts } from './no-scripts';
import { processKey } from './process-key';
import { processRequired } from './process-required';
import { restrictedExpressions } from './restricted-expressions';
import type { BpmnlintRuleFactory } from './rule';
import { timerDefinitions } from './timer-definitions';
import { userTaskAssignment } from './user-task-assignment';

/** Our rules, as a bpmnlint plugin: configured as `complaint-flow/<name>`. */
export const COMPLAINT_FLOW_RULES: Readonly<Record<string, BpmnlintRuleFactory>> = {
  'process-required': processRequired,
  'process-key': processKey,
  'user-task-assignment': userTaskAssignment,
  'known-candidate-groups': knownCandidateGroups,
  'known-handler': knownHandler,
  'business-rule-task': businessRuleTask,
  'no-scripts': noScripts,
  'restricted-expressions': restrictedExpressions,
  'timer-definitions': timerDefinitions,
  'known-variables': knownVariables,
  'possibly-unknown-variables': possiblyUnknownVariables,
  'known-called-process': knownCalledProcess,
};

