import { EntityManager } from 'typeorm';
import { Actor } from '../actor';
import { NotFoundError } from '../../domain/errors';
import { WorkflowEngine } from '../../engine/workflow-engine';
import { Database } from '../../persistence/database';
import { ComplaintRow } from '../../persistence/entities/complaint';
import { ItemRow } from '../../persistence/entities/engine';
import { AuditRepository, InstanceHeader } from '../../persistence/repositories/audit-repository';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { assertMayReadHistory } from './access';
import { waitingSteps } from '../complaints/complaint-view';
import { canSeeAllComplaints, worksOnWaitingStep } from '../complaints/queries';
import { ElementNames } from './element-names';
import { InstanceNotification, notificationsOf } from './instance-notifications';
import { ChainVerdict } from './verify-chain';
import { AuditIntegrityService } from './integrity-service';
import { DiagramItem, diagramState, DiagramState } from './diagram-state';

export interface HistoryEntry {
  seq: number;
  at: Date;
  action: string;
  actor: string | null;
  elementId: string | null;
  /** The element's name in the diagram version the instance is pinned to. */
  elementName: string | null;
  itemId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** X-Request-Id of the request that did it (the same id is on that request's log line); null for timers. */
  requestId: string | null;
}

export interface InstanceSummary {
  id: string;
  processKey: string;
  definitionId: string;
  version: number | null;
  status: string;
  businessKey: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

export interface InstanceHistory {
  instance: InstanceSummary;
  entries: HistoryEntry[];
}

export interface DiagramIncident {
  id: number;
  elementId: string | null;
  kind: string;
  message: string;
  createdAt: Date;
}

export interface InstanceDiagram extends DiagramState {
  instanceId: string;
  processKey: string;
  version: number | null;
  instance: InstanceSummary;
  /** The BPMN XML of the pinned version exactly as deployed (with its DI when the deployed file has it). */
  xml: string;
  /** Elements with an open incident (or an item in error). */
  incidentElementIds: string[];
  /** Same as incidentElementIds (the name earlier versions of this API used). */
  failedElementIds: string[];
  incidents: DiagramIncident[];
}

/** One instance's timeline as `GET /instances/:id/history` answers it. */
export interface NamedInstanceHistory extends InstanceHistory {
  /** Display names of the people the timeline names (who acted, to whom a task was assigned), by username. */
  people: Record<string, string>;
}

export interface ComplaintHistory {
  complaint: ComplaintRow;
  /** The lifecycle instance first, then penalty, exemption and called instances in start order. */
  instances: InstanceHistory[];
  /** Display names of the people the timelines name (who acted, to whom a task was assigned), by username. */
  people: Record<string, string>;
}

const MAX_PARENT_DEPTH = 10;
const CHAIN_ORDER = ['complaint-lifecycle', 'penalty', 'exemption'];

/** Read-only reconstruction of what happened to instances and complaints, from the audit trail. */
export class AuditService {
  private readonly names = new ElementNames();

  constructor(private readonly db: Database, private readonly engine: WorkflowEngine, private readonly integrity: AuditIntegrityService,
    /** Policy departmentScopedGroups: membership of these opens a waiting step's complaint only within the department. */
    private readonly departmentScopedGroups: readonly string[]) {}

  /** The instance's timeline; with `elementId`, only the rows of that element. */
  async instanceHistory(actor: Actor, instanceId: string, elementId?: string): Promise<NamedInstanceHistory> {
    return this.db.read(async (manager) => {
      const repository = new AuditRepository(manager);
      const instance = await this.readableInstance(repository, actor, instanceId);
      const history = await this.historyOf(manager, repository, instance, elementId);
      return { ...history, people: await peopleNamedIn(manager, [history]) };
    });
  }

  /** The e-mails, webhook calls and console messages the instance's steps sent, oldest first, with how each went. */
  async notifications(actor: Actor, instanceId: string): Promise<InstanceNotification[]> {
    return this.db.read(async (manager) => {
      const instance = await this.readableInstance(new AuditRepository(manager), actor, instanceId);
      const names = await this.names.of(instance.definitionId, () => this.engine.definitions.sourceById(instance.definitionId, manager));
      return notificationsOf(manager, [instance.id], names);
    });
  }

  async verify(actor: Actor, instanceId: string): Promise<ChainVerdict> {
    await this.db.read(async (manager) => this.readableInstance(new AuditRepository(manager), actor, instanceId));
    return this.integrity.verifyScope(instanceId);
  }

  async diagram(actor: Actor, instanceId: string): Promise<InstanceDiagram> {
    return this.db.read(async (manager) => {
      const repository = new AuditRepository(manager);
      const instance = await this.readableInstance(repository, actor, instanceId);
      const source = () => this.engine.definitions.sourceById(instance.definitionId, manager);
      const [xml, index, items, fired, incidents] = await Promise.all([
        source(),
        this.names.indexOf(instance.definitionId, source),
        repository.items(instanceId),
        repository.firedTimerItemIds(instanceId),
        repository.openIncidents(instanceId),
      ]);
      const state = diagramState(items.map(diagramItem), index.flowSources, fired);
      const incidentElementIds = unique([
        ...items.filter((i) => i.status === 'error').map((i) => i.elementId),
        ...incidents.flatMap((i) => (i.elementId ? [i.elementId] : [])),
      ]);
      const summary = await this.summaryOf(repository, instance);
      return {
        instanceId: instance.id,
        processKey: instance.processKey,
        version: summary.version,
        instance: summary,
        xml,
        ...state,
        incidentElementIds,
        failedElementIds: incidentElementIds,
        incidents: incidents.map((i) => ({ id: i.id, elementId: i.elementId, kind: i.kind, message: i.message, createdAt: i.createdAt })),
      };
    });
  }

  /**
   * `alsoReadableBy`: departments the record also belongs to besides the complaint's registering and responsible
   * ones (a penalty notice is the fined department's too).
   */
  async complaintHistory(actor: Actor, number: string, alsoReadableBy: readonly string[] = []): Promise<ComplaintHistory> {
    return this.db.read(async (manager) => {
      const repository = new AuditRepository(manager);
      const complaint = await repository.complaintByNumber(number);
      if (!complaint) throw new NotFoundError(`No complaint ${number}`, 'complaint_not_found');
      const steps = complaint.instanceId ? (await waitingSteps(manager, [complaint.instanceId])).get(complaint.instanceId) ?? [] : [];
      if (!canSeeAllComplaints(actor) && !worksOnWaitingStep(actor, steps, this.departmentScopedGroups)) {
        assertMayReadHistory(actor, [complaint.registeringDeptCode, complaint.responsibleDeptCode, ...alsoReadableBy], `complaint ${number}`);
      }
      const instances = await this.instancesOfComplaint(repository, complaint);
      const histories: InstanceHistory[] = [];
      for (const instance of instances) histories.push(await this.historyOf(manager, repository, instance));
      return { complaint, instances: histories, people: await peopleNamedIn(manager, histories) };
    });
  }

  // ---- helpers ----------------------------------------------------------------------------------------

  private async readableInstance(repository: AuditRepository, actor: Actor, instanceId: string): Promise<InstanceHeader> {
    const instance = await repository.instance(instanceId);
    if (!instance) throw new NotFoundError(`No process instance ${instanceId}`, 'instance_not_found');
    const complaint = await this.complaintOf(repository, instance);
    assertMayReadHistory(actor, complaint ? [complaint.registeringDeptCode, complaint.responsibleDeptCode] : [], `instance ${instanceId}`);
    return instance;
  }

  /** The complaint an instance belongs to, looking through the instances that called it. */
  private async complaintOf(repository: AuditRepository, instance: InstanceHeader): Promise<ComplaintRow | null> {
    let current: InstanceHeader | null = instance;
    for (let depth = 0; current && depth < MAX_PARENT_DEPTH; depth += 1) {
      const number = complaintNumberOf(current);
      if (number) return repository.complaintByNumber(number);
      if (!current.parentItemId) return null;
      const parentId = await repository.instanceOfItem(current.parentItemId);
      current = parentId ? await repository.instance(parentId) : null;
    }
    return null;
  }

  private async instancesOfComplaint(repository: AuditRepository, complaint: ComplaintRow): Promise<InstanceHeader[]> {
    const found = new Map<string, InstanceHeader>();
    for (const instance of await repository.instancesOfComplaint(complaint.number)) found.set(instance.id, instance);
    if (complaint.instanceId && !found.has(complaint.instanceId)) {
      const lifecycle = await repository.instance(complaint.instanceId);
      if (lifecycle) found.set(lifecycle.id, lifecycle);
    }
    let frontier = [...found.keys()];
    for (let depth = 0; frontier.length > 0 && depth < MAX_PARENT_DEPTH; depth += 1) {
      const children = (await repository.childrenOf(frontier)).filter((child) => !found.has(child.id));
      for (const child of children) found.set(child.id, child);
      frontier = children.map((child) => child.id);
    }
    const lifecycleFirst = (i: InstanceHeader) => (i.id === complaint.instanceId ? 0 : 1);
    // Started in the same instant (one request, or a stopped test clock): a penalty comes before the exemption from it.
    const chainRank = (i: InstanceHeader) => Math.max(0, CHAIN_ORDER.indexOf(i.processKey)) || CHAIN_ORDER.length;
    return [...found.values()].sort((a, b) => lifecycleFirst(a) - lifecycleFirst(b)
      || new Date(a.startedAt).getTime() - new Date(b.startedAt).getTime() || chainRank(a) - chainRank(b) || a.id.localeCompare(b.id));
  }

  private async historyOf(manager: EntityManager, repository: AuditRepository, instance: InstanceHeader, elementId?: string): Promise<InstanceHistory> {
    const [rows, names] = await Promise.all([
      repository.trail(instance.id, elementId),
      this.names.of(instance.definitionId, () => this.engine.definitions.sourceById(instance.definitionId, manager)),
    ]);
    return {
      instance: await this.summaryOf(repository, instance),
      entries: rows.map((row) => ({
        seq: row.seq,
        at: row.at,
        action: row.action,
        actor: row.actor,
        elementId: row.elementId,
        elementName: row.elementId ? names.get(row.elementId) ?? null : null,
        itemId: row.itemId,
        before: row.before,
        after: row.after,
        requestId: row.requestId ?? null,
      })),
    };
  }

  private async summaryOf(repository: AuditRepository, instance: InstanceHeader): Promise<InstanceSummary> {
    return {
      id: instance.id,
      processKey: instance.processKey,
      definitionId: instance.definitionId,
      version: await repository.definitionVersion(instance.definitionId),
      status: instance.status,
      businessKey: instance.businessKey,
      startedAt: instance.startedAt,
      endedAt: instance.endedAt,
    };
  }
}

function complaintNumberOf(instance: InstanceHeader): string | null {
  const fromData = instance.data?.complaintNumber;
  if (typeof fromData === 'string' && fromData) return fromData;
  return instance.businessKey;
}

function diagramItem(row: ItemRow): DiagramItem {
  const groups = row.payload?.candidateGroups;
  return {
    id: row.id,
    seq: row.seq,
    elementId: row.elementId,
    elementType: row.elementType,
    name: row.name,
    status: row.status,
    assignee: row.assignee,
    dueAt: row.dueAt,
    timerDueAt: row.timerDueAt,
    tokenId: row.payload?.tokenId,
    candidateGroups: Array.isArray(groups) ? groups.map(String) : typeof groups === 'string' && groups ? groups.split(',').map((g) => g.trim()) : [],
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Display names of who acted in the timelines and to whom they assigned tasks, by username. */
async function peopleNamedIn(manager: EntityManager, histories: readonly InstanceHistory[]): Promise<Record<string, string>> {
  const named = histories.flatMap((h) => h.entries.flatMap((e) => [e.actor, e.before?.assignee, e.after?.assignee]))
    .filter((name): name is string => typeof name === 'string' && name.length > 0);
  return Object.fromEntries(await new IdentityRepository(manager).displayNamesOf(named));
}
