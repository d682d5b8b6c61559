import request from 'supertest';
import { merkleRoot } from '../../src/engine/audit-anchors';
import { AuditAnchorRow, AuditHeadRow } from '../../src/persistence/entities/audit-evidence';
import { AuditRow, InstanceRow } from '../../src/persistence/entities/engine';
import { AuditIntegrityService } from '../../src/app/audit/integrity-service';
import { AnchorWorker } from '../../src/app/audit/anchor-worker';
import { createTestApplication, TestApplication } from '../support/app';
import { processFixture, waitingItem } from './support';

jest.setTimeout(60_000);

let t: TestApplication;
let integrity: AuditIntegrityService;
beforeEach(async () => {
  t = await createTestApplication();
  integrity = new AuditIntegrityService(t.app.db, t.clock);
  await t.app.engine.deploy('auditFlow', processFixture('audit-flow.bpmn'), 'owner1');
});
afterEach(async () => { await t.dispose(); });

const get = (path: string, user: Parameters<TestApplication['bearer']>[0] = 'auditor1') => request(t.app.http).get(path).set('Authorization', t.bearer(user));

/** An instance run to its end: 6 audit rows. */
async function finishedInstance(): Promise<string> {
  const started = await t.app.engine.startProcess('auditFlow', {}, { actor: 'desk1' });
  await t.app.engine.completeTask((await waitingItem(t.app, started.id, 'register')).id, { accepted: true }, { actor: 'desk1' });
  await t.app.engine.completeTask((await waitingItem(t.app, started.id, 'handle')).id, { resolution: '已修复' }, { actor: 'ops1' });
  return started.id;
}

/** Chains and rows before the test's instances: the deployments of processes/ and of the fixture. */
async function deploymentChains(): Promise<{ chains: number; rows: number }> {
  const [row] = await t.app.db.read((m) => m.query("SELECT COUNT(DISTINCT scope) AS chains, COUNT(*) AS n FROM wf_audit WHERE scope LIKE 'process:%'"));
  return { chains: Number(row.chains), rows: Number(row.n) };
}

const sql = (text: string, parameters: unknown[]) => t.app.db.transaction((m) => m.query(text, parameters));

describe('chain heads', () => {
  it('Given steps of an instance, then its head is the last row, written with the rows', async () => {
    const id = await finishedInstance();
    const head = await t.app.db.read((m) => m.getRepository(AuditHeadRow).findOneByOrFail({ scope: id }));
    const last = await t.app.db.read((m) => m.getRepository(AuditRow).findOneOrFail({ where: { scope: id }, order: { seq: 'DESC' } }));
    expect([head.seq, head.hash]).toEqual([6, last.hash]);
  });
});

describe('GET /audit/verify', () => {
  it('Given untouched chains, then everything verifies; a non-auditor gets 403', async () => {
    const deployments = await deploymentChains();
    await finishedInstance();
    await finishedInstance();
    await integrity.anchorDay('2026-11-22');

    const { body } = await get('/audit/verify').expect(200);

    // two instances, the deployment chains and the anchors' own chain (one row)
    expect(body).toMatchObject({
      ok: true, chains: deployments.chains + 3, rows: deployments.rows + 6 + 6 + 1, problems: [],
      anchors: { ok: true, count: 1, latest: { day: '2026-11-22', chains: deployments.chains + 2 } },
    });
    await get('/audit/verify', 'quality1').expect(403);
  });

  it('Given the last row of a chain deleted, then the lost tail is named with its instance and row', async () => {
    const id = await finishedInstance();
    await sql('DELETE FROM wf_audit WHERE scope = ? AND seq = ?', [id, 6]);

    const one = await get(`/instances/${id}/verify`).expect(200);
    expect(one.body).toMatchObject({ ok: false, checked: 5, head: { seq: 6 } });
    expect(one.body.problems).toEqual([{ scope: id, seq: 6, kind: 'missing-tail', message: expect.stringContaining('第 6–6 行缺失') }]);

    const all = await get('/audit/verify').expect(200);
    expect(all.body.ok).toBe(false);
    expect(all.body.problems).toEqual([expect.objectContaining({ scope: id, kind: 'missing-tail', seq: 6 })]);
  });

  it('Given the last row of a running instance deleted, when the instance takes its next step, then the step leaves the gap for verify to name', async () => {
    const started = await t.app.engine.startProcess('auditFlow', {}, { actor: 'desk1' });
    await t.app.engine.completeTask((await waitingItem(t.app, started.id, 'register')).id, { accepted: true }, { actor: 'desk1' });
    const [last] = await sql('SELECT MAX(seq) AS seq FROM wf_audit WHERE scope = ?', [started.id]);
    const deleted = Number(last.seq);
    await sql('DELETE FROM wf_audit WHERE scope = ? AND seq = ?', [started.id, deleted]);

    await t.app.engine.completeTask((await waitingItem(t.app, started.id, 'handle')).id, { resolution: '已修复' }, { actor: 'ops1' });

    const { body } = await get(`/instances/${started.id}/verify`).expect(200);
    expect(body.ok).toBe(false);
    expect(body.problems).toEqual([expect.objectContaining({ kind: 'missing-rows', seq: deleted })]);
  });

  it('Given the tail and the head deleted together after the day was anchored, then the anchor still names the lost tail', async () => {
    const id = await finishedInstance();
    await integrity.anchorDay('2026-11-23');
    const [row4] = await sql('SELECT hash FROM wf_audit WHERE scope = ? AND seq = 4', [id]);
    await sql('DELETE FROM wf_audit WHERE scope = ? AND seq >= ?', [id, 5]);
    await sql('UPDATE wf_audit_head SET seq = 4, hash = ? WHERE scope = ?', [row4.hash, id]);

    const { body } = await get(`/instances/${id}/verify`).expect(200);

    expect(body.problems).toEqual([expect.objectContaining({ kind: 'missing-tail', seq: 5, message: expect.stringContaining('每日锚定') })]);
  });

  it('Given a whole chain deleted with its head and its instance, then the anchor names the deleted chain', async () => {
    const kept = await finishedInstance();
    const gone = await finishedInstance();
    await integrity.anchorDay('2026-11-23');
    await sql('DELETE FROM wf_audit WHERE scope = ?', [gone]);
    await sql('DELETE FROM wf_audit_head WHERE scope = ?', [gone]);
    await t.app.db.transaction((m) => m.getRepository(InstanceRow).delete({ id: gone }));

    const { body } = await get('/audit/verify').expect(200);

    expect(body.ok).toBe(false);
    expect(body.problems).toEqual([{ scope: gone, kind: 'chain-deleted', message: expect.stringContaining('每日锚定') }]);
    expect(body.problems.map((p: any) => p.scope)).not.toContain(kept);
  });

  it('Given a chain deleted before any anchor but its instance kept, then the instance names the deleted chain', async () => {
    const gone = await finishedInstance();
    await sql('DELETE FROM wf_audit WHERE scope = ?', [gone]);
    await sql('DELETE FROM wf_audit_head WHERE scope = ?', [gone]);

    const { body } = await get('/audit/verify').expect(200);

    expect(body.problems).toEqual([expect.objectContaining({ scope: gone, kind: 'chain-deleted' })]);
  });

  it('Given a row edited, then the row is named as edited and the other chains stay clean', async () => {
    const id = await finishedInstance();
    await finishedInstance();
    await sql('UPDATE wf_audit SET actor = ? WHERE scope = ? AND seq = ?', ['someone-else', id, 4]);

    const { body } = await get('/audit/verify').expect(200);

    expect(body.problems).toEqual([{ scope: id, seq: 4, kind: 'edited', message: expect.stringContaining('第 4 行') }]);
  });

  it('Given an anchor whose root was changed or an anchor deleted, then the anchors are reported', async () => {
    await finishedInstance();
    await integrity.anchorDay('2026-11-22');
    await finishedInstance();
    await integrity.anchorDay('2026-11-23');
    await t.app.db.transaction((m) => m.getRepository(AuditAnchorRow).update({ day: '2026-11-23' }, { root: 'f'.repeat(64) }));
    await t.app.db.transaction((m) => m.getRepository(AuditAnchorRow).delete({ day: '2026-11-22' }));

    const { body } = await get('/audit/verify').expect(200);

    expect(body.ok).toBe(false);
    const messages = body.anchors.problems.map((p: any) => p.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^2026-11-23：锚定根哈希/),
      expect.stringMatching(/^2026-11-22：审计日志记录了这次锚定/),
    ]));
  });

  it('With Accept: application/x-ndjson, then progress lines come before the result', async () => {
    const deployments = await deploymentChains();
    for (let i = 0; i < 3; i += 1) await finishedInstance();

    const response = await get('/audit/verify').set('Accept', 'application/x-ndjson').expect(200);

    expect(response.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = response.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.slice(0, -1).every((line) => line.type === 'progress')).toBe(true);
    const chains = deployments.chains + 3;
    expect(lines.at(-2)).toMatchObject({ chains, rows: deployments.rows + 18, totalChains: chains });
    expect(lines.at(-1)).toMatchObject({ type: 'result', ok: true, chains });
  });
});

describe('daily anchors', () => {
  it('The worker anchors yesterday once; the export lists every head so the root can be recomputed independently', async () => {
    await finishedInstance();
    const worker = new AnchorWorker(integrity, t.clock);
    await worker.tick();
    await worker.tick();
    await finishedInstance();
    t.clock.advance(24 * 60 * 60_000);
    await worker.tick();

    const deployments = await deploymentChains();
    const { body: anchors } = await get('/audit/anchors').expect(200);
    // the first covers the deployments and one instance; the second also the anchors' chain and the second instance
    expect(anchors.map((a: any) => [a.day, a.chains])).toEqual([['2026-11-22', deployments.chains + 1], ['2026-11-23', deployments.chains + 3]]);
    expect(anchors[1].previousRoot).toBe(anchors[0].root);

    const { body: exported } = await get('/audit/anchors/2026-11-23').expect(200);
    expect(exported.heads).toHaveLength(deployments.chains + 3);
    expect(merkleRoot(exported.heads)).toBe(exported.root);
    const logged = await get('/audit/anchors/2026-11-99').expect(404);
    expect(logged.body.error).toBe('anchor_not_found');
  });
});
