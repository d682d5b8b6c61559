import { ForbiddenError, NotFoundError } from '../../domain';
import { ComplaintRow } from '../../persistence/entities/complaint';
import { ComplaintFilter, ComplaintRepository } from '../../persistence/repositories/complaint-repository';
import { Actor, isInAnyGroup } from '../actor';
import { AppServices } from '../services';
import { ComplaintView, toComplaintView, waitingSteps } from './complaint-view';

/** Groups that see every complaint: the service desk, leadership, auditors and process owners. */
export const SEE_ALL_GROUPS = ['service-desk', 'management-rep', 'division-leader', 'general-manager', 'auditor', 'process-owner'] as const;

export interface ComplaintListQuery {
  status?: string;
  kind?: string;
  severity?: string;
  category?: string;
  department?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface ComplaintPage {
  items: ComplaintView[];
  total: number;
  page: number;
  pageSize: number;
}

export const DEFAULT_COMPLAINT_PAGE_SIZE = 20;
export const MAX_COMPLAINT_PAGE_SIZE = 100;

/** Department staff see only the complaints routed to their department. */
export function canSeeAllComplaints(actor: Actor): boolean {
  return isInAnyGroup(actor, SEE_ALL_GROUPS);
}

export async function listComplaints(services: AppServices, actor: Actor, query: ComplaintListQuery): Promise<ComplaintPage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_COMPLAINT_PAGE_SIZE;
  const filter: ComplaintFilter = {
    status: query.status, kind: query.kind, severity: query.severity, category: query.category, department: query.department,
    receivedFrom: query.from ? new Date(query.from) : undefined,
    receivedTo: query.to ? new Date(query.to) : undefined,
    visibleToDepartments: canSeeAllComplaints(actor) ? undefined : [actor.departmentCode],
  };
  return services.db.read(async (manager) => {
    const { rows, total } = await new ComplaintRepository(manager).list(filter, { offset: (page - 1) * pageSize, limit: pageSize });
    const steps = await waitingSteps(manager, rows.flatMap((r) => (r.instanceId ? [r.instanceId] : [])));
    const now = services.clock.now();
    return { items: rows.map((row) => toComplaintView(row, steps.get(row.instanceId ?? '') ?? [], now)), total, page, pageSize };
  });
}

export async function getComplaint(services: AppServices, actor: Actor, number: string): Promise<ComplaintView> {
  return services.db.read(async (manager) => {
    const row = await new ComplaintRepository(manager).byNumber(number);
    if (!row) throw new NotFoundError(`No complaint numbered ${number}`);
    assertVisible(actor, row);
    const steps = await waitingSteps(manager, row.instanceId ? [row.instanceId] : []);
    return toComplaintView(row, steps.get(row.instanceId ?? '') ?? [], services.clock.now());
  });
}

function assertVisible(actor: Actor, row: ComplaintRow): void {
  if (canSeeAllComplaints(actor) || row.responsibleDeptCode === actor.departmentCode) return;
  throw new ForbiddenError(`Complaint ${row.number} is not routed to your department`);
}
