import { ConflictError, NotFoundError } from '../domain/errors';
import { CandidateRow, IncidentRow, InstanceRow, ItemRow, TimerRow } from '../persistence/entities/engine';
import { appendAudit } from './audit-trail';
import type { OperationContext } from './operation-context';
import { ProcessIncidentError, type WorkflowEngine } from './workflow-engine';

const WAIT = 'wait';
const RUNNING = 'running';

export interface RetryOutcome {
  resolved: boolean;
  /** Why the retry did not resolve it (the operation failed again, or it cannot be replayed). */
  reason?: string;
}

/**
 * What a process owner does to instances by hand: cancel one (with its tasks, timers and called children), and
 * retry the operation an incident interrupted once its cause is fixed. Each runs as one engine operation.
 */
export class InstanceAdmin {
  constructor(private readonly engine: WorkflowEngine) {}

  /** Ends a running instance: open tasks closed, timers removed, open incidents resolved, audited with the reason. */
  async cancel(instanceId: string, reason: string, actor: string): Promise<{ closedItems: string[]; removedTimers: number }> {
    return this.engine.run(actor, async (context) => {
      const instance = await context.manager.getRepository(InstanceRow).findOne({ where: { id: instanceId }, select: { id: true, status: true } });
      if (!instance) throw new NotFoundError(`No instance ${instanceId}`, 'instance_not_found');
      if (instance.status !== RUNNING) throw new ConflictError(`Instance ${instanceId} is not running (status: ${instance.status})`, 'instance_not_running');
      return this.terminate(context, instanceId, reason, actor);
    }, { instanceId, noIncident: true });
  }

  private async terminate(context: OperationContext, instanceId: string, reason: string, actor: string): Promise<{ closedItems: string[]; removedTimers: number }> {
    const { manager, now } = context;
    if (!context.heldLocks.has(instanceId)) await this.engine.locker.lock(instanceId);
    const waiting = await manager.getRepository(ItemRow).find({ where: { instanceId, status: WAIT } });
    for (const item of waiting) {
      const payload = { ...item.payload, status: 'terminated', endedAt: now.toISOString() };
      await manager.getRepository(ItemRow).update({ id: item.id }, { status: 'terminated', endedAt: now, payload: payload as any });
    }
    const timers = await manager.getRepository(TimerRow).count({ where: { instanceId } });
    await manager.createQueryBuilder().delete().from(TimerRow).where('instance_id = :instanceId', { instanceId }).execute();
    await manager.createQueryBuilder().delete().from(CandidateRow).where('instance_id = :instanceId', { instanceId }).execute();
    const row = await manager.getRepository(InstanceRow).findOneOrFail({ where: { id: instanceId } });
    const state = { ...row.state, tokens: (row.state?.tokens ?? []).map((token: any) => ({ ...token, status: 'end' })) };
    await manager.getRepository(InstanceRow).update({ id: instanceId }, {
      status: 'terminated', endedAt: now, updatedAt: now, revision: row.revision + 1, state: state as any,
    });
    await manager.createQueryBuilder().update(IncidentRow).set({ resolvedAt: now })
      .where('instance_id = :instanceId AND resolved_at IS NULL', { instanceId }).execute();
    const closedItems = waiting.map((item) => item.elementId);
    await appendAudit(manager, instanceId, [{
      action: 'cancelled', actor, at: now, after: { reason, closedItems, removedTimers: timers },
    }], context.auditHeads);
    // Instances a call activity of this one started end with it.
    const children = await manager.getRepository(InstanceRow).createQueryBuilder('n')
      .where('n.parent_item_id IN (:...items)', { items: waiting.length > 0 ? waiting.map((item) => item.id) : [''] })
      .andWhere('n.status = :running', { running: RUNNING }).getMany();
    for (const child of children) await this.terminate(context, child.id, `parent instance ${instanceId} cancelled: ${reason}`, actor);
    return { closedItems, removedTimers: timers };
  }

  /**
   * Replays what the incident interrupted: completing the task with the data given then, or firing the timer.
   * A success resolves the incident; a renewed failure leaves it open and says why. A failed start cannot be
   * replayed (nothing of the instance was saved): start it again.
   */
  async retry(incidentId: number, actor: string): Promise<RetryOutcome> {
    const incident = await this.engine.db.read((manager) => manager.getRepository(IncidentRow).findOne({ where: { id: incidentId } }));
    if (!incident) throw new NotFoundError(`No incident ${incidentId}`, 'incident_not_found');
    if (incident.resolvedAt) throw new ConflictError(`Incident ${incidentId} is already resolved`, 'incident_resolved');
    const operation = incident.operation as { kind?: string; itemId?: string; data?: Record<string, unknown>; actor?: string | null } | null;
    const itemId = operation?.itemId ?? incident.itemId ?? undefined;
    try {
      if (operation?.kind === 'timer' && itemId) {
        const owner = `retry:${incidentId}`;
        await this.engine.db.transaction((manager) => manager.createQueryBuilder().update(TimerRow)
          .set({ leaseOwner: owner, leaseUntil: new Date(this.engine.clock.now().getTime() + 60_000) }).where('item_id = :itemId', { itemId }).execute());
        const fired = await this.engine.fireTimer(itemId, owner, { noIncident: true });
        if (fired === 'gone') return this.resolveIfMoot(incident);
      } else if (operation?.kind === 'complete' && itemId) {
        const item = await this.engine.db.read((manager) => manager.getRepository(ItemRow).findOne({ where: { id: itemId }, select: { id: true, status: true } }));
        if (item?.status !== WAIT) return this.resolveIfMoot(incident);
        await this.engine.completeTask(itemId, operation.data ?? {}, { actor: operation.actor ?? actor, noIncident: true });
      } else {
        return { resolved: false, reason: 'a failed start or an operation without a record cannot be replayed; start the process again' };
      }
    } catch (error) {
      // The retry records no new incident, so the process owner is told what failed this time (as GET /incidents shows it).
      if (error instanceof ProcessIncidentError) return { resolved: false, reason: error.failure?.message ?? error.message };
      if (error instanceof ConflictError) return { resolved: false, reason: error.message };
      throw error;
    }
    await this.markResolved(incidentId, actor);
    return { resolved: true };
  }

  /** The interrupted step no longer waits (the instance moved on, was migrated or cancelled): nothing is left to retry. */
  private async resolveIfMoot(incident: IncidentRow): Promise<RetryOutcome> {
    await this.markResolved(incident.id, null);
    return { resolved: true, reason: 'the interrupted step no longer waits' };
  }

  private async markResolved(incidentId: number, actor: string | null): Promise<void> {
    await this.engine.run(actor, async (context) => {
      const incident = await context.manager.getRepository(IncidentRow).findOneOrFail({ where: { id: incidentId } });
      await context.manager.getRepository(IncidentRow).update({ id: incidentId }, { resolvedAt: context.now });
      if (incident.instanceId) {
        await appendAudit(context.manager, incident.instanceId, [{ action: 'incident resolved', actor, at: context.now, elementId: incident.elementId, after: { incidentId } }], context.auditHeads);
      }
    });
  }
}
