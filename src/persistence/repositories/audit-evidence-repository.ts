import { EntityManager, In, MoreThan } from 'typeorm';
import { AuditAnchorHeadRow, AuditAnchorRow, AuditHeadRow } from '../entities/audit-evidence';
import { AuditRow, InstanceRow } from '../entities/engine';

export interface HeadRecord {
  scope: string;
  seq: number;
  hash: string;
}

/** Read-only access to the audit chains, their heads and the daily anchors, for verification and export. */
export class AuditEvidenceRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The next `limit` scopes after `after` that have rows, a head, an anchored head or an instance (byte order). */
  async scopesAfter(after: string, limit: number): Promise<string[]> {
    // Byte order on both dialects (MySQL/MariaDB collations ignore case), so the keyset matches the sort below.
    const binary = this.manager.connection.options.type === 'mysql' ? 'BINARY ' : '';
    const page = async (table: string, column: string) => {
      const rows: Array<{ scope: string }> = await this.manager.query(
        `SELECT DISTINCT ${column} AS scope FROM ${table} WHERE ${binary}${column} > ? ORDER BY ${binary}${column} LIMIT ${Number(limit)}`, [after],
      );
      return rows.map((row) => String(row.scope));
    };
    const all = new Set([
      ...await page('wf_audit', 'scope'), ...await page('wf_audit_head', 'scope'),
      ...await page('wf_audit_anchor_head', 'scope'), ...await page('wf_instance', 'id'),
    ]);
    return [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
  }

  rowsOf(scopes: string[]): Promise<AuditRow[]> {
    if (scopes.length === 0) return Promise.resolve([]);
    return this.manager.getRepository(AuditRow).find({ where: { scope: In(scopes) }, order: { scope: 'ASC', seq: 'ASC' } });
  }

  async headsOf(scopes: string[]): Promise<Map<string, HeadRecord>> {
    if (scopes.length === 0) return new Map();
    const rows = await this.manager.getRepository(AuditHeadRow).find({ where: { scope: In(scopes) } });
    return new Map(rows.map((row) => [row.scope, { scope: row.scope, seq: row.seq, hash: row.hash }]));
  }

  /** The head each scope had in the latest anchor that recorded it. */
  async anchoredHeadsOf(scopes: string[]): Promise<Map<string, HeadRecord>> {
    if (scopes.length === 0) return new Map();
    const rows = await this.manager.getRepository(AuditAnchorHeadRow).find({ where: { scope: In(scopes) }, order: { day: 'ASC' } });
    return new Map(rows.map((row) => [row.scope, { scope: row.scope, seq: row.seq, hash: row.hash }]));
  }

  async instanceIdsOf(scopes: string[]): Promise<Set<string>> {
    if (scopes.length === 0) return new Set();
    const rows = await this.manager.getRepository(InstanceRow).find({ where: { id: In(scopes) }, select: { id: true } });
    return new Set(rows.map((row) => row.id));
  }

  countHeads(): Promise<number> {
    return this.manager.getRepository(AuditHeadRow).count();
  }

  anchors(): Promise<AuditAnchorRow[]> {
    return this.manager.getRepository(AuditAnchorRow).find({ order: { day: 'ASC' } });
  }

  anchor(day: string): Promise<AuditAnchorRow | null> {
    return this.manager.getRepository(AuditAnchorRow).findOne({ where: { day } });
  }

  anchorHeadsOfDay(day: string): Promise<AuditAnchorHeadRow[]> {
    return this.manager.getRepository(AuditAnchorHeadRow).find({ where: { day }, order: { scope: 'ASC' } });
  }

  /** Anchor head rows in day order, a page at a time (keyset on day, scope). */
  anchorHeadsAfter(day: string, scope: string, limit: number): Promise<AuditAnchorHeadRow[]> {
    return this.manager.getRepository(AuditAnchorHeadRow).find({
      where: [{ day: MoreThan(day) }, { day, scope: MoreThan(scope) }], order: { day: 'ASC', scope: 'ASC' }, take: limit,
    });
  }
}
