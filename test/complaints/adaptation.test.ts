import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parsePolicy } from '../../src/domain';
import { extractDiagram, type ModdleLike, writeLayout } from '../../src/engine/definitions/layout';
import { bpmnModdle } from '../../src/engine/definitions/lint/moddle';
import { createTestApplication, TestApplication } from '../support/app';
import { complaint, complete, MINUTE, register, registrationBody, waitingElements } from './support';

jest.setTimeout(120_000);

const DIAGRAM = path.join(__dirname, '..', '..', 'processes', 'complaint-lifecycle.bpmn');
const POLICY = path.join(__dirname, '..', '..', 'config', 'policy.json');

/**
 * The shipped diagram with a quality verification step between the CAPA record and the report to the customer,
 * laid out again as `npm run layout:processes` would (the edit leaves incoming/outgoing and the drawing stale).
 */
async function diagramWithQualityVerification(): Promise<string> {
  const xml = fs.readFileSync(DIAGRAM, 'utf8');
  const original = xml.slice(xml.indexOf('<bpmn:sequenceFlow id="toReport"'), xml.indexOf('</bpmn:sequenceFlow>', xml.indexOf('id="toReport"')) + '</bpmn:sequenceFlow>'.length);
  expect(original).toContain('sourceRef="capaReviewGateway" targetRef="reportToCustomerJoin"');
  expect(xml).toContain(original);
  const edited = xml.replace(original, fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'complaints', 'quality-verification-step.xml'), 'utf8'));
  const { rootElement } = await bpmnModdle().fromXML(edited);
  return writeLayout(edited, extractDiagram(rootElement as unknown as ModdleLike));
}

async function throughCapa(t: TestApplication, number: string) {
  await complete(t, number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
  await complete(t, number, 'firstResponse', 'ops1', { responseNote: '已联系' });
  await complete(t, number, 'rootCauseMeeting', 'quality1', { meetingAttendees: '质量管理部、运维管理部', rootCause: '设备老化', meetingMeasures: '更换设备，运维管理部 3 日内完成' });
  await complete(t, number, 'handle', 'ops1', { cause: '线路老化', resolution: '更换线路', solved: true });
  await complete(t, number, 'capaRecord', 'ops1', { correctiveAction: '更换', preventiveAction: '巡检', measuresInPlace: true });
  await complete(t, number, 'capaReview', 'leader1', { capaApproved: true, capaReviewOpinion: '同意' });
}

describe('process owners adapt the process without code changes', () => {
  let t: TestApplication;
  afterEach(async () => { await t.dispose(); });

  test('Given an edited diagram with an extra verification step is deployed, then new complaints pass it and running ones keep their version', async () => {
    t = await createTestApplication();
    const before = await register(t);

    const deployed = await request(t.app.http).post('/processes/complaint-lifecycle/versions')
      .set('Authorization', t.bearer('owner1')).set('Content-Type', 'application/xml').send(await diagramWithQualityVerification());
    expect(deployed.status).toBe(201);
    expect(deployed.body.version).toBe(2);
    const after = await register(t);

    await throughCapa(t, before.number);
    await throughCapa(t, after.number);

    expect(await waitingElements(t, before.number)).toEqual(['reportToCustomer']);
    expect((await complaint(t, after.number)).currentSteps).toEqual([
      expect.objectContaining({ elementId: 'qualityVerification', name: '质量部门验证整改效果', candidateGroups: ['quality'] }),
    ]);
    await complete(t, after.number, 'qualityVerification', 'quality1', { verified: true });
    await complete(t, after.number, 'reportToCustomer', 'desk1', { satisfaction: 'satisfied' });
    await complete(t, after.number, 'closeReview', 'desk1', { recordsComplete: true });
    expect((await complaint(t, after.number)).status).toBe('closed');
  });

  test('Given a policy whose major response limit is 60 minutes, then deadlines and the escalation timer follow it', async () => {
    const raw = JSON.parse(fs.readFileSync(POLICY, 'utf8'));
    raw.timeLimits.bySeverity.major.response = { amount: 60, unit: 'minutes' };
    t = await createTestApplication({ policy: parsePolicy(raw) });

    const registered = await register(t, registrationBody({ severity: 'major' }));
    expect(registered.deadlines.responseDueAt).toBe('2026-11-23T02:00:00.000Z');
    expect(registered.escalationLevel).toBe(1); // major: escalated at once
    await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });

    await t.advance(45 * MINUTE);
    expect((await complaint(t, registered.number)).escalationLevel).toBe(1); // the default 30 minutes no longer apply
    await t.advance(15 * MINUTE);
    expect((await complaint(t, registered.number)).escalationLevel).toBe(2);
  });
});
