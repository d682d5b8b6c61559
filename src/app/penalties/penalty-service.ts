import { randomUUID } from 'node:crypto';
import { ConflictError, FineInputCategory, ForbiddenError, NotFoundError, ValidationError, findDepartment } from '../../domain';
import { PenaltyIdempotencyRow, PenaltyRow } from '../../persistence/entities/penalties';
import { IdentityRepository, isUniqueViolation } from '../../persistence/repositories/identity-repository';
import { LedgerRepository } from '../../persistence/repositories/ledger-repository';
import { PenaltyRepository, PenaltySearch } from '../../persistence/repositories/penalty-repository';
import { Actor, isInAnyGroup } from '../actor';
import { hashRequest } from '../request-hash';
import { decodeTimeCursor, encodeTimeCursor } from '../time-cursor';
import { AppServices } from '../services';
import { assessFine, PenaltyFacts } from './fine-facts';
import { departmentsOfPenalty, peopleNamedInPenalty, PenaltyView, penaltyView } from './penalty-views';

export const PENALTY_PROCESS = 'penalty';
export const EXEMPTION_PROCESS = 'exemption';

/** Groups that see every penalty; anyone else only the penalties of their own department. */
export const PENALTY_READERS = ['general-affairs', 'service-desk', 'dept-head', 'management-rep', 'division-leader', 'general-manager', 'auditor'] as const;

export interface OpenPenaltyInput extends PenaltyFacts {
  category: FineInputCategory;
  departmentCode: string;
  responsiblePerson: string;
  /** Declares a further, separate breach while another case for the same complaint, department and category stands. */
  additionalBreach?: boolean;
}

export interface PenaltyOpening {
  penalty: PenaltyView;
  /** True when an earlier request with the same Idempotency-Key opened it. */
  replayed: boolean;
}

/** A concurrent request with the same Idempotency-Key holds the key; its answer is replayed once it commits. */
class IdempotencyRaceError extends ConflictError {
  constructor() { super('A request with the same Idempotency-Key is being processed', 'idempotency_race'); }
}

export interface PenaltyListQuery {
  complaint?: string;
  department?: string;
  status?: string;
  /** 1–100, default 50. */
  limit?: number;
  cursor?: string;
}

export interface PenaltyPage {
  items: PenaltyView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PENALTY_PAGE = 50;

export interface FileExemptionInput {
  reasons: string;
  outageExplanation?: string;
  improvementMeasures?: string;
}

/** Use cases of penalty cases (003 4.3) and exemption requests (003 4.3.6). */
export class PenaltyService {
  constructor(private readonly services: AppServices) {}

  /**
   * Opens a penalty case for a complaint and starts the `penalty` process at the department head's opinion.
   * A case that stands (any status but rejected) for the same complaint, department and category makes a
   * second one a 409, unless the request declares an additional, separate breach. With an idempotency key,
   * a retry of the same request answers the first case again and a different request under the key is a 409.
   */
  async openPenalty(actor: Actor, complaintNumber: string, input: OpenPenaltyInput, idempotencyKey?: string): Promise<PenaltyOpening> {
    const { policy } = this.services;
    const departments = [input.departmentCode, input.publisherDepartment, input.receiverDepartment].filter((d): d is string => !!d);
    const unknown = departments.filter((code) => !findDepartment(policy, code));
    if (unknown.length > 0) {
      throw new ValidationError(`Unknown department ${unknown.join(', ')}`, [{ field: 'departmentCode', messages: [`${unknown.join(', ')} is not a department of the policy`] }], 'invalid_penalty');
    }
    const requestHash = idempotencyKey ? hashRequest({ complaintNumber, input }) : '';
    let opening: { penaltyId: string; replayed: boolean };
    try {
      opening = await this.services.engine.run(actor.username, async (context) => {
        const repo = new PenaltyRepository(context.manager);
        if (idempotencyKey) {
          const earlier = await repo.idempotentOpening(idempotencyKey, actor.username);
          if (earlier) return replay(earlier.requestHash, requestHash, earlier.penaltyId);
          // Claimed first: a concurrent twin waits on this row (MySQL) and then finds the answer.
          await claimKey(repo, idempotencyKey, actor.username, requestHash, context.now);
        }
        const penaltyId = await this.startCase(actor, complaintNumber, input, repo, context.now);
        if (idempotencyKey) await repo.completeIdempotentOpening(idempotencyKey, actor.username, penaltyId);
        return { penaltyId, replayed: false };
      });
    } catch (error) {
      if (!(error instanceof IdempotencyRaceError)) throw error;
      const earlier = await this.services.db.read((m) => new PenaltyRepository(m).idempotentOpening(idempotencyKey!, actor.username));
      if (!earlier) throw new ConflictError('A request with the same Idempotency-Key failed meanwhile; try again', 'busy');
      opening = replay(earlier.requestHash, requestHash, earlier.penaltyId);
    }
    return { penalty: await this.getPenalty(actor, opening.penaltyId), replayed: opening.replayed };
  }

  private async startCase(actor: Actor, complaintNumber: string, input: OpenPenaltyInput, repo: PenaltyRepository, now: Date): Promise<string> {
    const { engine, policy, calendar } = this.services;
    // Serialises openings for the complaint, so two concurrent requests cannot both pass the duplicate check.
    if (!(await repo.lockComplaint(complaintNumber))) throw new NotFoundError(`No complaint ${complaintNumber}`, 'complaint_not_found');
    const standing = await repo.standingCases(complaintNumber, input.departmentCode, input.category);
    if (standing.length > 0 && input.additionalBreach !== true) {
      throw new ConflictError(
        `Complaint ${complaintNumber} already has a ${input.category} penalty case for ${input.departmentCode} (${standing.map((p) => p.id).join(', ')}); `
        + 'send additionalBreach: true to open a case for a further, separate breach', 'duplicate_penalty');
    }
    const complaint = await repo.complaintDeadlines(complaintNumber);
    if (!complaint) throw new NotFoundError(`No complaint ${complaintNumber}`, 'complaint_not_found');
    const facts = factsOf(input);
    // Validates the facts against the category now, so a bad request never starts a process.
    assessFine(policy, calendar, input.category, input.departmentCode, facts, complaint, now);
    const penaltyId = randomUUID();
    const started = await engine.startProcess(PENALTY_PROCESS, {
      businessKey: complaintNumber, penaltyId, complaintNumber, category: input.category, departmentCode: input.departmentCode,
      responsiblePerson: input.responsiblePerson, proposedBy: actor.username,
    }, { actor: actor.username });
    await repo.insertPenalty(Object.assign(new PenaltyRow(), {
      id: penaltyId, complaintNumber, instanceId: started.id, category: input.category, departmentCode: input.departmentCode,
      responsiblePerson: input.responsiblePerson, facts, status: 'proposed', proposedBy: actor.username, opinionBy: null,
      noticeNumber: null, totalFen: null, additionalBreach: standing.length > 0, createdAt: now, updatedAt: now,
      outageExplanation: null, improvementMeasures: null, outageFiledBy: null, outageConfirmed: null, outageLeaderComment: null,
      outageDecidedBy: null, outageDecidedAt: null,
    } satisfies PenaltyRow));
    return penaltyId;
  }

  async getPenalty(actor: Actor, id: string): Promise<PenaltyView> {
    return this.services.db.read(async (manager) => {
      const repo = new PenaltyRepository(manager);
      const penalty = await repo.penaltyById(id);
      if (!penalty) throw new NotFoundError(`No penalty ${id}`, 'penalty_not_found');
      const entries = await new LedgerRepository(manager).list({ penaltyId: id });
      if (!isInAnyGroup(actor, PENALTY_READERS) && !departmentsOfPenalty(penalty, entries).includes(actor.departmentCode)) {
        throw new ForbiddenError('Only the penalised department and the reviewing groups may see this penalty');
      }
      const exemptions = await repo.exemptionsOfPenalty(id);
      const names = await new IdentityRepository(manager).displayNamesOf(peopleNamedInPenalty(penalty, entries, exemptions));
      return penaltyView(penalty, entries, exemptions, names);
    });
  }

  /**
   * Penalty cases newest first, as the caller may see them: the reviewing groups every case, anyone else the cases
   * of their own department (or with a fine charged to it), which is where they file an exemption request.
   */
  async listPenalties(actor: Actor, query: PenaltyListQuery): Promise<PenaltyPage> {
    const limit = query.limit ?? DEFAULT_PENALTY_PAGE;
    const after = query.cursor ? decodeTimeCursor(query.cursor) : null;
    const search: PenaltySearch = {
      complaintNumber: query.complaint, departmentCode: query.department, status: query.status,
      visibleToDepartment: isInAnyGroup(actor, PENALTY_READERS) ? undefined : actor.departmentCode,
    };
    return this.services.db.read(async (manager) => {
      const repo = new PenaltyRepository(manager);
      const rows = await repo.searchPenalties(search, after && { createdAt: after.at, id: after.id }, limit + 1);
      const page = rows.slice(0, limit);
      const ids = page.map((p) => p.id);
      const entries = await new LedgerRepository(manager).ofPenalties(ids);
      const exemptions = await repo.exemptionsOfPenalties(ids);
      const last = page[page.length - 1];
      const cases = page.map((p) => ({ row: p, entries: entries.filter((e) => e.penaltyId === p.id), exemptions: exemptions.filter((e) => e.penaltyId === p.id) }));
      const names = await new IdentityRepository(manager).displayNamesOf(cases.flatMap((c) => peopleNamedInPenalty(c.row, c.entries, c.exemptions)));
      return {
        items: cases.map((c) => penaltyView(c.row, c.entries, c.exemptions, names)),
        nextCursor: rows.length > limit ? encodeTimeCursor(last.createdAt, last.id) : null,
      };
    });
  }

  /**
   * Files an exemption request (免责申诉单) for the caller's department against an executed fine and starts
   * the `exemption` process. Only the charged department's own people may file; one open or approved request each.
   */
  async fileExemption(actor: Actor, penaltyId: string, input: FileExemptionInput): Promise<PenaltyView> {
    const { engine, policy } = this.services;
    await engine.run(actor.username, async (context) => {
      const repo = new PenaltyRepository(context.manager);
      // The row lock makes concurrent filings for the same penalty take turns, so only one passes the check below.
      const penalty = await repo.penaltyForUpdate(penaltyId);
      if (!penalty) throw new NotFoundError(`No penalty ${penaltyId}`, 'penalty_not_found');
      const fines = (await new LedgerRepository(context.manager).list({ penaltyId })).filter((e) => e.kind === 'fine');
      const fine = fines.find((e) => e.departmentCode === actor.departmentCode);
      if (penalty.status !== 'executed' || fines.length === 0) {
        throw new ConflictError(`Penalty ${penaltyId} has no executed fine (status ${penalty.status})`, 'fine_not_executed');
      }
      if (!fine) throw new ForbiddenError(`Only members of the penalised department (${fines.map((e) => e.departmentCode).join(', ')}) may request an exemption`);
      const earlier = (await repo.exemptionsOfPenalty(penaltyId))
        .find((e) => e.departmentCode === actor.departmentCode && (e.status === 'investigating' || e.status === 'approved'));
      if (earlier) throw new ConflictError(`Department ${actor.departmentCode} already has an exemption request that is ${earlier.status}`, 'exemption_exists');
      const facts = penalty.facts as PenaltyFacts;
      const outageCase = penalty.category === 'systemAssurance' && facts.causedByPeople === false;
      // An explanation and measures already filed in the penalty process (readings.nonHumanOutage = exemptOnConfirmation,
      // the leader did not confirm) stand for the request unless the department files new ones.
      const statement = {
        outageExplanation: input.outageExplanation?.trim() ? input.outageExplanation : penalty.outageExplanation ?? undefined,
        improvementMeasures: input.improvementMeasures?.trim() ? input.improvementMeasures : penalty.improvementMeasures ?? undefined,
      };
      if (outageCase) requireOutageStatement({ ...input, ...statement });

      const exemptionId = randomUUID();
      const started = await engine.startProcess(EXEMPTION_PROCESS, {
        businessKey: penalty.complaintNumber, exemptionId, penaltyId, complaintNumber: penalty.complaintNumber,
        noticeNumber: penalty.noticeNumber, departmentCode: actor.departmentCode,
        departmentName: findDepartment(policy, actor.departmentCode)?.name ?? actor.departmentCode, category: penalty.category, outageCase,
        fineFen: -fine.amountFen, requestedBy: actor.username,
      }, { actor: actor.username });
      await repo.insertExemption({
        id: exemptionId, penaltyId, instanceId: started.id, departmentCode: actor.departmentCode, requestedBy: actor.username,
        reasons: input.reasons, outageExplanation: statement.outageExplanation ?? null, improvementMeasures: statement.improvementMeasures ?? null,
        generalAffairsOpinion: null, serviceDeskOpinion: null, leaderOpinion: null, managerOpinion: null,
        status: 'investigating', decisionNote: null, decidedAt: null, createdAt: context.now,
      });
    });
    return this.getPenalty(actor, penaltyId);
  }
}

async function claimKey(repo: PenaltyRepository, idempotencyKey: string, username: string, requestHash: string, now: Date): Promise<void> {
  try {
    await repo.claimIdempotencyKey(Object.assign(new PenaltyIdempotencyRow(), { idempotencyKey, username, requestHash, penaltyId: '', createdAt: now }));
  } catch (error) {
    if (isUniqueViolation(error)) throw new IdempotencyRaceError();
    throw error;
  }
}

function replay(storedHash: string, requestHash: string, penaltyId: string): { penaltyId: string; replayed: true } {
  if (storedHash !== requestHash) {
    throw new ConflictError('This Idempotency-Key was already used for a different request', 'idempotency_key_reused');
  }
  return { penaltyId, replayed: true };
}

function factsOf(input: OpenPenaltyInput): PenaltyFacts {
  const facts: PenaltyFacts = {};
  for (const key of ['violations', 'occurrences', 'publisherDepartment', 'receiverDepartment', 'causedByPeople', 'repeatAfterMeasuresPromised', 'description'] as const) {
    if (input[key] !== undefined && input[key] !== null) (facts as Record<string, unknown>)[key] = input[key];
  }
  return facts;
}

function requireOutageStatement(input: FileExemptionInput): void {
  const errors = (['outageExplanation', 'improvementMeasures'] as const)
    .filter((field) => !input[field]?.trim())
    .map((field) => ({ field, messages: ['is required for a system failure not caused by people (003 4.3.2 e)'] }));
  if (errors.length > 0) throw new ValidationError('An outage explanation and improvement measures are required', errors, 'invalid_exemption');
}
