import { createHash } from 'node:crypto';
import { EntityManager, LessThan } from 'typeorm';
import { AuditAnchorHeadRow, AuditAnchorRow, AuditHeadRow } from '../persistence/entities/audit-evidence';
import { appendAudit, GENESIS_HASH } from './audit-trail';

/** The audit chain the anchors themselves are logged in. */
export const ANCHOR_SCOPE = 'audit:anchors';

export interface ChainHead {
  scope: string;
  seq: number;
  hash: string;
}

/** A Merkle leaf: one chain head. */
export function leafHash(head: ChainHead): string {
  return createHash('sha256').update('leaf:').update(JSON.stringify([head.scope, head.seq, head.hash])).digest('hex');
}

/** Merkle root over chain heads sorted by scope; an odd node is carried up unchanged; no heads → the genesis hash. */
export function merkleRoot(heads: readonly ChainHead[]): string {
  let level = [...heads].sort((a, b) => compareScopes(a.scope, b.scope)).map(leafHash);
  if (level.length === 0) return GENESIS_HASH;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? createHash('sha256').update('node:').update(level[i]).update(level[i + 1]).digest('hex') : level[i]);
    }
    level = next;
  }
  return level[0];
}

/** Byte order, the same on every database and locale. */
export function compareScopes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every chain head an anchor covers: the heads recorded by the anchors up to and including `day` (each anchor
 * stores only the heads that changed since the one before), the latest per chain.
 */
export async function anchoredHeadsUpTo(manager: EntityManager, day: string): Promise<Map<string, ChainHead>> {
  const rows = await manager.getRepository(AuditAnchorHeadRow).createQueryBuilder('h')
    .where('h.day <= :day', { day }).orderBy('h.day', 'ASC').getMany();
  const heads = new Map<string, ChainHead>();
  for (const row of rows) heads.set(row.scope, { scope: row.scope, seq: row.seq, hash: row.hash });
  return heads;
}

const INSERT_CHUNK = 200;

/**
 * Makes the anchor of `day` (YYYY-MM-DD, Asia/Shanghai) inside the caller's transaction: the Merkle root over
 * every chain head now known, chained to the previous anchor and logged as a row of the `audit:anchors` chain.
 * A second call for the same day returns the existing anchor.
 */
export async function makeAnchor(manager: EntityManager, day: string, now: Date): Promise<AuditAnchorRow> {
  const anchors = manager.getRepository(AuditAnchorRow);
  const existing = await anchors.findOne({ where: { day } });
  if (existing) return existing;
  const previous = await anchors.findOne({ where: { day: LessThan(day) }, order: { day: 'DESC' } });
  const known = previous ? await anchoredHeadsUpTo(manager, previous.day) : new Map<string, ChainHead>();
  const changed: ChainHead[] = [];
  for (const head of await manager.getRepository(AuditHeadRow).find()) {
    const before = known.get(head.scope);
    if (!before || before.seq !== head.seq || before.hash !== head.hash) {
      const current = { scope: head.scope, seq: head.seq, hash: head.hash };
      changed.push(current);
      known.set(head.scope, current);
    }
  }
  const anchor = Object.assign(new AuditAnchorRow(), {
    day, root: merkleRoot([...known.values()]), chains: known.size, previousRoot: previous?.root ?? null, createdAt: now,
  });
  await anchors.insert(anchor);
  for (let i = 0; i < changed.length; i += INSERT_CHUNK) {
    await manager.getRepository(AuditAnchorHeadRow).insert(changed.slice(i, i + INSERT_CHUNK).map((head) => ({ day, ...head })));
  }
  await appendAudit(manager, ANCHOR_SCOPE, [{
    action: 'anchored', actor: 'system', at: now,
    after: { day, root: anchor.root, chains: anchor.chains, previousRoot: anchor.previousRoot },
  }]);
  return anchor;
}
