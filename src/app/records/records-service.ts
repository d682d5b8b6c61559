import { Actor } from '../actor';
import { NotFoundError, Policy } from '../../domain';
import { Database } from '../../persistence/database';
import { RecordsRepository } from '../../persistence/repositories/records-repository';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { AuditService } from '../audit/audit-service';
import { notificationsOf } from '../audit/instance-notifications';
import { AuditIntegrityService } from '../audit/integrity-service';
import { capaForm, exemptionForm, penaltyNotice, registrationForm } from './forms';
import { dossier } from './dossier';
import { finish, newDocument } from './pdf-layout';
import { ComplaintRecord, DossierRecord, PenaltyRecord } from './record-model';
import { EntityManager } from 'typeorm';
import { LedgerRepository } from '../../persistence/repositories/ledger-repository';
import { departmentsOfPenalty } from '../penalties/penalty-views';
import { Clock } from '../../engine/clock';
import { FormCatalog } from '../../engine/forms';
import { FieldLabels } from './timeline-text';

export interface PrintedRecord {
  /** ASCII file name, e.g. 2026KF001-R-G095-1.pdf */
  fileName: string;
  /** The Chinese file name offered to the browser. */
  chineseName: string;
  pdf: Buffer;
}

/**
 * The printed records of a complaint (R/G095-1 … 4 and the dossier), filled from its rows and its audit trail.
 * Whoever may read the complaint's history may print them (auditors, its registering and responsible departments).
 */
export class RecordsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly integrity: AuditIntegrityService,
    private readonly policy: Policy,
    private readonly clock: Clock,
    /** The deployed versions' forms, with option lists (departments, report groups) filled in. */
    private readonly forms: FormCatalog,
  ) {}

  async registrationForm(actor: Actor, number: string): Promise<PrintedRecord> {
    const record = await this.complaintRecord(actor, number);
    const doc = newDocument(`客户投诉/建议信息登记处理单 ${number}`);
    registrationForm(doc, record);
    return { fileName: `${number}-R-G095-1.pdf`, chineseName: `客户投诉建议信息登记处理单-${number}.pdf`, pdf: await finish(doc) };
  }

  async capaForm(actor: Actor, number: string): Promise<PrintedRecord> {
    const record = await this.complaintRecord(actor, number);
    if (record.complaint.kind !== 'complaint') throw new NotFoundError(`${number} is not a complaint and has no corrective action record`, 'capa_not_found');
    const doc = newDocument(`纠正和预防措施记录表 ${number}`);
    capaForm(doc, record);
    return { fileName: `${number}-R-G095-2.pdf`, chineseName: `纠正和预防措施记录表-${number}.pdf`, pdf: await finish(doc) };
  }

  async penaltyNotice(actor: Actor, penaltyId: string): Promise<PrintedRecord> {
    const { record, penalty } = await this.penaltyRecord(actor, penaltyId);
    const doc = newDocument(`客户投诉处罚通知单 ${penalty.penalty.noticeNumber ?? ''}`);
    penaltyNotice(doc, record, penalty);
    const id = penalty.penalty.noticeNumber ?? penalty.penalty.id;
    return { fileName: `${id}-R-G095-3.pdf`, chineseName: `客户投诉处罚通知单-${id}.pdf`, pdf: await finish(doc) };
  }

  async exemptionForm(actor: Actor, exemptionId: string, penaltyId?: string): Promise<PrintedRecord> {
    const exemptionRow = await this.db.read((manager) => new RecordsRepository(manager).exemption(exemptionId));
    if (!exemptionRow || (penaltyId && exemptionRow.penaltyId !== penaltyId)) throw new NotFoundError(`No exemption ${exemptionId}`, 'exemption_not_found');
    const { record, penalty } = await this.penaltyRecord(actor, exemptionRow.penaltyId);
    const exemption = penalty.exemptions.find((e) => e.exemption.id === exemptionId)!;
    const doc = newDocument(`免责申诉单 ${penalty.penalty.noticeNumber ?? ''}`);
    exemptionForm(doc, record, penalty, exemption);
    return { fileName: `${exemptionId}-R-G095-4.pdf`, chineseName: `免责申诉单-${penalty.penalty.noticeNumber ?? exemptionId}.pdf`, pdf: await finish(doc) };
  }

  async dossier(actor: Actor, number: string): Promise<PrintedRecord> {
    const record = await this.complaintRecord(actor, number);
    const verdicts = [];
    for (const history of record.histories) verdicts.push(await this.integrity.verifyScope(history.instance.id));
    const anchors = await this.integrity.anchors();
    const stepNames = new Map(record.histories.flatMap((h) => h.entries.flatMap((e) => (e.elementId && e.elementName ? [[e.elementId, e.elementName] as const] : []))));
    const notifications = await this.db.read((manager) => notificationsOf(manager, record.histories.map((h) => h.instance.id), stepNames));
    const full: DossierRecord = { ...record, verdicts, anchor: anchors.at(-1) ?? null, notifications };
    const doc = newDocument(`客户投诉档案 ${number}`);
    dossier(doc, full);
    return { fileName: `${number}-dossier.pdf`, chineseName: `客户投诉档案-${number}.pdf`, pdf: await finish(doc) };
  }

  private async fieldLabels(manager: EntityManager, definitionIds: string[]): Promise<FieldLabels> {
    const labels = new Map<string, string>();
    const values = new Map<string, Map<string, string>>();
    for (const id of new Set(definitionIds)) {
      for (const form of (await this.forms.formsOf(id, manager)).values()) {
        for (const field of form) {
          labels.set(field.id, field.label);
          if (field.values.length > 0) values.set(field.id, new Map(field.values.map((v) => [v.id, v.name])));
        }
      }
    }
    return { labels, values };
  }

  /** The fined departments may print their own notice and exemption forms, whoever else the complaint belongs to. */
  private async penaltyRecord(actor: Actor, penaltyId: string): Promise<{ record: ComplaintRecord; penalty: PenaltyRecord }> {
    const found = await this.db.read(async (manager) => {
      const row = await new RecordsRepository(manager).penalty(penaltyId);
      return row && { row, departments: departmentsOfPenalty(row, await new LedgerRepository(manager).list({ penaltyId })) };
    });
    if (!found) throw new NotFoundError(`No penalty ${penaltyId}`, 'penalty_not_found');
    const record = await this.complaintRecord(actor, found.row.complaintNumber, found.departments);
    return { record, penalty: record.penalties.find((p) => p.penalty.id === penaltyId)! };
  }

  /** The complaint with its timelines (access checked by the audit service), penalties, exemptions and ledger lines. */
  private async complaintRecord(actor: Actor, number: string, alsoReadableBy: readonly string[] = []): Promise<ComplaintRecord> {
    const history = await this.audit.complaintHistory(actor, number, alsoReadableBy);
    const byInstance = new Map(history.instances.map((i) => [i.instance.id, i]));
    return this.db.read(async (manager) => {
      const repository = new RecordsRepository(manager);
      const complaint = history.complaint;
      const penalties = await repository.penaltiesOfComplaint(number);
      const exemptions = await repository.exemptionsOf(penalties.map((p) => p.id));
      const ledger = await repository.ledgerOfComplaint(number);
      const penaltyRecords: PenaltyRecord[] = [];
      for (const penalty of penalties) {
        const own = exemptions.filter((e) => e.penaltyId === penalty.id);
        const exemptionRecords = [];
        for (const exemption of own) {
          exemptionRecords.push({ exemption, history: byInstance.get(exemption.instanceId) ?? null, data: await repository.instanceData(exemption.instanceId) });
        }
        penaltyRecords.push({
          penalty, history: byInstance.get(penalty.instanceId) ?? null, data: await repository.instanceData(penalty.instanceId),
          exemptions: exemptionRecords, ledger: ledger.filter((line) => line.penaltyId === penalty.id),
        });
      }
      return {
        complaint,
        lifecycle: complaint.instanceId ? byInstance.get(complaint.instanceId) ?? null : null,
        lifecycleData: complaint.instanceId ? await repository.instanceData(complaint.instanceId) : {},
        histories: history.instances,
        penalties: penaltyRecords,
        ledger,
        names: await new IdentityRepository(manager).allDisplayNames(),
        departments: new Map(this.policy.departments.map((d) => [d.code, d.name])),
        printedAt: this.clock.now(),
        printedBy: actor.username,
        fieldLabels: await this.fieldLabels(manager, history.instances.map((i) => i.instance.definitionId)),
      };
    });
  }
}
