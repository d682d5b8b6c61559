import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  Channel, Category, complainantKey, ConflictError, ForbiddenError, formatComplaintNumber, Kind, Level, Origin, Severity,
} from '../../domain';
import { COMPLAINT_OUTCOME_UNSET, ComplaintIdempotencyRow, ComplaintRow } from '../../persistence/entities/complaint';
import { ComplaintRepository } from '../../persistence/repositories/complaint-repository';
import { isUniqueViolation } from '../../persistence/repositories/identity-repository';
import { holdNumber, keepNumber, NumberSequence, releaseNumber, takeNumberWithin } from '../../persistence/number-holds';
import { Actor, isInGroup } from '../actor';
import { KeyedMutex } from '../keyed-mutex';
import { hashRequest } from '../request-hash';
import { AppServices } from '../services';
import { ComplaintView, stepsOfOpenItems, toComplaintView } from './complaint-view';

export const COMPLAINT_PROCESS_KEY = 'complaint-lifecycle';

/** The registration form (客户投诉/建议信息登记处理单, rules.md "Complaint record"), already validated. */
export interface RegisterComplaintInput {
  complainant: { name: string; organisation?: string; address?: string; phone?: string; email?: string };
  channel: Channel;
  kind: Kind;
  origin: Origin;
  level: Level;
  category: Category;
  severity: Severity;
  content: string;
  customerDemand?: string;
  requestedReplyAt?: string;
  evidence?: string[];
  /** Needs several departments (000 4.2.2): routed like a major complaint. */
  complex?: boolean;
}

export interface Registration {
  complaint: ComplaintView;
  /** True when an earlier request with the same Idempotency-Key already registered it. */
  replayed: boolean;
}

/** A concurrent request with the same Idempotency-Key committed first; its answer is replayed. */
class IdempotencyRaceError extends ConflictError {
  constructor() { super('A request with the same Idempotency-Key is being registered', 'idempotency_race'); }
}

const MAX_ATTEMPTS = 5;
const sameKeyTurns = new KeyedMutex();
/** How long a taken number waits for its registration before the next registration may take it again. */
const NUMBER_HOLD_MS = 10 * 60_000;

/**
 * Registers a complaint: numbers it (YYYY + department code + sequence, gap-free), stores the row and starts
 * the complaint-lifecycle process in one engine operation. On MySQL the number is taken before, in a short
 * transaction of its own (number-holds.ts), so registrations do not queue on the sequence for the length of a
 * process start; it is only on a complaint once the registration commits, and a failed registration gives it back.
 * On SQLite, whose writes run one at a time anyway, it is taken inside the registration's transaction. With an
 * idempotency key, a retry of the same request replays the first answer and a different request under the same
 * key is a conflict. Its writes are urgent (a clerk has the customer on the line): they go before the queued
 * completions and other writes.
 */
export async function registerComplaint(
  services: AppServices, actor: Actor, input: RegisterComplaintInput, idempotencyKey?: string,
): Promise<Registration> {
  requireMayRegister(services.policy, actor);
  if (!idempotencyKey) return registerOnce(services, actor, input);
  // Twins of one request in this process take turns: the first registers, the others replay its answer without
  // ever taking a number (a twin's number would go back to the sequence, out of registration order).
  const key = `${actor.username}\u0000${idempotencyKey}`;
  return sameKeyTurns.runExclusive(key, () => registerOnce(services, actor, input, idempotencyKey));
}

async function registerOnce(
  services: AppServices, actor: Actor, input: RegisterComplaintInput, idempotencyKey?: string,
): Promise<Registration> {
  const requestHash = idempotencyKey ? hashRequest(input) : '';
  const earlier = idempotencyKey ? await findEarlier(services, idempotencyKey, actor) : null;
  if (earlier) return replay(earlier, requestHash);
  const numbering = await numberingFor(services, actor.departmentCode);
  let kept = false;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await services.engine.run(actor.username, async (context) => {
          const repo = new ComplaintRepository(context.manager);
          if (idempotencyKey) {
            const twin = await repo.idempotentRegistration(idempotencyKey, actor.username);
            if (twin) return replay(twin, requestHash);
            // Claimed first, so a concurrent twin waits on this row and then finds the answer (MySQL), instead of registering twice.
            await claimKey(repo, idempotencyKey, actor.username, requestHash, context.now);
          }
          const complaint = await registerInTransaction(services, actor, input, repo, context.now, await numbering.use(context.manager));
          if (idempotencyKey) await repo.completeIdempotentRegistration(idempotencyKey, actor.username, complaint.number, { ...complaint });
          kept = true;
          return { complaint, replayed: false };
        }, { kind: 'register' }, 'urgent');
      } catch (error) {
        kept = false;
        if (error instanceof IdempotencyRaceError) {
          const twin = await findEarlier(services, idempotencyKey!, actor);
          if (twin) return replay(twin, requestHash);
          // the twin rolled back: register it ourselves on the next attempt
        }
        const busy = error instanceof ConflictError && (error.code === 'busy' || error instanceof IdempotencyRaceError);
        if (!busy || attempt >= MAX_ATTEMPTS) throw error;
        await pause(Math.floor(Math.random() * 20 * attempt)); // spread out twins that deadlocked each other
      }
    }
  } finally {
    if (!kept) await numbering.giveBack();
  }
}

interface ComplaintNumber { year: number; seq: number }

/** Where the registration's number comes from: `use` in its transaction, `giveBack` when that did not commit. */
interface Numbering {
  use(manager: EntityManager): Promise<ComplaintNumber>;
  giveBack(): Promise<void>;
}

/** The department's sequence for this year: held before the registration (MySQL), or taken within it (SQLite). */
async function numberingFor(services: AppServices, departmentCode: string): Promise<Numbering> {
  const now = services.clock.now();
  const year = yearOf(services, now);
  const sequence: NumberSequence = {
    name: `complaint:${departmentCode}:${year}`,
    counter: { table: 'complaint_sequence', key: { dept_code: departmentCode, year }, column: 'next_seq' },
  };
  if (services.db.serialisesWrites) {
    return { use: async (manager) => ({ year, seq: await takeNumberWithin(manager, sequence, now) }), giveBack: async () => {} };
  }
  const seq = await services.db.transaction((manager) => holdNumber(manager, sequence, now, NUMBER_HOLD_MS), 'urgent');
  return {
    use: async (manager) => {
      await keepNumber(manager, sequence.name, seq);
      return { year, seq };
    },
    // Should the release fail too, the hold expires and the number is taken again then.
    giveBack: () => services.db.transaction((manager) => releaseNumber(manager, sequence.name, seq))
      .catch((error) => services.engine.logger.reportError(error)),
  };
}

function findEarlier(services: AppServices, idempotencyKey: string, actor: Actor): Promise<ComplaintIdempotencyRow | null> {
  return services.db.read((m) => new ComplaintRepository(m).idempotentRegistration(idempotencyKey, actor.username));
}

/** Groups that only read or maintain diagrams; they never receive complaints. */
const NON_RECEIVING_GROUPS = ['auditor', 'process-owner'];

/**
 * Who registers (policy readings.registration): the service desk only (000 4.1.2), or staff of any department that
 * receives a complaint (001 6.1–6.2 市场部、运营业务部; 003 4.1.2 and 表一 登记部门, numbered after that department).
 */
function requireMayRegister(policy: AppServices['policy'], actor: Actor): void {
  const allowed = policy.readings.registration === 'serviceDesk'
    ? isInGroup(actor, 'service-desk')
    : actor.groups.some((group) => !NON_RECEIVING_GROUPS.includes(group));
  if (!allowed) {
    throw new ForbiddenError(policy.readings.registration === 'serviceDesk'
      ? 'Only the service desk registers complaints' : 'Only staff who receive complaints may register them', 'not_a_registrar');
  }
}

async function claimKey(repo: ComplaintRepository, key: string, username: string, requestHash: string, now: Date): Promise<void> {
  try {
    await repo.recordIdempotentRegistration(Object.assign(new ComplaintIdempotencyRow(), {
      idempotencyKey: key, username, requestHash, complaintNumber: '', response: {}, createdAt: now,
    }));
  } catch (error) {
    if (isUniqueViolation(error)) throw new IdempotencyRaceError();
    throw error;
  }
}

async function registerInTransaction(
  services: AppServices, actor: Actor, input: RegisterComplaintInput, repo: ComplaintRepository, now: Date, { year, seq }: ComplaintNumber,
): Promise<ComplaintView> {
  const number = formatComplaintNumber(year, actor.departmentCode, seq);
  const { complainant } = input;
  const row = Object.assign(new ComplaintRow(), {
    id: randomUUID(), number, year, registeringDeptCode: actor.departmentCode, seq,
    complainantName: complainant.name.trim(),
    complainantOrg: complainant.organisation?.trim() || null,
    complainantAddress: complainant.address?.trim() || null,
    complainantPhone: complainant.phone?.trim() || null,
    complainantEmail: complainant.email?.trim() || null,
    complainantKey: complainantKey(complainant),
    channel: input.channel, kind: input.kind, origin: input.origin, level: input.level, category: input.category,
    severity: input.severity, isComplex: input.complex === true, content: input.content,
    customerDemand: input.customerDemand ?? null,
    requestedReplyAt: input.requestedReplyAt ? new Date(input.requestedReplyAt) : null,
    evidence: input.evidence ?? [],
    receivedBy: actor.username, receivedAt: now, responsibleDeptCode: null, handlerGroup: null, reportGroup: null, instanceId: null,
    status: 'registered', currentStep: input.kind === 'complaint' ? '分类派单' : null,
    responseDueAt: null, resolutionDueAt: null, capaDueAt: null, dispatchedAt: null, respondedAt: null, resolvedAt: null,
    capaAt: null, closedAt: null, callbackDueAt: null, callbackAt: null, satisfaction: null, leaderDecision: null,
    reopenCount: 0, escalationLevel: 0, isRepeat: false, repeatOf: null, createdAt: now, updatedAt: now,
    ...COMPLAINT_OUTCOME_UNSET,
  } satisfies ComplaintRow);
  await repo.insert(row);
  const instance = await services.engine.startProcess(COMPLAINT_PROCESS_KEY, {
    businessKey: number,
    complaintNumber: number,
    complaintId: row.id,
    kind: input.kind,
    severity: input.severity,
    category: input.category,
    level: input.level,
    origin: input.origin,
    channel: input.channel,
    complex: row.isComplex,
    registeringDeptCode: actor.departmentCode,
    // The department currently in charge: the registering one until dispatch names the responsible department.
    departmentCode: actor.departmentCode,
    receivedBy: actor.username,
    receivedAt: now.toISOString(),
    requestedReplyAt: row.requestedReplyAt?.toISOString() ?? null,
  }, { actor: actor.username });
  const stored = await repo.byNumber(number);
  if (!stored) throw new Error(`Complaint ${number} vanished during registration`);
  if (!stored.instanceId) await repo.update(stored.id, { instanceId: instance.id }, now);
  stored.instanceId = instance.id;
  if (input.kind !== 'complaint') stored.currentStep = null;
  const view = toComplaintView(stored, stepsOfOpenItems(instance.openItems), now);
  view.currentStep = view.currentSteps.map((s) => s.name).join('、') || view.currentStep;
  return view;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Numbers run per calendar year in Shanghai. */
function yearOf(services: AppServices, at: Date): number {
  return Number(services.calendar.shanghaiDate(at).slice(0, 4));
}

function replay(earlier: ComplaintIdempotencyRow, requestHash: string): Registration {
  if (earlier.requestHash !== requestHash) {
    throw new ConflictError('This Idempotency-Key was already used for a different registration', 'idempotency_key_reused');
  }
  return { complaint: earlier.response as unknown as ComplaintView, replayed: true };
}
