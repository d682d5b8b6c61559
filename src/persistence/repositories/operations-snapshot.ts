import { Database } from '../database';
import { parseDateColumn } from '../raw-columns';

/** What /metrics reports about the work in the database, read at scrape time. */
export interface OperationsSnapshot {
  openTasksByGroup: { group: string; count: number }[];
  overdueTasks: number;
  /** Seconds since the oldest timer that is due but not fired yet was due (0 when none is late). */
  timerLagSeconds: number;
  outboxByStatus: { status: string; count: number }[];
  /** Instance locks held right now (lease rows; always 0 on SQLite, whose single writer needs none). */
  heldInstanceLocks: number;
  openIncidentsByKind: { kind: string; count: number }[];
}

/** A handful of indexed aggregate queries; one read. */
export function readOperationsSnapshot(db: Database, now: Date): Promise<OperationsSnapshot> {
  // Raw parameters bypass the column types: SQLite keeps datetimes as UTC text, mysql2 takes a Date.
  const at = db.dialect === 'sqlite' ? now.toISOString().replace('T', ' ').replace('Z', '') : now;
  return db.read(async (manager) => {
    const rows = async (sql: string, parameters: unknown[] = []) => await manager.query(sql, parameters) as Record<string, unknown>[];
    const single = async (sql: string, parameters: unknown[] = []) => Object.values((await rows(sql, parameters))[0] ?? {})[0];
    const groups = await rows("SELECT value AS label, COUNT(*) AS n FROM wf_candidate WHERE kind = 'group' GROUP BY value");
    const overdue = await single("SELECT COUNT(*) FROM wf_item WHERE status = 'wait' AND due_at IS NOT NULL AND due_at < ?", [at]);
    const oldestTimer = await single('SELECT MIN(due_at) FROM wf_timer WHERE due_at < ?', [at]);
    const outbox = await rows("SELECT status AS label, COUNT(*) AS n FROM ntf_outbox WHERE status <> 'sent' GROUP BY status");
    const locks = await single('SELECT COUNT(*) FROM wf_lock WHERE expires_at > ?', [at]);
    const incidents = await rows('SELECT kind AS label, COUNT(*) AS n FROM wf_incident WHERE resolved_at IS NULL GROUP BY kind');
    const oldest = parseDateColumn(oldestTimer);
    return {
      openTasksByGroup: groups.map((r) => ({ group: String(r.label), count: Number(r.n) })),
      overdueTasks: Number(overdue ?? 0),
      timerLagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
      outboxByStatus: outbox.map((r) => ({ status: String(r.label), count: Number(r.n) })),
      heldInstanceLocks: Number(locks ?? 0),
      openIncidentsByKind: incidents.map((r) => ({ kind: String(r.label), count: Number(r.n) })),
    };
  });
}
