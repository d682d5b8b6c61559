import type { VariableDeclaration } from '../../engine/handlers/registry';

/** What PenaltyService passes when it starts processes/penalty.bpmn. */
export const PENALTY_START_DATA: VariableDeclaration[] = [
  { name: 'businessKey', type: 'string', description: 'complaint number' },
  { name: 'penaltyId', type: 'string', description: 'penalty id' },
  { name: 'complaintNumber', type: 'string', description: 'complaint number' },
  { name: 'category', type: 'string', description: 'penalty category' },
  { name: 'departmentCode', type: 'string', description: 'responsible department' },
  { name: 'responsiblePerson', type: 'string', description: 'responsible person' },
  { name: 'proposedBy', type: 'string', description: 'who proposed the penalty' },
];

/** What PenaltyService passes when it starts processes/exemption.bpmn. */
export const EXEMPTION_START_DATA: VariableDeclaration[] = [
  { name: 'businessKey', type: 'string', description: 'complaint number' },
  { name: 'exemptionId', type: 'string', description: 'exemption id' },
  { name: 'penaltyId', type: 'string', description: 'penalty id' },
  { name: 'complaintNumber', type: 'string', description: 'complaint number' },
  { name: 'noticeNumber', type: 'string', description: 'penalty notice number' },
  { name: 'departmentCode', type: 'string', description: 'department asking for exemption' },
  { name: 'category', type: 'string', description: 'penalty category' },
  { name: 'outageCase', type: 'boolean', description: 'outage not caused by people' },
  { name: 'fineFen', type: 'long', description: 'the department\'s fine in fen' },
  { name: 'requestedBy', type: 'string', description: 'who asked for exemption' },
];
