import { IsArray, IsBoolean, IsDate, IsInt, IsObject, IsOptional, IsString } from 'class-validator';
import { AuditIntegrityService } from '../../app/audit/integrity-service';
import { NotFoundError } from '../../domain/errors';
import { defineRoute, RouteDefinition } from '../routes';

// Response bodies (documentation only).

export class AuditIntegrityReportView {
  @IsBoolean() ok: boolean;
  /** Chains checked (one per instance, plus `process:<key>` and `audit:anchors`). */
  @IsInt() chains: number;
  @IsInt() rows: number;
  /** [{ scope, seq?, kind: edited|missing-rows|missing-tail|chain-deleted|head-mismatch|anchor-mismatch, message }] */
  @IsArray() problems: object[];
  /** { ok, count, latest: { day, root, chains, previousRoot, createdAt } | null, problems } */
  @IsObject() anchors: object;
  @IsDate() checkedAt: Date;
}

export class AuditAnchorView {
  /** YYYY-MM-DD, Asia/Shanghai. */
  @IsString() day: string;
  /** Merkle root (SHA-256, hex) over every chain head. */
  @IsString() root: string;
  @IsInt() chains: number;
  @IsOptional() @IsString() previousRoot: string | null;
  @IsDate() createdAt: Date;
}

export class AuditAnchorExportView extends AuditAnchorView {
  /** Every chain head the root covers, sorted by scope: [{ scope, seq, hash }]. */
  @IsArray() heads: object[];
  /** How many heads were new or changed on this day. */
  @IsInt() changed: number;
}

const AUDITORS = ['auditor'] as const;
const NDJSON = 'application/x-ndjson';

export function integrityRoutes(integrity: AuditIntegrityService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit/verify',
      summary: 'Check every audit chain, its head and the daily anchors',
      description: 'Recomputes every chain; names each edited row, each gap, each lost tail (rows deleted after the last one '
        + 'the chain head or an anchor recorded) and each chain deleted outright (its head, an anchor or its instance still '
        + 'shows it existed); recomputes every daily anchor\'s Merkle root. With `Accept: application/x-ndjson` the answer is '
        + 'streamed: `{"type":"progress","chains","rows","totalChains","problems"}` lines, then `{"type":"result",…}`.',
      tags: ['audit'],
      groups: AUDITORS,
      response: { description: 'The verdict', type: AuditIntegrityReportView },
      handler: async ({ req, res }) => {
        if (!req.get('accept')?.includes(NDJSON)) return integrity.verifyAll();
        res.status(200).type(NDJSON).setHeader('Cache-Control', 'no-store');
        res.flushHeaders();
        const report = await integrity.verifyAll((progress) => { res.write(`${JSON.stringify({ type: 'progress', ...progress })}\n`); });
        res.end(`${JSON.stringify({ type: 'result', ...report })}\n`);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/audit/anchors',
      summary: 'The daily anchors of the audit trail',
      description: 'One per day (Asia/Shanghai): the Merkle root over every chain head, chained to the day before. File them outside the system.',
      tags: ['audit'],
      groups: AUDITORS,
      response: { description: 'Anchors, oldest first', type: AuditAnchorView, isArray: true },
      handler: () => integrity.anchors(),
    }),
    defineRoute({
      method: 'get',
      path: '/audit/anchors/:day',
      summary: 'One daily anchor with every chain head it covers (export)',
      tags: ['audit'],
      groups: AUDITORS,
      response: { description: 'The anchor and its Merkle leaves', type: AuditAnchorExportView },
      errors: { 404: 'No anchor for that day' },
      handler: async ({ params, res }) => {
        const anchor = /^\d{4}-\d{2}-\d{2}$/.test(params.day) ? await integrity.anchorExport(params.day) : null;
        if (!anchor) throw new NotFoundError(`No audit anchor for ${params.day}`, 'anchor_not_found');
        res.setHeader('Content-Disposition', `attachment; filename="audit-anchor-${anchor.day}.json"`);
        return anchor;
      },
    }),
  ];
}
