import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { SHANGHAI } from '../../domain';
import { ANCHOR_SCOPE, ChainHead, makeAnchor, merkleRoot } from '../../engine/audit-anchors';
import { Clock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { AuditAnchorRow } from '../../persistence/entities/audit-evidence';
import { AuditRow } from '../../persistence/entities/engine';
import { AuditEvidenceRepository } from '../../persistence/repositories/audit-evidence-repository';
import { ChainVerdict, IntegrityProblem, verifyChain } from './verify-chain';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface VerifyProgress {
  chains: number;
  rows: number;
  /** Chains with a recorded head: roughly how many there are to check. */
  totalChains: number;
  problems: number;
}

export interface AnchorSummary {
  day: string;
  root: string;
  chains: number;
  previousRoot: string | null;
  createdAt: Date;
}

export interface AnchorsVerdict {
  ok: boolean;
  count: number;
  latest: AnchorSummary | null;
  problems: IntegrityProblem[];
}

export interface IntegrityReport {
  ok: boolean;
  chains: number;
  rows: number;
  problems: IntegrityProblem[];
  anchors: AnchorsVerdict;
  checkedAt: Date;
}

export interface AnchorExport extends AnchorSummary {
  /** Every chain head the root covers (Merkle leaves), sorted by scope. */
  heads: ChainHead[];
  /** The heads recorded with this anchor (new or changed since the one before). */
  changed: number;
}

const SCOPE_PAGE = 200;
const MAX_REPORTED_PROBLEMS = 1000;

/** Tamper evidence of the audit trail: every chain against its head and its anchors, and the anchors themselves. */
export class AuditIntegrityService {
  constructor(private readonly db: Database, private readonly clock: Clock) {}

  async verifyScope(scope: string): Promise<ChainVerdict> {
    return this.db.read(async (manager) => {
      const repository = new AuditEvidenceRepository(manager);
      const [rows, heads, anchored, instances] = await Promise.all([
        repository.rowsOf([scope]), repository.headsOf([scope]), repository.anchoredHeadsOf([scope]), repository.instanceIdsOf([scope]),
      ]);
      return verifyChain(scope, rows, { head: heads.get(scope) ?? null, anchored: anchored.get(scope) ?? null, expected: instances.has(scope) });
    });
  }

  /** Checks every chain a page of scopes at a time, then the anchors; `onProgress` after every page. */
  async verifyAll(onProgress?: (progress: VerifyProgress) => void | Promise<void>): Promise<IntegrityReport> {
    const problems: IntegrityProblem[] = [];
    let chains = 0;
    let rows = 0;
    let after = '';
    const totalChains = await this.db.read((manager) => new AuditEvidenceRepository(manager).countHeads());
    for (;;) {
      const page = await this.db.read(async (manager) => {
        const repository = new AuditEvidenceRepository(manager);
        const scopes = await repository.scopesAfter(after, SCOPE_PAGE);
        const [pageRows, heads, anchored, instances] = await Promise.all([
          repository.rowsOf(scopes), repository.headsOf(scopes), repository.anchoredHeadsOf(scopes), repository.instanceIdsOf(scopes),
        ]);
        return { scopes, pageRows, heads, anchored, instances };
      });
      if (page.scopes.length === 0) break;
      const byScope = groupByScope(page.pageRows);
      for (const scope of page.scopes) {
        const verdict = verifyChain(scope, byScope.get(scope) ?? [], {
          head: page.heads.get(scope) ?? null, anchored: page.anchored.get(scope) ?? null, expected: page.instances.has(scope),
        });
        chains += 1;
        rows += verdict.checked;
        for (const problem of verdict.problems) if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
      }
      after = page.scopes[page.scopes.length - 1];
      await onProgress?.({ chains, rows, totalChains, problems: problems.length });
    }
    const anchors = await this.verifyAnchors();
    return { ok: problems.length === 0 && anchors.ok, chains, rows, problems, anchors, checkedAt: this.clock.now() };
  }

  /** Each anchor's root recomputed from its heads, its link to the one before, and its row in the anchors' own chain. */
  async verifyAnchors(): Promise<AnchorsVerdict> {
    return this.db.read(async (manager) => {
      const repository = new AuditEvidenceRepository(manager);
      const anchors = await repository.anchors();
      const logged = await repository.rowsOf([ANCHOR_SCOPE]);
      const problems: IntegrityProblem[] = [];
      const add = (day: string, message: string) => problems.push({ scope: ANCHOR_SCOPE, kind: 'anchor-mismatch', message: `${day}：${message}` });
      const loggedByDay = new Map<string, AuditRow>();
      for (const row of logged) {
        const day = row.after?.day;
        if (row.action === 'anchored' && typeof day === 'string') loggedByDay.set(day, row);
      }
      const known = new Map<string, ChainHead>();
      let previous: AuditAnchorRow | null = null;
      for (const anchor of anchors) {
        for (const head of await repository.anchorHeadsOfDay(anchor.day)) known.set(head.scope, { scope: head.scope, seq: head.seq, hash: head.hash });
        const root = merkleRoot([...known.values()]);
        if (root !== anchor.root) add(anchor.day, '锚定根哈希与其记录的链头不符（锚定记录被改动）');
        if (known.size !== anchor.chains) add(anchor.day, `锚定记录的链数 ${anchor.chains} 与链头数 ${known.size} 不符`);
        if ((previous?.root ?? null) !== anchor.previousRoot) add(anchor.day, '与前一日锚定的链接不符（中间的锚定被删除或改动）');
        const row = loggedByDay.get(anchor.day);
        if (!row) add(anchor.day, '审计日志中没有这次锚定');
        else if (row.after?.root !== anchor.root) add(anchor.day, '审计日志中记录的根哈希与锚定表不符');
        loggedByDay.delete(anchor.day);
        previous = anchor;
      }
      for (const day of loggedByDay.keys()) add(day, '审计日志记录了这次锚定，锚定表中却没有（锚定被删除）');
      const latest = anchors.at(-1) ?? null;
      return { ok: problems.length === 0, count: anchors.length, latest: latest ? summaryOf(latest) : null, problems };
    });
  }

  async anchors(): Promise<AnchorSummary[]> {
    return (await this.db.read((manager) => new AuditEvidenceRepository(manager).anchors())).map(summaryOf);
  }

  /** One anchor with every head its root covers, so it can be filed elsewhere and recomputed independently. */
  async anchorExport(day: string): Promise<AnchorExport | null> {
    return this.db.read(async (manager) => {
      const repository = new AuditEvidenceRepository(manager);
      const anchor = await repository.anchor(day);
      if (!anchor) return null;
      const known = new Map<string, ChainHead>();
      let changed = 0;
      for (const earlier of await repository.anchors()) {
        if (earlier.day > day) break;
        const heads = await repository.anchorHeadsOfDay(earlier.day);
        if (earlier.day === day) changed = heads.length;
        for (const head of heads) known.set(head.scope, { scope: head.scope, seq: head.seq, hash: head.hash });
      }
      const heads = [...known.values()].sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
      return { ...summaryOf(anchor), heads, changed };
    });
  }

  /** Anchors `day` (default: today in Asia/Shanghai) unless it already is. */
  anchorDay(day: string = shanghaiDay(this.clock.now())): Promise<AnchorSummary> {
    return this.db.transaction(async (manager) => summaryOf(await makeAnchor(manager, day, this.clock.now())));
  }
}

export function shanghaiDay(instant: Date): string {
  return dayjs(instant).tz(SHANGHAI).format('YYYY-MM-DD');
}

function summaryOf(anchor: AuditAnchorRow): AnchorSummary {
  return { day: anchor.day, root: anchor.root, chains: anchor.chains, previousRoot: anchor.previousRoot, createdAt: anchor.createdAt };
}

function groupByScope(rows: readonly AuditRow[]): Map<string, AuditRow[]> {
  const groups = new Map<string, AuditRow[]>();
  for (const row of rows) {
    const group = groups.get(row.scope);
    if (group) group.push(row);
    else groups.set(row.scope, [row]);
  }
  return groups;
}
