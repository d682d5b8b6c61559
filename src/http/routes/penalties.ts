import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { FineInputCategory } from '../../domain';
import { PENALTY_CATEGORIES } from '../../domain';
import { PENALTY_STATUSES } from '../../persistence/entities/penalties';
import { PenaltyService } from '../../app/penalties/penalty-service';
import { idempotencyKeyOf } from '../idempotency-key';
import { defineRoute, RouteDefinition } from '../routes';

const TAGS = ['penalties'];
const DEPARTMENT_CODE = /^[A-Z]{2,6}$/;
const OPENERS = ['service-desk', 'dept-head', 'general-affairs', 'management-rep'] as const;

/** Body of POST /complaints/:number/penalties: category, who is responsible, and the facts the category needs. */
export class OpenPenaltyBody {
  /** serviceConduct, serviceTimeLimit, informationFlow, workOrderHandling, systemAssurance, lateOutageNotice or particularlySerious. */
  @IsIn(PENALTY_CATEGORIES) category: FineInputCategory;
  /** Responsible department (policy code, e.g. YW); receives the notice. */
  @Matches(DEPARTMENT_CODE, { message: 'departmentCode must be 2–6 capital letters, e.g. YW' }) departmentCode: string;
  @IsString() @MinLength(1) @MaxLength(100) responsiblePerson: string;
  @IsOptional() @IsString() @MaxLength(2000) description?: string;
  /** serviceConduct: number of violations. */
  @IsOptional() @IsInt() @Min(1) @Max(1000) violations?: number;
  /** lateOutageNotice: number of occurrences. */
  @IsOptional() @IsInt() @Min(1) @Max(1000) occurrences?: number;
  /** informationFlow: the publishing department, when it is at fault. */
  @IsOptional() @Matches(DEPARTMENT_CODE) publisherDepartment?: string;
  /** informationFlow: the receiving department, when it is at fault. */
  @IsOptional() @Matches(DEPARTMENT_CODE) receiverDepartment?: string;
  /** systemAssurance: whether people caused the failure. */
  @IsOptional() @IsBoolean() causedByPeople?: boolean;
  /** systemAssurance: the department had promised improvement measures after an earlier failure. */
  @IsOptional() @IsBoolean() repeatAfterMeasuresPromised?: boolean;
  /**
   * true declares a further, separate breach: only then is a case opened while another case for the same
   * complaint, department and category stands (not rejected).
   */
  @IsOptional() @IsBoolean() additionalBreach?: boolean;
}

/** Query of GET /penalties. */
export class PenaltyListParams {
  /** Only the cases of this complaint number. */
  @IsOptional() @Matches(/^[0-9A-Za-z]{1,30}$/) complaint?: string;
  /** Only the cases of this responsible department, e.g. YW. */
  @IsOptional() @Matches(DEPARTMENT_CODE) department?: string;
  /** proposed, noticeIssued, executed, rejected, handedToCompany or exempted. */
  @IsOptional() @IsIn(PENALTY_STATUSES) status?: string;
  /** `nextCursor` of the previous page (opaque). */
  @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  /** Page size, 1–100 (default 50). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** Body of POST /penalties/:id/exemptions (免责申诉单). */
export class FileExemptionBody {
  @IsString() @MinLength(2) @MaxLength(4000) reasons: string;
  /** Required for system failures not caused by people. */
  @IsOptional() @IsString() @MaxLength(4000) outageExplanation?: string;
  /** Required for system failures not caused by people. */
  @IsOptional() @IsString() @MaxLength(4000) improvementMeasures?: string;
}

export function penaltyRoutes(penalties: PenaltyService): RouteDefinition[] {
  return [
    defineRoute<OpenPenaltyBody>({
      method: 'post',
      path: '/complaints/:number/penalties',
      summary: 'Open a penalty case for a complaint',
      description: 'Starts the penalty process (003 4.3): department opinion → penalty notice → general affairs review → fine in the ledger. '
        + 'A second case for the same complaint, department and category is refused (409 duplicate_penalty) while the first is not rejected, '
        + 'unless the body says `additionalBreach: true`. Send an `Idempotency-Key` header to make retries safe: the same key with the same '
        + 'request answers the first case again (header `Idempotent-Replayed: true`); with a different request it is a 409.',
      tags: TAGS,
      groups: OPENERS,
      body: OpenPenaltyBody,
      response: { status: 201, description: 'The penalty case' },
      errors: {
        400: 'Facts missing for the category, or unknown department',
        404: 'No such complaint',
        409: 'A case for the same complaint, department and category stands, or the Idempotency-Key was used for a different request',
      },
      handler: async ({ actor, params, body, req, res }) => {
        const { penalty, replayed } = await penalties.openPenalty(actor, params.number, body, idempotencyKeyOf(req));
        if (replayed) res.setHeader('Idempotent-Replayed', 'true');
        return penalty;
      },
    }),
    defineRoute<undefined, PenaltyListParams>({
      method: 'get',
      path: '/penalties',
      summary: 'Penalty cases, newest first',
      description: 'The reviewing groups (general affairs, service desk, department heads, management representative, leaders, auditors) see every '
        + 'case; anyone else the cases of their own department or with a fine charged to it — where they request an exemption. Keyset pages of '
        + '`limit` (default 50): pass `nextCursor` as `cursor` for the next page (null on the last).',
      tags: TAGS,
      query: PenaltyListParams,
      response: { description: 'One page of penalty cases (`items`, `nextCursor`)' },
      handler: ({ actor, query }) => penalties.listPenalties(actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/penalties/:id',
      summary: 'A penalty with its fine, exemption requests and refunds',
      tags: TAGS,
      response: { description: 'The penalty' },
      errors: { 403: 'Neither a reviewing group nor the penalised department', 404: 'No such penalty' },
      handler: ({ actor, params }) => penalties.getPenalty(actor, params.id),
    }),
    defineRoute<FileExemptionBody>({
      method: 'post',
      path: '/penalties/:id/exemptions',
      summary: 'Request exemption from an executed fine (免责申请)',
      description: 'Only the penalised department\'s own people may file. Approved requests return 120 % of the fine in the next month\'s pay.',
      tags: TAGS,
      body: FileExemptionBody,
      response: { status: 201, description: 'The penalty with the new request' },
      errors: {
        400: 'Reasons missing, or outage explanation / measures missing for a system failure',
        403: 'Not the penalised department',
        404: 'No such penalty',
        409: 'The fine is not executed yet, or a request is already open or approved',
      },
      handler: ({ actor, params, body }) => penalties.fileExemption(actor, params.id, body),
    }),
  ];
}
