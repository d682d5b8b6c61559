import { Category, complainantKey, isRepeatComplaint, ValidationError } from '../../domain';
import { ComplaintRepository, ComplaintKeyset, ComplaintSearch } from '../../persistence/repositories/complaint-repository';
import { Actor } from '../actor';
import { AppServices } from '../services';
import { ComplaintView, toComplaintView, waitingSteps } from './complaint-view';
import { canSeeAllComplaints, DEFAULT_COMPLAINT_PAGE_SIZE } from './queries';
import { decodeTimeCursor, encodeTimeCursor } from '../time-cursor';

export interface ComplaintSearchQuery {
  /** Number or its beginning. */
  number?: string;
  /** Complainant name or its beginning. */
  customer?: string;
  phone?: string;
  status?: string;
  kind?: string;
  severity?: string;
  category?: string;
  department?: string;
  /** First and last day of registration, YYYY-MM-DD in Asia/Shanghai (both included). */
  registeredFrom?: string;
  registeredTo?: string;
  /** Instants, as the older list accepted them (both included). */
  from?: string;
  to?: string;
  /** Only open complaints past an unmet first-response, resolution or CAPA deadline now. */
  overdue?: boolean;
  cursor?: string;
  limit?: number;
  /** Also count the matching complaints (all pages, whatever the cursor): reads every matching row, so on request only. */
  count?: boolean;
}

export interface ComplaintSearchPage {
  items: ComplaintView[];
  nextCursor: string | null;
  /** With `count` only: how many complaints match the filter. */
  total?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Newest first, keyset-paged; department staff find only complaints routed to their department. */
export async function searchComplaints(services: AppServices, actor: Actor, query: ComplaintSearchQuery): Promise<ComplaintSearchPage> {
  const limit = query.limit ?? DEFAULT_COMPLAINT_PAGE_SIZE;
  const filter: ComplaintSearch = {
    numberPrefix: query.number?.trim().toUpperCase() || undefined,
    customerPrefix: query.customer?.normalize('NFKC').trim() || undefined,
    complainantKey: query.phone?.trim() ? complainantKey({ phone: query.phone }) : undefined,
    status: query.status, kind: query.kind, severity: query.severity, category: query.category, department: query.department,
    receivedFrom: latest(query.registeredFrom ? shanghaiDayStart(query.registeredFrom) : undefined, query.from ? new Date(query.from) : undefined),
    receivedBefore: earliest(
      query.registeredTo ? new Date(shanghaiDayStart(query.registeredTo).getTime() + DAY_MS) : undefined,
      query.to ? new Date(Date.parse(query.to) + 1) : undefined,
    ),
    visibleToDepartments: canSeeAllComplaints(actor) ? undefined : [actor.departmentCode],
    overdueAt: query.overdue ? services.clock.now() : undefined,
  };
  const after = query.cursor ? decodeComplaintCursor(query.cursor) : null;
  return services.db.read(async (manager) => {
    const repository = new ComplaintRepository(manager);
    const rows = await repository.search(filter, after, limit + 1);
    const page = rows.slice(0, limit);
    const steps = await waitingSteps(manager, page.flatMap((r) => (r.instanceId ? [r.instanceId] : [])));
    const now = services.clock.now();
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toComplaintView(row, steps.get(row.instanceId ?? '') ?? [], now)),
      nextCursor: rows.length > limit ? encodeComplaintCursor({ receivedAt: last.receivedAt, id: last.id }) : null,
      ...(query.count ? { total: await repository.countSearch(filter) } : {}),
    };
  });
}

export interface RepeatCheck {
  repeat: boolean;
  previous: Array<{ number: string; registeredAt: string; category: string; status: string }>;
}

/**
 * Would a complaint registered now count as a repeat (000 4.4)? The rule of registration: an earlier complaint
 * (kind complaint) of the same complainant key in the same category within the policy's repeat window. Without a
 * category (not chosen yet) it lists the complainant's complaints of the window and says no repeat.
 */
export async function checkRepeat(services: AppServices, _actor: Actor, input: { phone: string; category?: Category }): Promise<RepeatCheck> {
  const key = complainantKey({ phone: input.phone });
  const now = services.clock.now();
  const windowDays = services.policy.repeatComplaintWindowDays;
  const since = new Date(now.getTime() - windowDays * DAY_MS);
  const earlier = await services.db.read((manager) => new ComplaintRepository(manager).earlierOfComplainant(key, since, now));
  const complaints = earlier.filter((row) => row.kind === 'complaint');
  const repeat = input.category !== undefined && isRepeatComplaint(
    complaints.map((row) => ({ complainantKey: row.complainantKey, category: row.category as Category, receivedAt: row.receivedAt })),
    { complainantKey: key, category: input.category, receivedAt: now },
    windowDays,
  );
  const sameCategoryFirst = [...complaints].sort((a, b) => Number(b.category === input.category) - Number(a.category === input.category));
  return {
    repeat,
    previous: sameCategoryFirst.map((row) => ({ number: row.number, registeredAt: row.receivedAt.toISOString(), category: row.category, status: row.status })),
  };
}

/** Midnight at the start of the Asia/Shanghai day (UTC+8 all year). */
function shanghaiDayStart(day: string): Date {
  const date = new Date(`${day}T00:00:00+08:00`);
  if (Number.isNaN(date.getTime())) throw new ValidationError('The date is invalid', [{ field: 'registeredFrom', messages: ['must be a date YYYY-MM-DD'] }]);
  return date;
}

function latest(...dates: Array<Date | undefined>): Date | undefined {
  const given = dates.filter((d): d is Date => d !== undefined);
  return given.length === 0 ? undefined : new Date(Math.max(...given.map((d) => d.getTime())));
}

function earliest(...dates: Array<Date | undefined>): Date | undefined {
  const given = dates.filter((d): d is Date => d !== undefined);
  return given.length === 0 ? undefined : new Date(Math.min(...given.map((d) => d.getTime())));
}

/** The opaque cursor of a position in the newest-first list (exported for the benchmark). */
export function encodeComplaintCursor(position: ComplaintKeyset): string {
  return encodeTimeCursor(position.receivedAt, position.id);
}

function decodeComplaintCursor(cursor: string): ComplaintKeyset {
  const { at, id } = decodeTimeCursor(cursor);
  return { receivedAt: at, id };
}
