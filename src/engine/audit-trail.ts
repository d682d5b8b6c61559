import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditHeadRow } from '../persistence/entities/audit-evidence';
import { AuditRow } from '../persistence/entities/engine';
import { changeRows, insertRows, jsonParameter } from '../persistence/raw-writes';
import { currentCorrelationId } from './correlation';
import { currentOperation } from './operation-context';

/** What happened, for the audit trail. `before`/`after` hold only the fields that changed. */
export interface AuditEntry {
  action: string;
  itemId?: string | null;
  elementId?: string | null;
  actor?: string | null;
  at: Date;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash that chains a row to its predecessor; `verify` recomputes exactly this. The request id is hashed
 * when there is one (rows written before it was recorded have none and keep their hash).
 */
export function auditHash(prevHash: string, row: Pick<AuditRow, 'scope' | 'seq' | 'itemId' | 'elementId' | 'action' | 'actor' | 'at' | 'before' | 'after'> & { requestId?: string | null }): string {
  const content = JSON.stringify([
    row.scope, row.seq, row.itemId ?? null, row.elementId ?? null, row.action, row.actor ?? null,
    new Date(row.at).toISOString(), row.before ?? null, row.after ?? null, ...(row.requestId ? [row.requestId] : []),
  ]);
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

export type AuditHeads = Map<string, { seq: number; hash: string }>;

/** The head of a chain that has no rows yet (a new instance's). */
export const NEW_CHAIN: { seq: number; hash: string } = Object.freeze({ seq: 0, hash: GENESIS_HASH });

/**
 * Appends entries to a scope's chain inside the caller's transaction, after the chain's head. `heads` remembers
 * each chain's head for the rest of the transaction (an engine operation reads it with the instance it locks), so a
 * step that saves several times reads it at most once.
 */
export async function appendAudit(manager: EntityManager, scope: string, entries: AuditEntry[], heads?: AuditHeads): Promise<void> {
  if (entries.length === 0) return;
  heads ??= currentOperation()?.manager === manager ? currentOperation()!.auditHeads : undefined;
  const last = heads?.get(scope) ?? await headOf(manager, scope);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const requestId = currentCorrelationId();
  const rows: Partial<AuditRow>[] = [];
  for (const entry of entries) {
    seq += 1;
    const row = {
      scope, seq,
      itemId: entry.itemId ?? null,
      elementId: entry.elementId ?? null,
      action: entry.action,
      actor: entry.actor ?? null,
      at: entry.at,
      before: normalise(entry.before),
      after: normalise(entry.after),
      requestId,
    };
    const hash = auditHash(prevHash, row);
    rows.push({ ...row, prevHash, hash });
    prevHash = hash;
  }
  await insertRows(manager, 'wf_audit', ['scope', 'seq', 'item_id', 'element_id', 'action', 'actor', 'at', 'before', 'after', 'request_id', 'prev_hash', 'hash'],
    rows.map((r) => [r.scope, r.seq, r.itemId, r.elementId, r.action, r.actor, r.at, jsonParameter(r.before), jsonParameter(r.after), r.requestId, r.prevHash, r.hash]));
  // The head outlives its rows: a chain whose last row is gone no longer reaches its head.
  await writeHead(manager, { scope, seq, hash: prevHash, updatedAt: entries[entries.length - 1].at });
  heads?.set(scope, { seq, hash: prevHash });
}

/**
 * The row a new entry follows: the chain's head, not the last row found, so that an entry appended after a deleted
 * tail leaves the gap for `verify` to name instead of filling it. A chain whose head row is gone continues after
 * its last row, so that no seq is used twice.
 */
async function headOf(manager: EntityManager, scope: string): Promise<{ seq: number; hash: string } | undefined> {
  const heads = await manager.query('SELECT seq, hash FROM wf_audit_head WHERE scope = ?', [scope]) as { seq: number | string; hash: string }[];
  const rows = heads.length > 0 ? heads
    : await manager.query('SELECT seq, hash FROM wf_audit WHERE scope = ? ORDER BY seq DESC LIMIT 1', [scope]) as { seq: number | string; hash: string }[];
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : undefined;
}

async function writeHead(manager: EntityManager, head: AuditHeadRow): Promise<void> {
  const updated = await changeRows(manager, 'UPDATE wf_audit_head SET seq = ?, hash = ?, updated_at = ? WHERE scope = ?',
    [head.seq, head.hash, head.updatedAt, head.scope]);
  if (!updated) await insertRows(manager, 'wf_audit_head', ['scope', 'seq', 'hash', 'updated_at'], [[head.scope, head.seq, head.hash, head.updatedAt]]);
}

/** JSON round trip, so what is hashed equals what is read back from the database. */
function normalise(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  return value == null ? null : JSON.parse(JSON.stringify(value));
}

/** Fields whose value differs between two data objects, as { before, after } maps. */
export function changedFields(before: Record<string, unknown> | undefined, after: Record<string, unknown>) {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const key of keys) {
    const a = before?.[key];
    const b = after[key];
    if (a !== b && JSON.stringify(a) !== JSON.stringify(b)) {
      if (a !== undefined) was[key] = a;
      if (b !== undefined) now[key] = b;
    }
  }
  const changed = Object.keys(was).length > 0 || Object.keys(now).length > 0;
  return changed ? { before: was, after: now } : null;
}
