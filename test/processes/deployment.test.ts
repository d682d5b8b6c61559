import request from 'supertest';
import { AuditRow, DefinitionRow, InstanceRow } from '../../src/persistence/entities/engine';
import { processFixture, waitingItem } from '../audit/support';
import { createTestApplication, TestApplication } from '../support/app';

jest.setTimeout(60_000);

const KEY = 'audit-flow';
let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

function deploy(xml: string, user: Parameters<TestApplication['bearer']>[0] = 'owner1', key = KEY) {
  return request(t.app.http).post(`/processes/${key}/versions`)
    .set('Authorization', t.bearer(user)).set('Content-Type', 'application/xml').send(xml);
}
const get = (path: string, user: Parameters<TestApplication['bearer']>[0] = 'owner1') =>
  request(t.app.http).get(path).set('Authorization', t.bearer(user));

/** 1-based line of the first occurrence of `text`, computed independently of the linter. */
function lineOf(xml: string, text: string): number {
  return xml.slice(0, xml.indexOf(text)).split('\n').length;
}

async function versionsInDb(key = KEY) {
  return t.app.db.read((m) => m.getRepository(DefinitionRow).find({ where: { processKey: key }, order: { version: 'ASC' } }));
}

describe('POST /processes/:key/versions', () => {
  it('Given a valid diagram, when a process owner uploads it, then version 1 is created and audited; re-uploading the same XML answers 200 with it', async () => {
    const xml = processFixture('audit-flow.bpmn');

    const first = await deploy(xml).expect(201);
    expect(first.body).toMatchObject({ created: true, key: KEY, version: 1, deployedBy: 'owner1', runningInstances: 0, active: true, warnings: [] });
    expect(first.headers.location).toBe(`/processes/${KEY}/versions/1`);

    const again = await deploy(xml).expect(200);
    expect(again.body).toMatchObject({ created: false, version: 1, definitionId: first.body.definitionId });
    expect(await versionsInDb()).toHaveLength(1);
    const audit = await t.app.db.read((m) => m.getRepository(AuditRow).find({ where: { scope: `process:${KEY}` } }));
    expect(audit.map((row) => [row.action, row.actor, row.after])).toEqual([['deploy', 'owner1', { version: 1, definitionId: first.body.definitionId }]]);
  });

  it('accepts text/xml as well', async () => {
    await request(t.app.http).post(`/processes/${KEY}/versions`).set('Authorization', t.bearer('owner1'))
      .set('Content-Type', 'text/xml; charset=utf-8').send(processFixture('audit-flow.bpmn')).expect(201);
  });

  it('Given someone who is not a process owner, then the upload is refused with 403 and without a token with 401', async () => {
    await deploy(processFixture('audit-flow.bpmn'), 'quality1').expect(403);
    await deploy(processFixture('audit-flow.bpmn'), 'auditor1').expect(403);
    await request(t.app.http).post(`/processes/${KEY}/versions`).set('Content-Type', 'application/xml').send('<x/>').expect(401);
    expect(await versionsInDb()).toEqual([]);
  });

  it('Given a diagram with a script and an unknown handler, then it is rejected with line-level messages and nothing changes', async () => {
    await deploy(processFixture('audit-flow.bpmn')).expect(201);
    const bad = processFixture('script-task.bpmn');

    const { body } = await deploy(bad).expect(400);

    expect(body.error).toBe('invalid_definition');
    const fields = Object.fromEntries(body.fields.map((f: any) => [f.field, f.messages.join(' ')]));
    expect(fields[`source:${lineOf(bad, '<bpmn:scriptTask')}`]).toMatch(/script/i);
    expect(fields[`source:${lineOf(bad, '<bpmn:serviceTask')}`]).toMatch(/payments\.refundEverything/);
    expect((await versionsInDb()).map((v) => v.version)).toEqual([1]);
    const audit = await t.app.db.read((m) => m.getRepository(AuditRow).count({ where: { scope: `process:${KEY}` } }));
    expect(audit).toBe(1);
  });

  it('Given XML that does not parse, then the answer names the line of the error', async () => {
    const broken = processFixture('audit-flow.bpmn').replace('<bpmn:userTask id="handle" name="处理投诉" camunda:candidateGroups="ops" />', '<bpmn:userTask id="handle" name="处理投诉">');
    const { body } = await deploy(broken).expect(400);
    expect(body.fields.length).toBeGreaterThan(0);
    expect(body.fields.every((f: any) => /^source:\d+$/.test(f.field))).toBe(true);
    expect(await versionsInDb()).toEqual([]);
  });

  it('Given a diagram where an element has no name, then bpmnlint label-required rejects it at that line', async () => {
    const unnamed = processFixture('audit-flow.bpmn').replace('<bpmn:endEvent id="closed" name="办结" />', '<bpmn:endEvent id="closed" />');
    const { body } = await deploy(unnamed).expect(400);
    expect(body.fields).toContainEqual({ field: `source:${lineOf(unnamed, '<bpmn:endEvent id="closed"')}`, messages: [expect.stringMatching(/closed/)] });
  });

  it('Given an empty body, a JSON body or an invalid key, then 400 names the problem', async () => {
    expect((await deploy('').expect(400)).body.fields).toEqual([{ field: 'source', messages: [expect.any(String)] }]);
    const json = await request(t.app.http).post(`/processes/${KEY}/versions`).set('Authorization', t.bearer('owner1')).send({ xml: '<x/>' }).expect(400);
    expect(json.body.fields).toEqual([{ field: 'Content-Type', messages: [expect.any(String)] }]);
    expect((await deploy(processFixture('audit-flow.bpmn'), 'owner1', '9-bad-key').expect(400)).body.fields[0].field).toBe('key');
  });
});

describe('reading versions', () => {
  it('lists processes with the newest version and running instances, every immutable version, and each version\'s XML', async () => {
    const v1 = processFixture('audit-flow.bpmn');
    const v2 = processFixture('audit-flow-v2.bpmn');
    await deploy(v1).expect(201);
    await t.app.engine.startProcess(KEY, {}, { actor: 'desk1' });
    t.clock.advance(60_000);
    await deploy(v2).expect(201);

    const list = await get('/processes').expect(200);
    expect(list.body.find((p: any) => p.key === KEY)).toMatchObject({
      key: KEY, name: '投诉处理（测试）', activeVersion: 2, latestVersion: 2, suspended: false, drift: null, runningInstances: 1,
      versions: [
        expect.objectContaining({ version: 1, runningInstances: 1, active: false }),
        expect.objectContaining({ version: 2, deployedBy: 'owner1', deployedByName: '郑磊', deployedAt: '2026-11-23T01:01:00.000Z', runningInstances: 0, active: true }),
      ],
    });
    const versions = await get(`/processes/${KEY}/versions`, 'auditor1').expect(200);
    expect(versions.body.map((v: any) => [v.version, v.runningInstances])).toEqual([[1, 1], [2, 0]]);

    const xml = await get(`/processes/${KEY}/versions/1`).expect('Content-Type', /application\/xml/).expect(200);
    expect(xml.text).toBe(v1);
    const asJson = await get(`/processes/${KEY}/versions/2`).set('Accept', 'application/json').expect(200);
    expect(asJson.body).toMatchObject({ version: 2, xml: v2 });

    await get(`/processes/${KEY}/versions/3`).expect(404);
    await get(`/processes/${KEY}/versions/abc`).expect(400);
    await get('/processes/no-such-process/versions').expect(404);
    await get('/processes', 'desk1').expect(200);
  });
});

describe('versioning of running instances', () => {
  it('Given an instance on v1, when v2 (with an extra quality check) is deployed over the API, then the first finishes on v1 and a new one follows v2', async () => {
    await deploy(processFixture('audit-flow.bpmn')).expect(201);
    const first = await t.app.engine.startProcess(KEY, {}, { actor: 'desk1' });

    await deploy(processFixture('audit-flow-v2.bpmn')).expect(201);
    const second = await t.app.engine.startProcess(KEY, {}, { actor: 'desk1' });

    for (const id of [first.id, second.id]) {
      await t.app.engine.completeTask((await waitingItem(t.app, id, 'register')).id, { accepted: true }, { actor: 'desk1' });
      await t.app.engine.completeTask((await waitingItem(t.app, id, 'handle')).id, {}, { actor: 'ops1' });
    }
    const status = async (id: string) => t.app.db.read((m) => m.getRepository(InstanceRow).findOneByOrFail({ id }));
    expect((await status(first.id)).status).toBe('end');
    expect((await status(second.id)).status).toBe('running');
    await t.app.engine.completeTask((await waitingItem(t.app, second.id, 'verify')).id, {}, { actor: 'quality1' });
    expect((await status(second.id)).status).toBe('end');

    const [v1, v2] = await versionsInDb();
    expect((await status(first.id)).definitionId).toBe(v1.id);
    expect((await status(second.id)).definitionId).toBe(v2.id);
  });
});
