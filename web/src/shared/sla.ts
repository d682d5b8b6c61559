export type SlaState = 'none' | 'ok' | 'warning' | 'overdue';

/** Milliseconds left per handling deadline of a complaint, null once met or not set (the API's `timeLeftMs`). */
export interface HandlingTimeLeft {
  response: number | null;
  resolution: number | null;
  capa: number | null;
}

/** Whether an open complaint's first response, resolution or CAPA record is late, as `GET /complaints?overdue=true` counts it. */
export function handlingOverdue(left: HandlingTimeLeft): boolean {
  return [left.response, left.resolution, left.capa].some((ms) => ms !== null && ms < 0);
}

/** Share of the window (slaStartedAt → dueAt) at whose end the countdown turns amber. */
export const WARNING_SHARE = 0.2;

/**
 * The colour state of a deadline: overdue once `dueAt` has passed, warning in the last 20 % of the window that
 * started at `slaStartedAt`, else ok. Without a start, only overdue/ok can be told.
 */
export function slaState(now: number, dueAt: string | null | undefined, slaStartedAt?: string | null): SlaState {
  if (!dueAt) return 'none';
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return 'none';
  if (now >= due) return 'overdue';
  const start = slaStartedAt ? Date.parse(slaStartedAt) : NaN;
  if (!Number.isNaN(start) && due > start && due - now <= (due - start) * WARNING_SHARE) return 'warning';
  return 'ok';
}
