import dayjs from 'dayjs';
import durationPlugin from 'dayjs/plugin/duration';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { CandidateRow, DefinitionRow, InstanceRow, ItemRow, TimerRow } from '../persistence/entities/engine';
import { appendAudit } from './audit-trail';
import { bpmnModdle, type ModdleElement } from './definitions/lint/moddle';
import { bodyOf } from './definitions/lint/rules/diagram-expressions';
import { attributeOf, listOf, propertyOf } from './definitions/lint/rules/elements';
import type { Locale } from './definitions/lint/rules/messages';
import { evaluateExpression } from './expressions';
import { describeProblem, type Diagram, type MigrationProblem, type ProblemContext, type UnmappedElement, unmappedElements } from './migration-problems';
import type { WorkflowEngine } from './workflow-engine';

dayjs.extend(durationPlugin);

export interface MigrationRequest {
  processKey: string;
  sourceVersion: number;
  targetVersion: number;
  /** Source element id → target element id; elements not named keep their id. */
  mapping?: Record<string, string>;
  /** Only these instances (default: every running instance of the source version). */
  instanceIds?: string[];
  dryRun: boolean;
  /** The language of `reasons` (default English). */
  locale?: Locale;
}

export interface MigrationPlan {
  dryRun: boolean;
  movable: Array<{ instanceId: string; moves: Array<{ from: string; to: string }> }>;
  /** `reasons` are `problems` as sentences in the request's locale. */
  blocked: Array<{ instanceId: string; reasons: string[]; problems: MigrationProblem[] }>;
  /** The blocked instances' elements that a mapping would place, once each, with the choices in the target version. */
  unmapped: UnmappedElement[];
  migrated?: string[];
}

/**
 * Moves waiting instances from one version of a process to another, as Camunda's migration does: each waiting
 * element maps to a target element (same id unless mapped) of the same type. A dry run says which instances can
 * move and why the others cannot; the real run moves each in its own transaction, re-plans timers whose
 * definition changed, and audits the move on the instance.
 */
export class InstanceMigration {
  constructor(private readonly engine: WorkflowEngine) {}

  async migrate(request: MigrationRequest, actor: string): Promise<MigrationPlan> {
    const { source, target } = await this.versions(request);
    const sourceDiagram = await diagramOf(source.source);
    const targetDiagram = await diagramOf(target.source);
    const instances = await this.engine.db.read((manager) => {
      const query = manager.getRepository(InstanceRow).createQueryBuilder('n').select(['n.id'])
        .where('n.definition_id = :id AND n.status = :running', { id: source.id, running: 'running' }).orderBy('n.started_at', 'ASC');
      if (request.instanceIds?.length) query.andWhere('n.id IN (:...ids)', { ids: request.instanceIds });
      return query.getMany();
    });
    const plan: MigrationPlan = { dryRun: request.dryRun, movable: [], blocked: [], unmapped: [] };
    const context = problemContext(sourceDiagram, targetDiagram, request);
    const block = (instanceId: string, problems: MigrationProblem[], message?: string) => plan.blocked.push({
      instanceId, problems, reasons: problems.map((problem) => describeProblem(problem, context, request.locale ?? 'en', message)),
    });
    const notFound = (request.instanceIds ?? []).filter((id) => !instances.some((instance) => instance.id === id));
    for (const id of notFound) block(id, [{ code: 'not-running' }]);

    for (const { id } of instances) {
      const items = await this.engine.db.read((manager) => manager.getRepository(ItemRow).find({ where: { instanceId: id }, order: { seq: 'ASC' } }));
      const { moves, problems } = planMoves(items, sourceDiagram, targetDiagram, request);
      if (problems.length > 0) block(id, problems);
      else plan.movable.push({ instanceId: id, moves: moves.map(({ from, to }) => ({ from, to })) });
    }
    plan.unmapped = unmappedElements(plan.blocked.flatMap((entry) => entry.problems), sourceDiagram, targetDiagram);
    if (request.dryRun) return plan;

    plan.migrated = [];
    for (const { instanceId } of [...plan.movable]) {
      try {
        await this.move(instanceId, source, target, sourceDiagram, targetDiagram, request, actor);
        plan.migrated.push(instanceId);
      } catch (error) {
        plan.movable = plan.movable.filter((entry) => entry.instanceId !== instanceId);
        block(instanceId, [{ code: 'move-failed' }], error instanceof Error ? error.message : String(error));
      }
    }
    return plan;
  }

  private async versions(request: MigrationRequest) {
    if (request.sourceVersion === request.targetVersion) {
      throw new ValidationError('Source and target versions are the same', [{ field: 'targetVersion', messages: ['must differ from sourceVersion'] }]);
    }
    return this.engine.db.read(async (manager) => {
      const find = (version: number) => manager.getRepository(DefinitionRow).findOne({ where: { processKey: request.processKey, version } });
      const source = await find(request.sourceVersion);
      const target = await find(request.targetVersion);
      if (!source) throw new NotFoundError(`Process "${request.processKey}" has no version ${request.sourceVersion}`, 'version_not_found');
      if (!target) throw new NotFoundError(`Process "${request.processKey}" has no version ${request.targetVersion}`, 'version_not_found');
      return { source, target };
    });
  }

  /** One instance, one transaction: re-checked under the instance lock, then rows, payloads, tokens and timers moved. */
  private async move(instanceId: string, source: DefinitionRow, target: DefinitionRow, sourceDiagram: Diagram, targetDiagram: Diagram,
    request: MigrationRequest, actor: string): Promise<void> {
    await this.engine.run(actor, async (context) => {
      const { manager, now } = context;
      if (!context.heldLocks.has(instanceId)) await this.engine.locker.lock(instanceId);
      const instance = await manager.getRepository(InstanceRow).findOneOrFail({ where: { id: instanceId } });
      if (instance.definitionId !== source.id || instance.status !== 'running') {
        throw new ConflictError(`instance ${instanceId} changed meanwhile; run the migration again`, 'stale_revision');
      }
      const items = await manager.getRepository(ItemRow).find({ where: { instanceId }, order: { seq: 'ASC' } });
      const { moves, history, problems } = planMoves(items, sourceDiagram, targetDiagram, request);
      if (problems.length > 0) {
        const context = problemContext(sourceDiagram, targetDiagram, request);
        throw new ConflictError(problems.map((problem) => describeProblem(problem, context, 'en')).join('; '), 'migration_blocked');
      }
      const replanned: Array<{ elementId: string; dueAt: string }> = [];
      for (const move of moves) {
        const item = move.item;
        const facts = targetDiagram.get(move.to)!;
        const payload: Record<string, unknown> = { ...item.payload, elementId: move.to, name: facts.name ?? item.payload.name };
        let timerDue: Date | null = item.timerDueAt;
        if (facts.timer !== null && facts.timer !== sourceDiagram.get(move.from)!.timer) {
          timerDue = dueTimeOf(facts.timer, sourceDiagram.get(move.from)!.timer, item, instance.data ?? {}, now);
          payload.timeDue = timerDue.toISOString();
          await manager.getRepository(TimerRow).update({ itemId: item.id }, { dueAt: timerDue, elementId: move.to, attempts: 0, leaseOwner: null, leaseUntil: null });
          replanned.push({ elementId: move.to, dueAt: timerDue.toISOString() });
        } else if (move.from !== move.to) {
          await manager.getRepository(TimerRow).update({ itemId: item.id }, { elementId: move.to });
        }
        if (facts.candidateGroups !== null && !facts.candidateGroups.includes('$') && item.elementType === 'bpmn:UserTask') {
          payload.candidateGroups = facts.candidateGroups;
          await manager.createQueryBuilder().delete().from(CandidateRow).where('item_id = :id AND kind = :kind', { id: item.id, kind: 'group' }).execute();
          const groups = [...new Set(facts.candidateGroups.split(',').map((group) => group.trim()).filter(Boolean))];
          const dueSort = item.dueAt?.toISOString() ?? 'z';
          if (groups.length > 0) {
            await manager.createQueryBuilder().insert().into(CandidateRow)
              .values(groups.map((value) => ({ itemId: item.id, kind: 'group' as const, value, instanceId, dueSort }))).execute();
          }
        }
        await manager.getRepository(ItemRow).update({ id: item.id }, {
          elementId: move.to, name: (payload.name as string | null) ?? null, timerDueAt: timerDue, payload: payload as any,
        });
      }
      // bpmn-server restores every item of an instance against the diagram, finished ones too.
      for (const { item, to } of history) {
        await manager.getRepository(ItemRow).update({ id: item.id }, { elementId: to, payload: { ...item.payload, elementId: to } as any });
      }
      const renamed = new Map([...history, ...moves].map((move) => [move.item.elementId, move.to]));
      const tokens = (instance.state?.tokens ?? []).map((token: any) => ({
        ...token,
        currentNode: renamed.get(token.currentNode) ?? token.currentNode,
        startNodeId: renamed.get(token.startNodeId) ?? token.startNodeId,
      }));
      await manager.getRepository(InstanceRow).update({ id: instanceId }, {
        definitionId: target.id, revision: instance.revision + 1, updatedAt: now, state: { ...instance.state, tokens } as any,
      });
      await appendAudit(manager, instanceId, [{
        action: 'migrated', actor, at: now,
        before: { version: source.version, definitionId: source.id },
        after: { version: target.version, definitionId: target.id, moves: moves.map(({ from, to }) => ({ from, to })), replannedTimers: replanned },
      }], context.auditHeads);
    }, { instanceId, noIncident: true });
  }
}

function planMoves(allItems: ItemRow[], source: Diagram, target: Diagram, request: MigrationRequest) {
  const moves: Array<{ from: string; to: string; item: ItemRow }> = [];
  const history: Array<{ to: string; item: ItemRow }> = [];
  const problems: MigrationProblem[] = [];
  for (const item of allItems.filter((candidate) => candidate.status !== 'wait')) {
    const to = request.mapping?.[item.elementId] ?? item.elementId;
    if (!target.has(to)) {
      if (!problems.some((problem) => problem.code === 'finished-step-missing' && problem.elementId === item.elementId)) {
        problems.push({ code: 'finished-step-missing', elementId: item.elementId, elementType: source.get(item.elementId)?.type ?? item.elementType, target: to });
      }
    } else if (to !== item.elementId) {
      history.push({ to, item });
    }
  }
  for (const item of allItems.filter((candidate) => candidate.status === 'wait')) {
    const from = item.elementId;
    const to = request.mapping?.[from] ?? from;
    const sourceFacts = source.get(from);
    const targetFacts = target.get(to);
    const type = sourceFacts?.type ?? item.elementType;
    if (!targetFacts) { problems.push({ code: 'step-missing', elementId: from, elementType: type, target: to }); continue; }
    if (!sourceFacts || sourceFacts.type !== targetFacts.type) { problems.push({ code: 'type-differs', elementId: from, elementType: type, target: to }); continue; }
    if (sourceFacts.inSubProcess || targetFacts.inSubProcess) { problems.push({ code: 'in-sub-process', elementId: from, elementType: type }); continue; }
    if (sourceFacts.type === 'bpmn:CallActivity') { problems.push({ code: 'called-process', elementId: from, elementType: type }); continue; }
    if (sourceFacts.hostId !== null) {
      const mappedHost = request.mapping?.[sourceFacts.hostId] ?? sourceFacts.hostId;
      if (targetFacts.hostId !== mappedHost) { problems.push({ code: 'host-differs', elementId: from, elementType: type, target: to }); continue; }
    }
    if (targetFacts.timer?.startsWith('cycle:')) { problems.push({ code: 'repeating-timer', elementId: from, elementType: type, target: to }); continue; }
    moves.push({ from, to, item });
  }
  return { moves, history, problems };
}

function problemContext(source: Diagram, target: Diagram, request: MigrationRequest): ProblemContext {
  return { source, target, sourceVersion: request.sourceVersion, targetVersion: request.targetVersion };
}

async function diagramOf(xml: string): Promise<Diagram> {
  const { elementsById } = await bpmnModdle().fromXML(xml);
  const diagram: Diagram = new Map();
  for (const [id, element] of Object.entries(elementsById)) {
    const host = propertyOf(element, 'attachedToRef') as ModdleElement | undefined;
    const end = (property: string) => (propertyOf(element, property) as ModdleElement | undefined)?.id ?? null;
    diagram.set(id, {
      type: element.$type,
      name: element.name ?? null,
      hostId: host?.id ?? null,
      inSubProcess: element.$parent?.$type === 'bpmn:SubProcess',
      timer: timerOf(element),
      candidateGroups: attributeOf(element, 'camunda:candidateGroups') ?? null,
      sourceId: element.$type === 'bpmn:SequenceFlow' ? end('sourceRef') : null,
      targetId: element.$type === 'bpmn:SequenceFlow' ? end('targetRef') : null,
    });
  }
  return diagram;
}

/** `duration:PT1H`, `date:${x}`, `cycle:R3/PT1H` of the element's timer, or null. */
function timerOf(element: ModdleElement): string | null {
  const definition = listOf(element, 'eventDefinitions').find((d) => d.$type === 'bpmn:TimerEventDefinition');
  if (!definition) return null;
  for (const [property, kind] of [['timeDuration', 'duration'], ['timeDate', 'date'], ['timeCycle', 'cycle']] as const) {
    const body = bodyOf(propertyOf(definition, property))?.trim();
    if (body) return `${kind}:${body}`;
  }
  return null;
}

/**
 * The timer's due time under its new definition. A duration counts from when the timer started waiting: the old
 * due time less the old duration when that was a literal, else the item's start.
 */
function dueTimeOf(timer: string, previous: string | null, item: ItemRow, data: Record<string, unknown>, now: Date): Date {
  const [kind, ...rest] = timer.split(':');
  const text = rest.join(':');
  const value = text.startsWith('$') ? evaluateExpression(text, { ...data, now }) : text;
  if (kind === 'duration') {
    const oldLiteral = previous?.startsWith('duration:P') ? dayjs.duration(previous.slice('duration:'.length)).asMilliseconds() : NaN;
    const started = item.timerDueAt && Number.isFinite(oldLiteral) ? new Date(item.timerDueAt.getTime() - oldLiteral) : item.startedAt ?? now;
    const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' && value.startsWith('P') ? dayjs.duration(value).asMilliseconds() : NaN;
    if (!Number.isFinite(ms)) throw new ConflictError(`timer "${item.elementId}": ${JSON.stringify(value)} is not an ISO-8601 duration`, 'migration_blocked');
    return new Date(started.getTime() + ms);
  }
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new ConflictError(`timer "${item.elementId}": ${JSON.stringify(value)} is not a date`, 'migration_blocked');
  return date;
}
