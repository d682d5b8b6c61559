import { randomUUID } from 'node:crypto';
import { ConflictError, FineInputCategory, ForbiddenError, NotFoundError, ValidationError, findDepartment } from '../../domain';
import { PenaltyRow } from '../../persistence/entities/penalties';
import { LedgerRepository } from '../../persistence/repositories/ledger-repository';
import { PenaltyRepository } from '../../persistence/repositories/penalty-repository';
import { Actor, isInAnyGroup } from '../actor';
import { AppServices } from '../services';
import { assessFine, PenaltyFacts } from '../../engine/handlers/fine-facts';
import { PenaltyView, penaltyView } from './penalty-views';

export const PENALTY_PROCESS = 'penalty';
export const EXEMPTION_PROCESS = 'exemption';

/** Groups that see every penalty; anyone else only the penalties of their own department. */
export const PENALTY_READERS = ['general-affairs', 'service-desk', 'dept-head', 'management-rep', 'division-leader', 'general-manager', 'auditor'] as const;

export interface OpenPenaltyInput extends PenaltyFacts {
  category: FineInputCategory;
  departmentCode: string;
  responsiblePerson: string;
}

export interface FileExemptionInput {
  reasons: string;
  outageExplanation?: string;
  improvementMeasures?: string;
}

/** Use cases of penalty cases (003 4.3) and exemption requests (003 4.3.6). */
export class PenaltyService {
  constructor(private readonly services: AppServices) {}

  /** Opens a penalty case for a complaint and starts the `penalty` process at the department head's opinion. */
  async openPenalty(actor: Actor, complaintNumber: string, input: OpenPenaltyInput): Promise<PenaltyView> {
    const { engine, policy, calendar } = this.services;
    const departments = [input.departmentCode, input.publisherDepartment, input.receiverDepartment].filter((d): d is string => !!d);
    const unknown = departments.filter((code) => !findDepartment(policy, code));
    if (unknown.length > 0) {
      throw new ValidationError(`Unknown department ${unknown.join(', ')}`, [{ field: 'departmentCode', messages: [`${unknown.join(', ')} is not a department of the policy`] }], 'invalid_penalty');
    }
    const id = await engine.run(actor.username, async (context) => {
      const repo = new PenaltyRepository(context.manager);
      const complaint = await repo.complaintDeadlines(complaintNumber);
      if (!complaint) throw new NotFoundError(`No complaint ${complaintNumber}`, 'complaint_not_found');
      const facts = factsOf(input);
      // Validates the facts against the category now, so a bad request never starts a process.
      assessFine(policy, calendar, input.category, input.departmentCode, facts, complaint, context.now);
      const penaltyId = randomUUID();
      const started = await engine.startProcess(PENALTY_PROCESS, {
        businessKey: complaintNumber, penaltyId, complaintNumber, category: input.category, departmentCode: input.departmentCode,
        responsiblePerson: input.responsiblePerson, proposedBy: actor.username,
      }, { actor: actor.username });
      await repo.insertPenalty(Object.assign(new PenaltyRow(), {
        id: penaltyId, complaintNumber, instanceId: started.id, category: input.category, departmentCode: input.departmentCode,
        responsiblePerson: input.responsiblePerson, facts, status: 'proposed', proposedBy: actor.username, opinionBy: null,
        noticeNumber: null, totalFen: null, createdAt: context.now, updatedAt: context.now,
      } satisfies PenaltyRow));
      return penaltyId;
    });
    return this.getPenalty(actor, id);
  }

  async getPenalty(actor: Actor, id: string): Promise<PenaltyView> {
    return this.services.db.read(async (manager) => {
      const repo = new PenaltyRepository(manager);
      const penalty = await repo.penaltyById(id);
      if (!penalty) throw new NotFoundError(`No penalty ${id}`, 'penalty_not_found');
      const entries = await new LedgerRepository(manager).list({ penaltyId: id });
      const charged = new Set([penalty.departmentCode, ...entries.map((e) => e.departmentCode)]);
      if (!isInAnyGroup(actor, PENALTY_READERS) && !charged.has(actor.departmentCode)) {
        throw new ForbiddenError('Only the penalised department and the reviewing groups may see this penalty');
      }
      return penaltyView(penalty, entries, await repo.exemptionsOfPenalty(id));
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
      if (outageCase) requireOutageStatement(input);

      const exemptionId = randomUUID();
      const started = await engine.startProcess(EXEMPTION_PROCESS, {
        businessKey: penalty.complaintNumber, exemptionId, penaltyId, complaintNumber: penalty.complaintNumber,
        noticeNumber: penalty.noticeNumber, departmentCode: actor.departmentCode,
        departmentName: findDepartment(policy, actor.departmentCode)?.name ?? actor.departmentCode, category: penalty.category, outageCase,
        fineFen: -fine.amountFen, requestedBy: actor.username,
      }, { actor: actor.username });
      await repo.insertExemption({
        id: exemptionId, penaltyId, instanceId: started.id, departmentCode: actor.departmentCode, requestedBy: actor.username,
        reasons: input.reasons, outageExplanation: input.outageExplanation ?? null, improvementMeasures: input.improvementMeasures ?? null,
        generalAffairsOpinion: null, serviceDeskOpinion: null, leaderOpinion: null, managerOpinion: null,
        status: 'investigating', decisionNote: null, decidedAt: null, createdAt: context.now,
      });
    });
    return this.getPenalty(actor, penaltyId);
  }
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
