import { Actor } from '../actor';
import { NotFoundError } from '../../domain/errors';
import { InstanceAdmin, RetryOutcome } from '../../engine/instance-admin';
import { InstanceMigration, MigrationPlan, MigrationRequest } from '../../engine/instance-migration';
import { WorkflowEngine } from '../../engine/workflow-engine';
import { Database } from '../../persistence/database';
import { DefinitionRow, IncidentRow, InstanceRow, ItemRow } from '../../persistence/entities/engine';
import { parseDateColumn } from '../../persistence/raw-columns';

export interface IncidentView {
  id: number;
  instanceId: string | null;
  /** The instance's business key: the complaint's or penalty's number. */
  businessKey: string | null;
  processKey: string | null;
  version: number | null;
  elementId: string | null;
  elementName: string | null;
  kind: string;
  message: string;
  createdAt: Date;
  resolvedAt: Date | null;
  status: 'open' | 'resolved';
}

export interface IncidentFilter {
  process?: string;
  version?: number;
  element?: string;
  status?: 'open' | 'resolved';
}

export interface WaitingInstanceView {
  id: string;
  version: number;
  businessKey: string | null;
  startedAt: Date;
  activeElements: string[];
}

/** Incidents (list, retry) and hand operations on instances (cancel, list the waiting ones) for process owners. */
export class InstanceService {
  private readonly admin: InstanceAdmin;

  constructor(private readonly db: Database, private readonly engine: WorkflowEngine) {
    this.admin = new InstanceAdmin(engine);
  }

  async incidents(filter: IncidentFilter): Promise<IncidentView[]> {
    return this.db.read(async (manager) => {
      const query = manager.getRepository(IncidentRow).createQueryBuilder('c')
        .leftJoin(InstanceRow, 'n', 'n.id = c.instance_id')
        .leftJoin(DefinitionRow, 'd', 'd.id = n.definition_id')
        .leftJoin(ItemRow, 'i', 'i.id = c.item_id')
        .select(['c.id AS id', 'c.instance_id AS instance_id', 'n.business_key AS business_key', 'COALESCE(c.process_key, n.process_key) AS process_key', 'd.version AS version',
          'c.element_id AS element_id', 'i.name AS element_name', 'c.kind AS kind', 'c.message AS message', 'c.created_at AS created_at',
          'c.resolved_at AS resolved_at'])
        .orderBy('c.id', 'DESC')
        .limit(500);
      if (filter.process) query.andWhere('COALESCE(c.process_key, n.process_key) = :process', { process: filter.process });
      if (filter.version !== undefined) query.andWhere('d.version = :version', { version: filter.version });
      if (filter.element) query.andWhere('c.element_id = :element', { element: filter.element });
      if (filter.status === 'open') query.andWhere('c.resolved_at IS NULL');
      if (filter.status === 'resolved') query.andWhere('c.resolved_at IS NOT NULL');
      const rows = await query.getRawMany();
      return rows.map((row) => ({
        id: Number(row.id),
        instanceId: row.instance_id ?? null,
        businessKey: row.business_key ?? null,
        processKey: row.process_key ?? null,
        version: row.version === null || row.version === undefined ? null : Number(row.version),
        elementId: row.element_id ?? null,
        elementName: row.element_name ?? null,
        kind: row.kind,
        message: row.message,
        createdAt: parseDateColumn(row.created_at)!,
        resolvedAt: parseDateColumn(row.resolved_at),
        status: row.resolved_at ? 'resolved' as const : 'open' as const,
      }));
    });
  }

  async retry(actor: Actor, incidentId: number): Promise<RetryOutcome & { incident: IncidentView }> {
    const outcome = await this.admin.retry(incidentId, actor.username);
    const [incident] = (await this.incidents({})).filter((view) => view.id === incidentId);
    return { ...outcome, incident };
  }

  async migrate(actor: Actor, request: MigrationRequest): Promise<MigrationPlan> {
    return new InstanceMigration(this.engine).migrate(request, actor.username);
  }

  async cancel(actor: Actor, instanceId: string, reason: string) {
    const result = await this.admin.cancel(instanceId, reason, actor.username);
    return { instanceId, status: 'terminated', ...result };
  }

  async waitingInstances(processKey: string, version?: number): Promise<WaitingInstanceView[]> {
    return this.db.read(async (manager) => {
      const query = manager.getRepository(InstanceRow).createQueryBuilder('n')
        .innerJoin(DefinitionRow, 'd', 'd.id = n.definition_id')
        .select(['n.id AS id', 'd.version AS version', 'n.business_key AS business_key', 'n.started_at AS started_at'])
        .where('n.process_key = :processKey AND n.status = :running', { processKey, running: 'running' })
        .orderBy('n.started_at', 'ASC');
      if (version !== undefined) query.andWhere('d.version = :version', { version });
      const rows = await query.getRawMany();
      if (rows.length === 0) {
        const known = await manager.getRepository(DefinitionRow).count({ where: { processKey } });
        if (known === 0) throw new NotFoundError(`No process "${processKey}" is deployed`, 'process_not_found');
        return [];
      }
      // Joined rather than listed by id: thousands of running instances would pass SQLite's limit of bound values.
      const waiting = manager.getRepository(ItemRow).createQueryBuilder('i')
        .innerJoin(InstanceRow, 'n', 'n.id = i.instance_id')
        .select(['i.instance_id AS instance_id', 'i.element_id AS element_id'])
        .where('n.process_key = :processKey AND n.status = :running AND i.status = :wait', { processKey, running: 'running', wait: 'wait' })
        .orderBy('i.seq', 'ASC');
      if (version !== undefined) waiting.innerJoin(DefinitionRow, 'd', 'd.id = n.definition_id').andWhere('d.version = :version', { version });
      const activeElements = new Map<string, string[]>();
      for (const item of await waiting.getRawMany()) {
        const elements = activeElements.get(item.instance_id) ?? [];
        elements.push(item.element_id as string);
        activeElements.set(item.instance_id, elements);
      }
      return rows.map((row) => ({
        id: row.id, version: Number(row.version), businessKey: row.business_key ?? null, startedAt: parseDateColumn(row.started_at)!,
        activeElements: activeElements.get(row.id) ?? [],
      }));
    });
  }
}
