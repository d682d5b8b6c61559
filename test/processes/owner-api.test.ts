import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { AuditRow, InstanceRow, TimerRow } from '../../src/persistence/entities/engine';
import { processFixture, waitingItem } from '../audit/support';
import { createTestApplication, TestApplication } from '../support/app';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..');
const KEY = 'audit-flow';
const foreign = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'foreign', name));
const shipped = (name: string) => fs.readFileSync(path.join(ROOT, 'processes', name), 'utf8');

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

function deploy(xml: string | Buffer, key = KEY, headers: Record<string, string> = {}) {
  const req = request(t.app.http).post(`/processes/${key}/versions`).set('Authorization', t.bearer('owner1')).set('Content-Type', 'application/xml');
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req.send(xml);
}
const post = (url: string, user: Parameters<TestApplication['bearer']>[0] = 'owner1') => request(t.app.http).post(url).set('Authorization', t.bearer(user));
const get = (url: string, user: Parameters<TestApplication['bearer']>[0] = 'owner1') => request(t.app.http).get(url).set('Authorization', t.bearer(user));
const lineOf = (xml: string, text: string) => xml.slice(0, xml.indexOf(text)).split('\n').length;

describe('deployment gate', () => {
  it('Given the lifecycle XML posted as penalty, then 400 names both the process id and the key, and penalty keeps running its own diagram', async () => {
    const { body } = await deploy(shipped('complaint-lifecycle.bpmn'), 'penalty').expect(400);
    expect(body.error).toBe('invalid_definition');
    const mismatch = body.issues.find((issue: any) => issue.rule === 'complaint-flow/process-key');
    expect(mismatch).toMatchObject({ severity: 'error', elementId: 'complaintLifecycle', line: expect.any(Number) });
    expect(mismatch.message).toMatch(/"complaintLifecycle".*"penalty"/);
    const penalty = await get('/processes').expect(200);
    expect(penalty.body.find((p: any) => p.key === 'penalty')).toMatchObject({ activeVersion: 1, latestVersion: 1 });
  });

  it('refuses "3 days", a timeCycle, an unknown group and a misspelt variable, each once with its line and a suggestion; in Chinese for zh', async () => {
    const xml = processFixture('audit-flow.bpmn')
      .replace('camunda:candidateGroups="ops"', 'camunda:candidateGroups="dept-haed"')
      .replace('${accepted = true}', '${acepted = true}')
      .replace('<bpmn:endEvent id="closed" name="办结" />',
        '<bpmn:boundaryEvent id="late" name="超时" attachedToRef="handle"><bpmn:timerEventDefinition><bpmn:timeDuration>3 days</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>\n'
        + '    <bpmn:sequenceFlow id="toLateEnd" sourceRef="late" targetRef="lateEnd" />\n    <bpmn:endEvent id="lateEnd" name="超时结束" />\n'
        + '    <bpmn:boundaryEvent id="remind" name="提醒" cancelActivity="false" attachedToRef="handle"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>\n'
        + '    <bpmn:sequenceFlow id="toRemindEnd" sourceRef="remind" targetRef="remindEnd" />\n    <bpmn:endEvent id="remindEnd" name="提醒结束" />\n'
        + '    <bpmn:endEvent id="closed" name="办结" />');

    const { body } = await deploy(xml).expect(400);
    const byRule = (rule: string) => body.issues.filter((issue: any) => issue.rule === `complaint-flow/${rule}`);
    expect(byRule('known-candidate-groups')).toEqual([expect.objectContaining({
      elementId: 'handle', line: lineOf(xml, '<bpmn:userTask id="handle"'), message: expect.stringMatching(/^userTask "处理投诉" \(handle\): .*"dept-haed".*did you mean "dept-head"/),
    })]);
    expect(byRule('known-variables')).toEqual([expect.objectContaining({
      elementId: 'toHandle', line: lineOf(xml, 'id="toHandle"'), message: expect.stringMatching(/"acepted".*did you mean "accepted"/),
    })]);
    expect(byRule('timer-definitions').map((issue: any) => [issue.elementId, issue.line])).toEqual([
      ['late', lineOf(xml, 'id="late"')], ['remind', lineOf(xml, 'id="remind"')],
    ]);
    expect(byRule('timer-definitions')[0].message).toMatch(/"3 days".*ISO-8601/);
    expect(byRule('timer-definitions')[1].message).toMatch(/timeCycle "R3\/PT1H"/);
    for (const issue of body.issues) expect(issue.message.split('(handle)').length).toBeLessThanOrEqual(2);

    const zh = await deploy(xml, KEY, { 'Accept-Language': 'zh-CN,zh;q=0.9' }).expect(400);
    expect(zh.body.issues.find((issue: any) => issue.rule === 'complaint-flow/known-candidate-groups').message).toMatch(/不是已知角色；是否应为 “dept-head”/);
    expect(zh.body.issues.find((issue: any) => issue.rule === 'complaint-flow/timer-definitions').message).toContain('ISO-8601 时长');
    expect((await get(`/processes/${KEY}/versions`).expect(404)).body.error).toBe('process_not_found');
  });

  it('accepts an ISO-8859-1 declared diagram (names intact) and Signavio extension elements; lists warnings in the answer', async () => {
    const latin = await deploy(foreign('latin1-declared.bpmn')).expect(201);
    const stored = await get(`/processes/${KEY}/versions/1`).expect(200);
    expect(stored.text).toContain('name="Beschwerdeprüfung"');
    expect(stored.text).toContain('encoding="UTF-8"');
    expect(latin.body.warnings).toEqual([]);

    const signavio = await deploy(foreign('signavio-extensions.bpmn')).expect(201);
    expect(signavio.body).toMatchObject({ version: 2, warnings: [] });

    const withWarning = processFixture('audit-flow.bpmn').replace('<bpmn:userTask id="handle" name="处理投诉" camunda:candidateGroups="ops" />',
      '<bpmn:businessRuleTask id="handle" name="处理投诉" implementation="notify.send" />');
    const warned = await deploy(withWarning).expect(201);
    expect(warned.body.warnings).toEqual([expect.objectContaining({ rule: 'complaint-flow/business-rule-task', severity: 'warning', elementId: 'handle' })]);
  });

  it('POST /processes/:key/validate runs the gate without deploying', async () => {
    const ok = await post(`/processes/${KEY}/validate`).set('Content-Type', 'application/xml').send(processFixture('audit-flow.bpmn')).expect(200);
    expect(ok.body).toEqual({ ok: true, issues: [] });
    const bad = await post(`/processes/${KEY}/validate`).set('Content-Type', 'application/xml').send(processFixture('script-task.bpmn')).expect(200);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.issues.map((issue: any) => issue.rule)).toEqual(expect.arrayContaining(['complaint-flow/no-scripts', 'complaint-flow/process-key']));
    await get(`/processes/${KEY}/versions`).expect(404);
  });
});

describe('version lifecycle', () => {
  it('activates an earlier version (rollback, audited): new instances start on it, running ones stay; suspend gives 409 until resume', async () => {
    await deploy(processFixture('audit-flow.bpmn'), KEY, { 'X-Change-Note': encodeURIComponent('首版') }).expect(201);
    await deploy(processFixture('audit-flow-v2.bpmn')).expect(201);
    const onV2 = await t.app.engine.startProcess(KEY, {}, { actor: 'desk1' });

    const rolledBack = await post(`/processes/${KEY}/versions/1/activate`).expect(200);
    expect(rolledBack.body).toMatchObject({ activeVersion: 1, latestVersion: 2 });
    expect(rolledBack.body.versions.map((v: any) => [v.version, v.active, v.runningInstances, v.note])).toEqual([[1, true, 0, '首版'], [2, false, 1, null]]);
    const onV1 = await t.app.engine.startProcess(KEY, {}, { actor: 'desk1' });
    for (const id of [onV1.id, onV2.id]) {
      await t.app.engine.completeTask((await waitingItem(t.app, id, 'register')).id, { accepted: true }, { actor: 'desk1' });
      await t.app.engine.completeTask((await waitingItem(t.app, id, 'handle')).id, {}, { actor: 'ops1' });
    }
    expect(await waitingItem(t.app, onV2.id, 'verify')).toBeTruthy(); // v2 has the quality check, v1 ended without it
    await post(`/processes/${KEY}/versions/3/activate`).expect(404);
    await post(`/processes/${KEY}/versions/1/activate`, 'quality1').expect(403);

    await post(`/processes/${KEY}/suspend`).expect(200);
    const refused = t.app.engine.startProcess(KEY, {}, { actor: 'desk1' });
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'process_suspended' });
    expect((await get('/processes').expect(200)).body.find((p: any) => p.key === KEY).suspended).toBe(true);
    await post(`/processes/${KEY}/resume`).expect(200);
    await t.app.engine.startProcess(KEY, {}, { actor: 'desk1' });

    const audit = await t.app.db.read((m) => m.getRepository(AuditRow).find({ where: { scope: `process:${KEY}` }, order: { seq: 'ASC' } }));
    expect(audit.map((row) => [row.action, row.actor, row.before, (row.after as any)?.version])).toEqual([
      ['deploy', 'owner1', null, 1], ['deploy', 'owner1', null, 2],
      ['activate', 'owner1', expect.objectContaining({ version: 2 }), 1], ['suspend', 'owner1', null, undefined], ['resume', 'owner1', null, undefined],
    ]);
  });

  it('Given a process file that differs from the API-activated version, then start-up logs one line and "keep" keeps it while GET /processes shows the drift; "deploy" deploys the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-processes-'));
    fs.writeFileSync(path.join(dir, `${KEY}.bpmn`), processFixture('audit-flow.bpmn'));
    await t.app.engine.deployDirectory(dir);
    await deploy(processFixture('audit-flow-v2.bpmn')).expect(201);

    const lines: string[] = [];
    await t.app.engine.deployDirectory(dir, 'system', { onDrift: 'keep', log: (line) => lines.push(line) });
    expect(lines).toEqual([expect.stringMatching(/audit-flow\.bpmn differs from the active version 2 of "audit-flow"; kept version 2/)]);
    const listed = (await get('/processes').expect(200)).body.find((p: any) => p.key === KEY);
    expect(listed).toMatchObject({ activeVersion: 2, drift: { file: expect.stringContaining(`${KEY}.bpmn`), activeHash: listed.versions[1].definitionId, fileHash: listed.versions[0].definitionId } });

    lines.length = 0;
    await t.app.engine.deployDirectory(dir, 'system', { onDrift: 'deploy', log: (line) => lines.push(line) });
    expect(lines).toEqual([expect.stringMatching(/activated the identical version 1/)]);
    expect((await get('/processes').expect(200)).body.find((p: any) => p.key === KEY)).toMatchObject({ activeVersion: 1, drift: null });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('handlers and roles', () => {
  it('GET /handlers lists every handler with what it reads and writes; GET /roles the candidate groups with labels', async () => {
    const handlers = await get('/handlers', 'desk1').expect(200);
    expect(handlers.body.find((h: any) => h.name === 'penalty.assessFine')).toMatchObject({
      description: expect.any(String),
      reads: expect.arrayContaining([expect.objectContaining({ name: 'penaltyId' })]),
      writes: expect.arrayContaining([expect.objectContaining({ name: 'handedToCompany', type: 'boolean' })]),
    });
    expect(handlers.body.every((h: any) => Array.isArray(h.writes))).toBe(true);
    const roles = await get('/roles', 'desk1').expect(200);
    expect(roles.body).toContainEqual({ id: 'dept-head', label: '责任部门负责人' });
    expect(roles.body).toHaveLength(10);
  });
});

describe('incidents and cancelling', () => {
  const FLAKY_KEY = 'flaky-flow';
  const flakyXml = () => processFixture('audit-flow.bpmn')
    .replace('id="auditFlow"', 'id="flakyFlow"')
    .replace('<bpmn:userTask id="handle" name="处理投诉" camunda:candidateGroups="ops" />', '<bpmn:serviceTask id="handle" name="登记台账" implementation="test.ledger" />');

  it('Given a handler failing on completion, then GET /incidents shows it by process, version and element; after the fix a retry completes the task and resolves it', async () => {
    let ledgerDown = true;
    t.app.engine.handlers.register('test.ledger', () => {
      if (ledgerDown) throw new Error('ledger unavailable');
      return { booked: true };
    }, { description: 'books the complaint', writes: [{ name: 'booked' }] });
    t.app.engine.refreshHandlers();
    await deploy(flakyXml(), FLAKY_KEY).expect(201);
    const started = await t.app.engine.startProcess(FLAKY_KEY, { businessKey: '2026KF042' }, { actor: 'desk1' });
    const register = await waitingItem(t.app, started.id, 'register');
    await expect(t.app.engine.completeTask(register.id, { accepted: true }, { actor: 'desk1' })).rejects.toMatchObject({ code: 'process_incident' });

    const open = await get(`/incidents?process=${FLAKY_KEY}&version=1&element=register&status=open`, 'auditor1').expect(200);
    expect(open.body).toEqual([expect.objectContaining({
      instanceId: started.id, businessKey: '2026KF042', processKey: FLAKY_KEY, version: 1, elementId: 'register', elementName: '登记投诉', status: 'open', message: expect.stringContaining('ledger unavailable'),
    })]);
    expect((await get(`/incidents?process=${FLAKY_KEY}&version=2`).expect(200)).body).toEqual([]);
    const waiting = await get(`/processes/${FLAKY_KEY}/instances?status=running`).expect(200);
    expect(waiting.body).toEqual([expect.objectContaining({ id: started.id, version: 1, activeElements: ['register'] })]);

    const stillDown = await post(`/incidents/${open.body[0].id}/retry`).expect(200);
    // Process owners fix incidents, so the retry tells them the cause, as GET /incidents does.
    expect(stillDown.body).toMatchObject({ resolved: false, reason: expect.stringContaining('ledger unavailable'), incident: { status: 'open', message: expect.stringContaining('ledger unavailable') } });
    expect((await get('/incidents?status=open').expect(200)).body).toHaveLength(1);

    ledgerDown = false;
    const fixed = await post(`/incidents/${open.body[0].id}/retry`).expect(200);
    expect(fixed.body).toMatchObject({ resolved: true, incident: { status: 'resolved' } });
    expect((await get(`/processes/${FLAKY_KEY}/instances`).expect(200)).body).toEqual([]);
    await post(`/incidents/${open.body[0].id}/retry`).expect(409);
    await post('/incidents/999999/retry').expect(404);
  });

  it('Given a timer whose step fails, then the incident names the timer; after the fix a retry fires it and resolves the incident', async () => {
    let down = true;
    t.app.engine.handlers.register('test.remindLater', () => {
      if (down) throw new Error('mail relay down');
      return { reminded: true };
    }, { description: 'reminds', writes: [{ name: 'reminded' }] });
    t.app.engine.refreshHandlers();
    const xml = processFixture('audit-flow.bpmn').replace('id="auditFlow"', 'id="timerFlow"')
      .replace('<bpmn:sequenceFlow id="toRegister" sourceRef="received" targetRef="register" />',
        '<bpmn:sequenceFlow id="toWait" sourceRef="received" targetRef="wait" />\n'
        + '    <bpmn:intermediateCatchEvent id="wait" name="等待一小时"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>\n'
        + '    <bpmn:sequenceFlow id="toRemind" sourceRef="wait" targetRef="remind" />\n'
        + '    <bpmn:serviceTask id="remind" name="提醒" implementation="test.remindLater" />\n'
        + '    <bpmn:sequenceFlow id="toRegister" sourceRef="remind" targetRef="register" />');
    await deploy(xml, 'timer-flow').expect(201);
    const started = await t.app.engine.startProcess('timer-flow', {}, { actor: 'desk1' });
    expect(await t.advance(3600_000)).toBe(0);

    const [incident] = (await get('/incidents?process=timer-flow&status=open').expect(200)).body;
    expect(incident).toMatchObject({ instanceId: started.id, elementId: 'wait', elementName: '等待一小时', message: expect.stringContaining('mail relay down') });
    down = false;
    expect((await post(`/incidents/${incident.id}/retry`).expect(200)).body).toMatchObject({ resolved: true, incident: { status: 'resolved' } });
    expect(await waitingItem(t.app, started.id, 'register')).toBeTruthy();
    expect((await get('/incidents?process=timer-flow&status=open').expect(200)).body).toEqual([]);
  });

  it('POST /instances/:id/cancel closes the tasks, removes the timers, is audited with the reason, and the task can no longer be completed', async () => {
    await deploy(processFixture('audit-flow.bpmn').replace('<bpmn:endEvent id="closed" name="办结" />',
      '<bpmn:boundaryEvent id="late" name="超时" cancelActivity="false" attachedToRef="register"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>\n'
      + '    <bpmn:sequenceFlow id="toLateEnd" sourceRef="late" targetRef="lateEnd" />\n    <bpmn:endEvent id="lateEnd" name="超时结束" />\n'
      + '    <bpmn:endEvent id="closed" name="办结" />')).expect(201);
    const started = await t.app.engine.startProcess(KEY, {}, { actor: 'desk1' });
    const register = await waitingItem(t.app, started.id, 'register');
    const timers = () => t.app.db.read((m) => m.getRepository(TimerRow).count({ where: { instanceId: started.id } }));
    expect(await timers()).toBe(1);

    await post(`/instances/${started.id}/cancel`).send({}).expect(400);
    await post(`/instances/${started.id}/cancel`, 'desk1').send({ reason: '重复登记' }).expect(403);
    const cancelled = await post(`/instances/${started.id}/cancel`).send({ reason: '重复登记' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'terminated', removedTimers: 1 });
    expect([...cancelled.body.closedItems].sort()).toEqual(['late', 'register']);
    expect(await timers()).toBe(0);
    expect(await t.advance(2 * 3600_000)).toBe(0);

    const tasks = await get('/tasks', 'desk1').expect(200);
    expect(JSON.stringify(tasks.body)).not.toContain(register.id);
    await expect(t.app.engine.completeTask(register.id, { accepted: true }, { actor: 'desk1' })).rejects.toMatchObject({ status: 409 });
    await post(`/instances/${started.id}/cancel`).send({ reason: 'again' }).expect(409);
    await post('/instances/no-such-instance/cancel').send({ reason: 'x' }).expect(404);
    const history = await get(`/instances/${started.id}/history`, 'auditor1').expect(200);
    expect(JSON.stringify(history.body)).toContain('重复登记');
  });
});

describe('migrations', () => {
  const withTimer = (xml: string, duration: string) => xml.replace('<bpmn:endEvent id="closed" name="办结" />',
    `<bpmn:boundaryEvent id="late" name="处理超时" attachedToRef="handle"><bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>\n`
    + '    <bpmn:sequenceFlow id="toLateEnd" sourceRef="late" targetRef="lateEnd" />\n    <bpmn:endEvent id="lateEnd" name="超时结束" />\n'
    + '    <bpmn:endEvent id="closed" name="办结" />');
  // version 1 has a quality check after handling and a 2-hour limit; version 2 drops the check and allows 4 hours
  const v1 = () => withTimer(processFixture('audit-flow-v2.bpmn'), 'PT2H');
  const v2 = () => withTimer(processFixture('audit-flow.bpmn'), 'PT4H');
  const timerDue = async (instanceId: string) => (await t.app.db.read((m) => m.getRepository(TimerRow).findOneOrFail({ where: { instanceId } }))).dueAt.toISOString();
  const status = async (id: string) => (await t.app.db.read((m) => m.getRepository(InstanceRow).findOneByOrFail({ id }))).status;

  it('a dry run lists who can move and why others cannot; the real run moves them one by one, re-plans changed timers, audits; a mapping moves the rest', async () => {
    await deploy(v1()).expect(201);
    await deploy(v2()).expect(201);
    await post(`/processes/${KEY}/versions/1/activate`).expect(200);
    const atHandle = await t.app.engine.startProcess(KEY, {}, { actor: 'desk1' });
    await t.app.engine.completeTask((await waitingItem(t.app, atHandle.id, 'register')).id, { accepted: true }, { actor: 'desk1' });
    const atVerify = await t.app.engine.startProcess(KEY, {}, { actor: 'desk1' });
    await t.app.engine.completeTask((await waitingItem(t.app, atVerify.id, 'register')).id, { accepted: true }, { actor: 'desk1' });
    await t.app.engine.completeTask((await waitingItem(t.app, atVerify.id, 'handle')).id, {}, { actor: 'ops1' });
    expect(await timerDue(atHandle.id)).toBe('2026-11-23T03:00:00.000Z');

    const migrate = (body: object) => post(`/processes/${KEY}/migrations`).send({ sourceVersion: 1, targetVersion: 2, ...body });
    const dry = await migrate({ dryRun: true }).expect(200);
    for (const instance of dry.body.movable) instance.moves.sort((a: { from: string }, b: { from: string }) => a.from.localeCompare(b.from));
    expect(dry.body).toEqual({
      dryRun: true,
      movable: [{ instanceId: atHandle.id, moves: [{ from: 'handle', to: 'handle' }, { from: 'late', to: 'late' }] }],
      blocked: [{
        instanceId: atVerify.id,
        reasons: [
          'the finished step "toVerify" has no element "toVerify" in version 2; map it to one',
          '"verify" (UserTask) has no element "verify" in version 2; map it to one',
        ],
        problems: [
          { code: 'finished-step-missing', elementId: 'toVerify', elementType: 'bpmn:SequenceFlow', target: 'toVerify' },
          { code: 'step-missing', elementId: 'verify', elementType: 'bpmn:UserTask', target: 'verify' },
        ],
      }],
      // What a mapping would place, once each, with the choices of its type in version 2 (an unnamed flow by its ends).
      unmapped: [
        { elementId: 'toVerify', elementType: 'bpmn:SequenceFlow', elementName: '处理投诉 → 质量验证', candidates: expect.arrayContaining([
          { id: 'toClosed', name: '处理投诉 → 办结' }, { id: 'toHandle', name: '受理' },
        ]) },
        { elementId: 'verify', elementType: 'bpmn:UserTask', elementName: '质量验证', candidates: [{ id: 'handle', name: '处理投诉' }, { id: 'register', name: '登记投诉' }] },
      ],
    });
    // The console asks in Chinese: the same problems, with the steps' names.
    const inChinese = await migrate({ dryRun: true, instanceIds: [atVerify.id] }).set('Accept-Language', 'zh-CN').expect(200);
    expect(inChinese.body.blocked[0].reasons).toEqual([
      '已走过的连线「处理投诉 → 质量验证」（toVerify）在版本 2 中没有对应的元素，请为它选择对应元素',
      '停留的人工任务「质量验证」（verify）在版本 2 中没有对应的元素，请为它选择对应元素',
    ]);
    // Both started at the same instant: the list's order between them is not defined.
    const waiting = (await get(`/processes/${KEY}/instances?version=1`).expect(200)).body.map((i: any) => [...i.activeElements].sort().join(','));
    expect(waiting.sort()).toEqual(['handle,late', 'verify']);

    const real = await migrate({ dryRun: false }).expect(200);
    expect(real.body.migrated).toEqual([atHandle.id]);
    expect(await timerDue(atHandle.id)).toBe('2026-11-23T05:00:00.000Z');
    const history = await t.app.db.read((m) => m.getRepository(AuditRow).find({ where: { scope: atHandle.id, action: 'migrated' } }));
    expect(history).toEqual([expect.objectContaining({ actor: 'owner1', before: expect.objectContaining({ version: 1 }), after: expect.objectContaining({ version: 2 }) })]);
    await t.app.engine.completeTask((await waitingItem(t.app, atHandle.id, 'handle')).id, {}, { actor: 'ops1' });
    expect(await status(atHandle.id)).toBe('end'); // version 2 has no quality check

    const mapped = await migrate({ dryRun: false, mapping: { verify: 'handle', toVerify: 'toClosed' }, instanceIds: [atVerify.id] }).expect(200);
    expect(mapped.body).toMatchObject({ migrated: [atVerify.id], blocked: [] });
    await t.app.engine.completeTask((await waitingItem(t.app, atVerify.id, 'handle')).id, {}, { actor: 'ops1' });
    expect(await status(atVerify.id)).toBe('end');

    await migrate({ dryRun: true, targetVersion: 7 }).expect(404);
    await migrate({ dryRun: 'yes' }).expect(400);
    // An empty selection is a mistake, not "every instance".
    const none = await migrate({ dryRun: false, instanceIds: [] }).expect(400);
    expect(none.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'instanceIds' })]));
    await post(`/processes/${KEY}/migrations`, 'desk1').send({ sourceVersion: 1, targetVersion: 2, dryRun: true }).expect(403);
  });
});

describe('starting a process with a start form', () => {
  it('Given a 督办 process an owner added, then a starter starts it from its form and its tasks appear in the same task list', async () => {
    await deploy(processFixture('supervision.bpmn'), 'supervision').expect(201);
    const form = await get('/processes/supervision/start-form', 'quality1').expect(200);
    expect(form.body).toEqual({ starterGroups: ['quality', 'process-owner'], form: [
      expect.objectContaining({ id: 'subject', label: '督办事项', type: 'string' }), expect.objectContaining({ id: 'dueAt', type: 'date' }),
    ] });

    const start = (user: Parameters<TestApplication['bearer']>[0], data: object) => post('/processes/supervision/instances', user).send({ data });
    await start('desk1', { subject: '机房空调', dueAt: '2026-11-30T10:00:00+08:00' }).expect(403);
    const invalid = await start('quality1', { dueAt: 'tomorrow', extra: 1 }).expect(400);
    expect(invalid.body.fields.map((f: any) => f.field).sort()).toEqual(['data.dueAt', 'data.extra', 'data.subject']);
    const started = await start('quality1', { subject: '机房空调', dueAt: '2026-11-30T10:00:00+08:00' }).expect(201);
    expect(started.body).toEqual({ instanceId: expect.any(String), businessKey: expect.stringMatching(/^supervision-/), next: [expect.objectContaining({ elementId: 'rectify', name: '整改' })] });

    const inbox = await get('/tasks?process=supervision', 'ops1').expect(200);
    expect(JSON.stringify(inbox.body)).toContain(started.body.next[0].taskId);
    await post(`/tasks/${started.body.next[0].taskId}/complete`, 'ops1').send({ data: { result: '已更换' } }).expect(200);
    expect(await waitingItem(t.app, started.body.instanceId, 'confirm')).toBeTruthy();

    await post('/processes/supervision/suspend').expect(200);
    expect((await start('quality1', { subject: '又一项', dueAt: '2026-11-30T10:00:00+08:00' }).expect(409)).body.error).toBe('process_suspended');
    expect((await get('/processes/complaint-lifecycle/start-form').expect(409)).body.error).toBe('no_start_form');
    // The console asks in Chinese.
    const zh = (path: string) => get(path).set('Accept-Language', 'zh-CN');
    expect((await zh('/processes/complaint-lifecycle/start-form').expect(409)).body.message).toBe('该流程由系统自动发起，没有发起表单');
    expect((await start('quality1', { subject: '又一项', dueAt: '2026-11-30T10:00:00+08:00' }).set('Accept-Language', 'zh-CN').expect(409)).body.message)
      .toBe('流程已暂停，不能发起新实例');
    await post('/processes/complaint-lifecycle/instances').send({ data: {} }).expect(409);
  });
});
