import { ComplaintRow } from '../../persistence/entities/complaint';
import { ExemptionRow, LedgerEntryRow, PenaltyRow } from '../../persistence/entities/penalties';
import { InstanceHistory } from '../audit/audit-service';
import type { InstanceNotification } from '../audit/instance-notifications';
import { AnchorSummary } from '../audit/integrity-service';
import { ChainVerdict } from '../audit/verify-chain';
import { Completion, dateTime } from './record-text';
import { FieldLabels } from './timeline-text';

export interface ExemptionRecord {
  exemption: ExemptionRow;
  history: InstanceHistory | null;
  data: Record<string, unknown>;
}

export interface PenaltyRecord {
  penalty: PenaltyRow;
  history: InstanceHistory | null;
  data: Record<string, unknown>;
  exemptions: ExemptionRecord[];
  /** Ledger lines of this penalty (fine, refunds, corrections). */
  ledger: LedgerEntryRow[];
}

/** Everything the printed records of one complaint are filled from: its rows and its audit trail. */
export interface ComplaintRecord {
  complaint: ComplaintRow;
  lifecycle: InstanceHistory | null;
  lifecycleData: Record<string, unknown>;
  /** Every timeline of the complaint (lifecycle, penalties, exemptions), lifecycle first. */
  histories: InstanceHistory[];
  penalties: PenaltyRecord[];
  ledger: LedgerEntryRow[];
  names: ReadonlyMap<string, string>;
  departments: ReadonlyMap<string, string>;
  printedAt: Date;
  printedBy: string;
  /** Labels of the form fields of the diagrams involved, to print form data. */
  fieldLabels: FieldLabels;
}

export interface DossierRecord extends ComplaintRecord {
  verdicts: ChainVerdict[];
  anchor: AnchorSummary | null;
  /** The mails, webhook calls and console messages of all the complaint's instances, oldest first. */
  notifications: InstanceNotification[];
}

/** 张三（desk1） */
export function person(record: Pick<ComplaintRecord, 'names'>, username: string | null | undefined): string {
  if (!username) return '';
  const name = record.names.get(username);
  return name ? `${name}（${username}）` : username;
}

export function department(record: Pick<ComplaintRecord, 'departments'>, code: string | null | undefined): string {
  if (!code) return '';
  return record.departments.get(code) ?? code;
}

/** An electronic signature line: who confirmed the step, when, and the audit row that proves it. */
export function signature(record: Pick<ComplaintRecord, 'names'>, completion: Completion | null): string {
  if (!completion) return '（未签署）';
  return `${person(record, completion.actor)}　${dateTime(completion.at)}　（电子确认，审计记录第${completion.seq}行）`;
}
