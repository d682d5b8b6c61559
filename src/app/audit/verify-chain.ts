import { auditHash, GENESIS_HASH } from '../../engine/audit-trail';
import { AuditRow } from '../../persistence/entities/engine';

export interface ChainVerdict {
  ok: boolean;
  /** How many rows the chain has. */
  rows: number;
  /** The first row whose content, link or position does not match the chain. */
  firstBrokenSeq?: number;
  reason?: string;
}

/** Recomputes a scope's hash chain from its first row; any edited, removed or reordered row breaks it. */
export function verifyChain(rows: readonly AuditRow[]): ChainVerdict {
  let previousHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const expectedSeq = index + 1;
    if (row.seq !== expectedSeq) {
      return broken(rows.length, Math.min(row.seq, expectedSeq), `row ${expectedSeq} is missing (found ${row.seq} in its place)`);
    }
    if (row.prevHash !== previousHash) {
      return broken(rows.length, row.seq, 'does not link to the previous row (prev_hash differs)');
    }
    if (auditHash(previousHash, row) !== row.hash) {
      return broken(rows.length, row.seq, 'its content was changed after it was written (hash differs)');
    }
    previousHash = row.hash;
  }
  return { ok: true, rows: rows.length };
}

function broken(rows: number, seq: number, reason: string): ChainVerdict {
  return { ok: false, rows, firstBrokenSeq: seq, reason: `row ${seq} ${reason}` };
}
