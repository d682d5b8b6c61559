import { EntityManager, In, IsNull } from 'typeorm';
import { ComplaintRow } from '../entities/complaint';
import { AuditRow, DefinitionRow, IncidentRow, InstanceRow, ItemRow } from '../entities/engine';

export type InstanceHeader = Pick<InstanceRow, 'id' | 'processKey' | 'definitionId' | 'status' | 'businessKey' | 'parentItemId' | 'startedAt' | 'endedAt' | 'data'>;

const INSTANCE_HEADER = {
  id: true, processKey: true, definitionId: true, status: true, businessKey: true, parentItemId: true, startedAt: true, endedAt: true, data: true,
} as const;

/**
 * Read-only access to the engine's audit trail and the instance state the history endpoints show.
 * It offers no way to change wf_audit: rows are only ever appended by the engine (src/engine/audit-trail.ts).
 */
export class AuditRepository {
  constructor(private readonly manager: EntityManager) {}

  instance(id: string): Promise<InstanceHeader | null> {
    return this.manager.getRepository(InstanceRow).findOne({ where: { id }, select: INSTANCE_HEADER });
  }

  /** The chain of one scope (an instance id, or `process:<key>`), oldest first. */
  trail(scope: string, elementId?: string): Promise<AuditRow[]> {
    return this.manager.getRepository(AuditRow).find({ where: elementId ? { scope, elementId } : { scope }, order: { seq: 'ASC' } });
  }

  items(instanceId: string): Promise<ItemRow[]> {
    return this.manager.getRepository(ItemRow).find({ where: { instanceId }, order: { seq: 'ASC' } });
  }

  /** Items whose timer the trail records as fired (boundary and intermediate timer events). */
  async firedTimerItemIds(instanceId: string): Promise<Set<string>> {
    const rows = await this.manager.getRepository(AuditRow).find({
      where: { scope: instanceId, action: 'timer fired' }, select: { id: true, itemId: true },
    });
    return new Set(rows.flatMap((row) => (row.itemId ? [row.itemId] : [])));
  }

  openIncidents(instanceId: string): Promise<IncidentRow[]> {
    return this.manager.getRepository(IncidentRow).find({ where: { instanceId, resolvedAt: IsNull() }, order: { id: 'ASC' } });
  }

  async instanceOfItem(itemId: string): Promise<string | null> {
    const item = await this.manager.getRepository(ItemRow).findOne({ where: { id: itemId }, select: { id: true, instanceId: true } });
    return item?.instanceId ?? null;
  }

  /**
   * Instances that belong to a complaint: business key = the number, or `complaintNumber` in their data.
   * The data is JSON text on both dialects, so a LIKE narrows the rows and the parsed data decides.
   */
  async instancesOfComplaint(number: string): Promise<InstanceHeader[]> {
    if (/[%_\\]/.test(number)) return [];
    const rows = await this.manager.getRepository(InstanceRow).createQueryBuilder('i')
      .select(Object.keys(INSTANCE_HEADER).map((field) => `i.${field}`))
      .where('i.business_key = :number', { number })
      .orWhere('i.data LIKE :pattern', { pattern: `%"complaintNumber":${JSON.stringify(number)}%` })
      .orderBy('i.started_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
    return rows.filter((row) => row.businessKey === number || row.data?.complaintNumber === number);
  }

  async definitionVersion(definitionId: string): Promise<number | null> {
    const row = await this.manager.getRepository(DefinitionRow).findOne({ where: { id: definitionId }, select: { id: true, version: true } });
    return row?.version ?? null;
  }

  /** Running instances per diagram version (definition id), optionally of one process key. */
  async runningInstancesByDefinition(processKey?: string): Promise<Map<string, number>> {
    const query = this.manager.getRepository(InstanceRow).createQueryBuilder('i')
      .select('i.definition_id', 'definitionId').addSelect('COUNT(*)', 'count')
      .where('i.status = :status', { status: 'running' })
      .groupBy('i.definition_id');
    if (processKey) query.andWhere('i.process_key = :processKey', { processKey });
    const rows: Array<{ definitionId: string; count: string | number }> = await query.getRawMany();
    return new Map(rows.map((row) => [row.definitionId, Number(row.count)]));
  }

  complaintByNumber(number: string): Promise<ComplaintRow | null> {
    return this.manager.getRepository(ComplaintRow).findOne({ where: { number } });
  }

  /** Instances started by call activities of the given instances (one level). */
  async childrenOf(instanceIds: string[]): Promise<InstanceHeader[]> {
    if (instanceIds.length === 0) return [];
    const items = await this.manager.getRepository(ItemRow).find({ where: { instanceId: In(instanceIds) }, select: { id: true } });
    if (items.length === 0) return [];
    return this.manager.getRepository(InstanceRow).find({
      where: { parentItemId: In(items.map((item) => item.id)) }, select: INSTANCE_HEADER, order: { startedAt: 'ASC', id: 'ASC' },
    });
  }
}
