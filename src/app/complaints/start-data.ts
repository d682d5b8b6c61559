import type { VariableDeclaration } from '../../engine/handlers/registry';

/** What the complaint registration passes when it starts processes/complaint-lifecycle.bpmn (see registration.ts). */
export const COMPLAINT_START_DATA: VariableDeclaration[] = [
  { name: 'businessKey', type: 'string', description: 'complaint number' },
  { name: 'complaintNumber', type: 'string', description: 'complaint number (投诉编号)' },
  { name: 'complaintId', type: 'string', description: 'complaint row id' },
  { name: 'kind', type: 'string', description: 'complaint, inquiry or suggestion' },
  { name: 'severity', type: 'string', description: 'minor, general or major' },
  { name: 'category', type: 'string', description: 'complaint category' },
  { name: 'level', type: 'string', description: 'direct or indirect' },
  { name: 'origin', type: 'string', description: 'where the complaint came from' },
  { name: 'channel', type: 'string', description: 'channel it was received on' },
  { name: 'complex', type: 'boolean', description: 'complex complaint' },
  { name: 'registeringDeptCode', type: 'string', description: 'department that registered it' },
  { name: 'departmentCode', type: 'string', description: 'department currently in charge' },
  { name: 'receivedBy', type: 'string', description: 'user who registered it' },
  { name: 'receivedAt', type: 'date', description: 'time received' },
  { name: 'requestedReplyAt', type: 'date', description: 'reply time the customer asked for' },
];
