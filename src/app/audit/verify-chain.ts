import { auditHash, GENESIS_HASH } from '../../engine/audit-trail';
import { ChainHead } from '../../engine/audit-anchors';
import { AuditRow } from '../../persistence/entities/engine';

export type ProblemKind = 'edited' | 'missing-rows' | 'missing-tail' | 'chain-deleted' | 'head-mismatch' | 'anchor-mismatch';

export interface IntegrityProblem {
  scope: string;
  seq?: number;
  kind: ProblemKind;
  message: string;
}

export interface ChainVerdict {
  ok: boolean;
  scope: string;
  /** Rows checked (the rows the chain has). */
  checked: number;
  rows: number;
  /** The head recorded with the rows (last seq and hash), null when none was recorded. */
  head: { seq: number; hash: string } | null;
  /** The head in the latest daily anchor, when the chain was anchored. */
  anchored: { seq: number; hash: string } | null;
  problems: IntegrityProblem[];
  /** The first problem's row and message (kept for clients of the earlier answer). */
  firstBrokenSeq?: number;
  reason?: string;
}

/** What a chain is checked against besides its own links. */
export interface ChainEvidence {
  head: ChainHead | null;
  anchored: ChainHead | null;
  /** The chain must exist (its instance does). */
  expected: boolean;
}

const MAX_PROBLEMS_PER_CHAIN = 50;

/**
 * Recomputes a scope's hash chain from its first row and holds it against its recorded head and its latest
 * anchor: an edited row, a gap, a lost tail and a chain deleted outright are each named.
 */
export function verifyChain(scope: string, rows: readonly AuditRow[], evidence: ChainEvidence): ChainVerdict {
  const problems: IntegrityProblem[] = [];
  const add = (kind: ProblemKind, message: string, seq?: number) => {
    if (problems.length < MAX_PROBLEMS_PER_CHAIN) problems.push({ scope, ...(seq === undefined ? {} : { seq }), kind, message });
  };
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      const gap = row.seq - expectedSeq;
      add('missing-rows', gap === 1 ? `第 ${expectedSeq} 行缺失（被删除）` : `第 ${expectedSeq}–${row.seq - 1} 行缺失（被删除）`, expectedSeq);
    } else if (row.prevHash !== previousHash) {
      add('edited', `第 ${row.seq} 行与上一行的链接不符（prev_hash 被改动）`, row.seq);
    }
    if (auditHash(row.prevHash, row) !== row.hash) add('edited', `第 ${row.seq} 行写入后内容被修改（哈希不符）`, row.seq);
    previousHash = row.hash;
    expectedSeq = row.seq + 1;
  }
  const last = rows.at(-1);
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  const holdAgainst = (reference: ChainHead | null, what: string) => {
    if (!reference) return;
    if (!last) return;
    if (last.seq < reference.seq) {
      add('missing-tail', `链尾第 ${last.seq + 1}–${reference.seq} 行缺失（${what}记录到第 ${reference.seq} 行）`, last.seq + 1);
      return;
    }
    const row = bySeq.get(reference.seq);
    if (row && row.hash !== reference.hash) add('edited', `第 ${reference.seq} 行的哈希与${what}不符`, reference.seq);
  };
  if (!last) {
    const reference = evidence.anchored ?? evidence.head;
    if (reference || evidence.expected) {
      const source = evidence.head ? '链头' : evidence.anchored ? '每日锚定' : '流程实例';
      add('chain-deleted', `整条审计链被删除（${source}证明它存在${reference ? `，共 ${reference.seq} 行` : ''}）`);
    }
  } else {
    holdAgainst(evidence.head, '链头');
    holdAgainst(evidence.anchored, '每日锚定');
    if (!evidence.head) add('head-mismatch', '链头记录缺失');
    else if (last.seq > evidence.head.seq) add('head-mismatch', `第 ${evidence.head.seq + 1}–${last.seq} 行不在链头记录内（绕过引擎写入）`, evidence.head.seq + 1);
  }
  const first = problems[0];
  return {
    ok: problems.length === 0,
    scope,
    checked: rows.length,
    rows: rows.length,
    head: evidence.head ? { seq: evidence.head.seq, hash: evidence.head.hash } : null,
    anchored: evidence.anchored ? { seq: evidence.anchored.seq, hash: evidence.anchored.hash } : null,
    problems,
    ...(first ? { firstBrokenSeq: first.seq, reason: first.message } : {}),
  };
}
