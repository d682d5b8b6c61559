import fs from 'node:fs';
import path from 'node:path';
import { AppError, ConflictError, NotFoundError } from '../domain/errors';
import { Database, isTransientLockError } from '../persistence/database';
import { IncidentRow, ItemRow } from '../persistence/entities/engine';
import { findByColumn } from '../persistence/raw-entities';
import type { WriteUrgency } from '../persistence/write-turns';
import { appendAudit } from './audit-trail';
import { asList, toDate } from './engine-state';
import { BoundedLogger } from './bounded-logger';
import { bpmn, NoMatchingFlowError } from './bpmn-server-hardening';
import { Clock, systemClock } from './clock';
import { TIMER_OWNER, TypeOrmDataStore } from './data-store';
import { UserTaskEvents } from './task-events';
import { FormCatalog } from './forms/form-catalog';
import { FormOptionSources } from './forms/form-options';
import { DefinitionGate, definitionIdOf, DefinitionStore, DeployResult, GateIssue, GateOptions } from './definition-store';
import './durable-timer';
import { decodeDiagram } from './definitions/lint/xml-encoding';
import { EngineAppDelegate } from './app-delegate';
import { EngineMetrics } from './engine-metrics';
import { HandlerRegistry, UnknownHandlerError } from './handlers/registry';
import { LeaseLocker } from './lease-locker';
import { LiveExecutions } from './live-executions';
import { currentOperation, newOperationContext, OperationContext, requireOperation, runInOperation } from './operation-context';
import { RestrictedScriptHandler } from './restricted-script-handler';
import { TimerPoller } from './timer-poller';

/** An item as it stands once its instance is locked, and the revision of that instance. */
interface LockedItem {
  id: string;
  instanceId: string;
  status: string;
  timerDueAt: Date | null;
  instanceRevision: number;
}

export interface WorkflowEngineOptions {
  db: Database;
  clock?: Clock;
  handlers?: HandlerRegistry;
  serverId?: string;
  locks?: { leaseMs: number; waitMs: number };
  timers?: { pollIntervalMs: number; leaseMs: number; batchSize: number };
  loggerCapacity?: number;
  /** Deployment gate; WorkflowEngine.create installs the standard one when omitted. */
  gate?: DefinitionGate;
  /** Receives operation durations, timer lag and lock waits (see EngineMetrics). */
  metrics?: EngineMetrics;
  /** How many running instances' executions stay in memory between operations (see LiveExecutions); 0 keeps none. */
  liveExecutions?: number;
}

export interface InstanceSnapshot {
  id: string;
  processKey: string;
  status: string;
  revision: number;
  data: Record<string, unknown>;
  /** Items waiting after the step: user tasks, timers, receive tasks. */
  openItems: OpenItem[];
}

/** After a completion: the instance, and the completed item as it was stored (its JSON). */
export interface CompletionSnapshot extends InstanceSnapshot {
  completed: Record<string, unknown>;
}

export interface OpenItem {
  id: string;
  elementId: string;
  name: string | null;
  type: string;
  candidateGroups: string[];
  assignee: string | null;
  /** When a user task is due (its dueDate), ISO; null without one. */
  dueAt: string | null;
  /** A user task that started waiting during the operation this snapshot ends (not one that was already waiting). */
  startedInOperation: boolean;
}

/** The process has reached a state it cannot leave without a person; an incident was recorded. */
export class ProcessIncidentError extends ConflictError {
  /** `failure`: the internal error itself, for process owners (incident rows, retries); never sent to other clients. */
  constructor(message: string, readonly incidentId: number | null, readonly failure?: Error) {
    super(message, 'process_incident');
  }
}

/**
 * bpmn-server, wired to our database. Every operation (start, complete a task, fire a timer, or an
 * application use case that wraps several) runs in one transaction: it commits whole or not at all.
 */
export class WorkflowEngine {
  readonly server: any;
  readonly definitions: DefinitionStore;
  readonly locker: LeaseLocker;
  readonly logger: BoundedLogger;
  readonly timers: TimerPoller;
  readonly clock: Clock;
  readonly handlers: HandlerRegistry;
  /** Lists enum form fields may take their values from (registered by the application, checked by the gate). */
  readonly formOptions = new FormOptionSources();
  /** Every deployed version's task forms, parsed once per version, with those lists filled in. */
  readonly forms: FormCatalog;
  /** Register listeners here to react when user tasks start waiting or change assignee (in the step's transaction). */
  readonly userTasks = new UserTaskEvents();
  private readonly dataStore: TypeOrmDataStore;
  private readonly metrics: EngineMetrics;
  readonly liveExecutions: LiveExecutions;

  constructor(readonly db: Database, options: Omit<WorkflowEngineOptions, 'db'> = {}) {
    this.clock = options.clock ?? systemClock;
    this.handlers = options.handlers ?? new HandlerRegistry();
    this.definitions = new DefinitionStore(options.gate ?? null);
    this.forms = new FormCatalog(this.definitions, this.formOptions);
    this.metrics = options.metrics ?? {};
    this.locker = new LeaseLocker(db, this.clock, options.locks ?? { leaseMs: 30_000, waitMs: 3_000 }, this.metrics);
    this.logger = new BoundedLogger(options.loggerCapacity ?? 200);
    const liveExecutions = this.liveExecutions = new LiveExecutions(options.liveExecutions ?? 64);
    const dataStore = this.dataStore = new TypeOrmDataStore(this.definitions, this.locker, this.userTasks, liveExecutions);
    const handlers = this.handlers;
    const clock = this.clock;
    const definitions = this.definitions;
    const configuration = new bpmn.Configuration({
      definitionsPath: undefined,
      templatesPath: undefined,
      timers: { forceTimersDelay: 0, precision: 0 },
      database: {},
      apiKey: undefined,
      logger: this.logger,
      definitions: () => definitions,
      appDelegate: (server: unknown) => new EngineAppDelegate(server, handlers, clock),
      dataStore: () => dataStore,
      cacheManager: () => liveExecutions,
      scriptHandler: () => new RestrictedScriptHandler(clock),
    });
    this.server = withoutConsoleLog(() => new bpmn.BPMNServer(configuration, this.logger, { cron: false }));
    this.timers = new TimerPoller(this, options.serverId ?? `${process.pid}`, options.timers ?? { pollIntervalMs: 1000, leaseMs: 60_000, batchSize: 20 });
  }

  /** Call after registering handlers added once the engine exists. */
  refreshHandlers(): void {
    (this.server.appDelegate as EngineAppDelegate).rebuildProvider();
  }

  setGate(gate: DefinitionGate): void {
    this.definitions.setGate(gate);
  }

  // ---- operations -------------------------------------------------------------------------------------

  /**
   * Runs `work` as one engine operation. Nested calls join the running operation. On failure everything is
   * rolled back; errors that are not the caller's fault are recorded as incidents. `urgency`: see WriteUrgency.
   */
  async run<T>(actor: string | null, work: (context: OperationContext) => Promise<T>, subject: IncidentSubject = {}, urgency: WriteUrgency = 'normal'): Promise<T> {
    const running = currentOperation();
    if (running) return work(running);
    let context: OperationContext | undefined;
    const started = performance.now();
    const kind = String(subject.operation?.kind ?? subject.kind ?? 'other');
    try {
      const value = await this.db.transaction(async (manager) => {
        context = newOperationContext(manager, actor, this.clock.now());
        const value = await runInOperation(context, () => work(context!));
        if (context.failure) throw context.failure;
        await runInOperation(context, () => this.dataStore.flush(context!));
        if (context.failure) throw context.failure;
        for (const { scope, entry } of context.pendingAudit ?? []) await appendAudit(manager, scope, [entry], context.auditHeads);
        await this.locker.releaseInTransaction(context);
        return value;
      }, urgency);
      this.liveExecutions.keep(context!);
      this.metrics.operation?.(kind, (performance.now() - started) / 1000, 'ok');
      return value;
    } catch (error) {
      if (context) this.liveExecutions.keepUnused(context);
      if (context) await this.locker.releaseAfterRollback(context).catch((e) => this.logger.reportError(e));
      const explained = await this.explain(context?.failure ?? (error as Error), subject);
      const outcome = explained instanceof ProcessIncidentError ? 'incident' : explained instanceof ConflictError ? 'conflict' : 'rejected';
      this.metrics.operation?.(kind, (performance.now() - started) / 1000, outcome);
      throw explained;
    }
  }

  async startProcess(processKey: string, data: Record<string, unknown>, options: { actor?: string | null } = {}): Promise<InstanceSnapshot> {
    return this.run(options.actor ?? null, async (context) => {
      await this.definitions.requireStartable(context.manager, processKey);
      const execution = await this.server.engine.start(processKey, data, null, options.actor ?? null);
      await this.dataStore.flush(context);
      return snapshotOf(execution, context);
    }, { processKey, operation: { kind: 'start', processKey } });
  }

  /**
   * Completes a waiting item (a user task, a receive task) with data. `instanceId`: the item's instance, when the
   * caller has read it already (saves looking it up).
   */
  async completeTask(itemId: string, data: Record<string, unknown>, options: { actor?: string | null; expectedRevision?: number; noIncident?: boolean; instanceId?: string } = {}): Promise<CompletionSnapshot> {
    return this.run(options.actor ?? null, async (context) => {
      const item = await this.lockWaitingItem(context, itemId, options.instanceId);
      if (options.expectedRevision !== undefined && item.instanceRevision !== options.expectedRevision) {
        throw new ConflictError(`Instance is at revision ${item.instanceRevision}, not ${options.expectedRevision}; reload and try again`, 'stale_revision');
      }
      const execution = await this.server.engine.invoke({ 'items.id': itemId }, data, options.actor ?? null);
      await this.dataStore.flush(context);
      const completed = (execution.instance.items ?? []).find((item: { id: string }) => item.id === itemId);
      if (!completed) throw new Error(`Item ${itemId} is not in its instance after completing it`);
      return { ...snapshotOf(execution, context), completed: JSON.parse(JSON.stringify(completed)) };
    }, { itemId, operation: { kind: 'complete', itemId, data, actor: options.actor ?? null }, noIncident: options.noIncident });
  }

  /** Changes a waiting item's assignment (claim, unclaim, assign) without completing it. `instanceId` as for completeTask. */
  async assignTask(itemId: string, assignment: { assignee?: string | null }, options: { actor?: string | null; instanceId?: string } = {}): Promise<InstanceSnapshot> {
    return this.run(options.actor ?? null, async (context) => {
      await this.lockWaitingItem(context, itemId, options.instanceId);
      const execution = await this.server.engine.assign({ 'items.id': itemId }, {}, assignment, options.actor ?? null);
      await execution.worker; // bpmn-server starts the assignment without awaiting it
      await this.dataStore.flush(context);
      return snapshotOf(execution, context);
    }, { itemId, kind: 'assign' });
  }

  /**
   * Within an operation (`run`): locks an instance and reads it under that lock, a read the engine calls that follow in
   * the operation reuse. Answers the instance's revision, or null when there is no such instance. Every change to an
   * instance or its items moves its revision, so a caller that read a task before locking knows whether that read
   * still holds.
   */
  async lockInstance(instanceId: string): Promise<number | null> {
    const instance = await this.lockAndRead(requireOperation('lockInstance'), instanceId);
    return instance ? instance.revision ?? 0 : null;
  }

  /** Fires one due timer claimed by `leaseOwner`; 'gone' when it was fired, cancelled or re-claimed meanwhile. */
  async fireTimer(itemId: string, leaseOwner: string, options: { noIncident?: boolean } = {}): Promise<'fired' | 'gone'> {
    return this.run(TIMER_OWNER, async (context) => {
      const claimed = await this.timers.isClaimedBy(context.manager, itemId, leaseOwner);
      if (!claimed) return 'gone';
      const item = await this.lockItemInstance(context, itemId);
      if (item?.status !== 'wait') {
        await this.timers.forget(context.manager, itemId);
        return 'gone';
      }
      if (item.timerDueAt) this.metrics.timerFired?.(Math.max(0, (context.now.getTime() - item.timerDueAt.getTime()) / 1000));
      await this.server.engine.invoke({ 'items.id': itemId }, {}, TIMER_OWNER);
      await this.dataStore.flush(context);
      await this.timers.forget(context.manager, itemId);
      return 'fired';
    }, { itemId, operation: { kind: 'timer', itemId }, noIncident: options.noIncident });
  }

  private async lockWaitingItem(context: OperationContext, itemId: string, knownInstanceId?: string): Promise<LockedItem> {
    const item = await this.lockItemInstance(context, itemId, knownInstanceId);
    if (!item) throw new NotFoundError(`No task ${itemId}`, 'task_not_found');
    if (item.status !== 'wait') throw new ConflictError(`Task ${itemId} is no longer open (status: ${item.status})`, 'task_not_open');
    return item;
  }

  /**
   * Locks the instance of an item and returns the item as it stands under that lock (null when there is no such
   * item). The instance and its items are read once the lock is held, and bpmn-server's restore reuses that read.
   * `knownInstanceId` is only a shortcut: an item that is not in that instance is not found.
   */
  private async lockItemInstance(context: OperationContext, itemId: string, knownInstanceId?: string): Promise<LockedItem | null> {
    const instanceId = knownInstanceId ?? (await findByColumn(context.manager, ItemRow, 'id', [itemId], ['instanceId']))[0]?.instanceId;
    if (!instanceId) return null;
    const instance = await this.lockAndRead(context, instanceId);
    const item = instance && this.dataStore.preloadedItemOf(context, instanceId, itemId);
    if (!instance || !item) return null;
    return { id: item.id, instanceId: instance.id, status: item.status, timerDueAt: toDate(item.timeDue), instanceRevision: instance.revision ?? 0 };
  }

  /** Locks the instance for the operation, then reads it with its items: the read the operation's engine calls reuse. */
  private async lockAndRead(context: OperationContext, instanceId: string) {
    await this.locker.lock(instanceId, true);
    return this.dataStore.preload(context, instanceId);
  }

  // ---- definitions ------------------------------------------------------------------------------------

  async deploy(processKey: string, xml: string, deployedBy: string | null = 'system', options: GateOptions & { note?: string | null } = {}): Promise<DeployResult> {
    return this.run(deployedBy, async (context) => {
      const result = await this.definitions.deploy(context.manager, processKey, xml, deployedBy, context.now, options);
      if (result.created) {
        await appendAudit(context.manager, `process:${processKey}`, [{
          action: 'deploy', actor: deployedBy, at: context.now,
          after: { version: result.version, definitionId: result.id, ...(options.note ? { note: options.note } : {}) },
        }]);
      }
      return result;
    });
  }

  /** Runs the deployment gate over a diagram without deploying it. */
  async validate(processKey: string, xml: string, options: GateOptions = {}): Promise<GateIssue[]> {
    return this.run(null, () => this.definitions.check(xml, processKey, options));
  }

  /**
   * Deploys every `*.bpmn` file of a folder (the file name is the process key). A file equal to the active version
   * changes nothing. A file that differs from the active version (someone deployed or activated another over the
   * API) is logged in one line and, with `onDrift: 'deploy'`, deployed and activated; with 'keep' the active
   * version stays.
   */
  async deployDirectory(dir: string, deployedBy = 'system', options: { onDrift?: 'deploy' | 'keep'; log?: (line: string) => void } = {}): Promise<DeployResult[]> {
    const { onDrift = 'deploy', log = (line: string) => console.warn(line) } = options;
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort();
    const keys = files.map((f) => path.basename(f, '.bpmn'));
    this.keysBeingDeployed = new Set(keys);
    try {
      const results: DeployResult[] = [];
      for (const [index, file] of files.entries()) {
        const key = keys[index];
        const relative = path.join(path.basename(dir), file);
        const xml = decodeDiagram(fs.readFileSync(path.join(dir, file)));
        const hash = definitionIdOf(xml);
        this.processFiles.set(key, { file: relative, hash });
        const active = await this.db.read((manager) => this.definitions.active(manager, key));
        if (active && active.id !== hash) {
          if (onDrift === 'keep') {
            log(`${relative} differs from the active version ${active.version} of "${key}"; kept version ${active.version} (processFileDrift = "keep"): deploy the file or activate a version over the API`);
            continue;
          }
          const result = await this.deploy(key, xml, deployedBy);
          if (!result.created) await this.activateVersion(key, result.version, deployedBy);
          log(`${relative} differs from the active version ${active.version} of "${key}"; ${result.created ? 'deployed it as' : 'activated the identical'} version ${result.version} (processFileDrift = "deploy")`);
          results.push(result);
          continue;
        }
        results.push(await this.deploy(key, xml, deployedBy));
      }
      return results;
    } finally {
      this.keysBeingDeployed = new Set();
    }
  }

  /** The diagram files deployDirectory read, by process key: where drift from the active version is judged. */
  readonly processFiles = new Map<string, { file: string; hash: string }>();

  /** Makes a deployed version the one new instances start on (rollback or forward); audited on the process. */
  async activateVersion(processKey: string, version: number, actor: string | null): Promise<void> {
    await this.run(actor, async (context) => {
      const { before, after } = await this.definitions.activate(context.manager, processKey, version, actor, context.now);
      if (before?.id === after.id) return;
      await appendAudit(context.manager, `process:${processKey}`, [{
        action: 'activate', actor, at: context.now,
        before: before ? { version: before.version, definitionId: before.id } : null, after: { version: after.version, definitionId: after.id },
      }]);
    });
  }

  /** Suspends (or resumes) new starts of a process; running instances continue. Audited on the process. */
  async setSuspended(processKey: string, suspended: boolean, actor: string | null): Promise<void> {
    await this.run(actor, async (context) => {
      const previous = await this.definitions.setSuspended(context.manager, processKey, suspended, actor, context.now);
      if (previous === suspended) return;
      await appendAudit(context.manager, `process:${processKey}`, [{ action: suspended ? 'suspend' : 'resume', actor, at: context.now }]);
    });
  }

  /** Process keys of a folder being deployed, so diagrams may call each other regardless of file order. */
  keysBeingDeployed: ReadonlySet<string> = new Set();

  // ---- lifecycle --------------------------------------------------------------------------------------

  async close(): Promise<void> {
    await this.timers.stop();
  }

  // ---- failures ---------------------------------------------------------------------------------------

  /** Caller mistakes pass through; anything else becomes an incident row and a ProcessIncidentError. */
  private async explain(error: Error, subject: IncidentSubject): Promise<Error> {
    if (error instanceof AppError) return error;
    if (isTransientLockError(error)) return new ConflictError('The database is busy with a conflicting change; try again', 'busy');
    const incidentId = subject.noIncident ? null : await this.recordIncident(error, subject).catch((e) => {
      this.logger.reportError(e);
      return null;
    });
    // The client sees our own diagnoses of a diagram that cannot go on, never the text of an internal error (that stays in the incident).
    const reason = error instanceof NoMatchingFlowError ? `no matching flow: ${error.message}`
      : error instanceof UnknownHandlerError ? error.message
        : 'an internal error';
    const reference = incidentId ? `; incident ${incidentId} was recorded for the process owner` : '';
    return new ProcessIncidentError(`The process cannot continue (${reason})${reference}`, incidentId, error);
  }

  async recordIncident(error: Error, subject: IncidentSubject): Promise<number> {
    return this.db.transaction(async (manager) => {
      let { instanceId = null, processKey = null } = subject;
      const itemId = subject.itemId ?? null;
      let elementId: string | null = error instanceof NoMatchingFlowError ? error.elementId : null;
      if (itemId) {
        const item = await manager.getRepository(ItemRow).findOne({ where: { id: itemId }, select: { id: true, instanceId: true, elementId: true } });
        instanceId = item?.instanceId ?? instanceId;
        elementId = elementId ?? item?.elementId ?? null;
      }
      const result = await manager.createQueryBuilder().insert().into(IncidentRow).values({
        instanceId, itemId, elementId, processKey, kind: error.name.slice(0, 40), message: error.message.slice(0, 4000), createdAt: this.clock.now(), resolvedAt: null,
        operation: (subject.operation ?? null) as any,
      }).execute();
      return Number(result.identifiers[0]?.id ?? result.raw?.insertId ?? 0);
    });
  }
}

export interface IncidentSubject {
  /** Names the operation in metrics when `operation` does not (assign, deploy …). */
  kind?: string;
  instanceId?: string;
  itemId?: string;
  processKey?: string;
  /** What to replay when the incident is retried. */
  operation?: Record<string, unknown>;
  /** A retry reports its failure on the incident it retries instead of recording a new one. */
  noIncident?: boolean;
}

/** bpmn-server announces its version on the console in its constructor. */
function withoutConsoleLog<T>(build: () => T): T {
  const log = console.log;
  console.log = () => undefined;
  try { return build(); } finally { console.log = log; }
}

function snapshotOf(execution: any, context: OperationContext): InstanceSnapshot {
  const instance = execution.instance;
  const openItems = (instance.items ?? [])
    .filter((item: any) => item.status === 'wait')
    .map((item: any): OpenItem => ({
      id: item.id, elementId: item.elementId, name: item.name ?? null, type: String(item.type),
      candidateGroups: asList(item.candidateGroups), assignee: item.assignee ? String(item.assignee) : null,
      dueAt: toDate(item.dueDate)?.toISOString() ?? null,
      startedInOperation: context.startedUserTasks.has(item.id),
    }));
  // A copy: the execution may stay in memory for the instance's next operation (LiveExecutions).
  return { id: instance.id, processKey: instance.name, status: instance.status, revision: instance.revision, data: structuredClone(instance.data ?? {}), openItems };
}
