import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createUser, DemoUsername, issueToken } from '../../src/app/identity';
import { ComplaintRow } from '../../src/persistence/entities/complaint';
import { ItemRow } from '../../src/persistence/entities/engine';
import { TestApplication } from '../support/app';

let seq = 0;

/** A complaint row as the complaint process leaves it, with the SLA columns a penalty reads. */
export async function insertComplaint(t: TestApplication, sla: Partial<Pick<ComplaintRow, 'responseDueAt' | 'respondedAt' | 'resolutionDueAt' | 'resolvedAt'>> = {}): Promise<string> {
  seq += 1;
  const number = `2026KF${String(900 + seq).padStart(3, '0')}`;
  const now = t.clock.now();
  await t.app.db.transaction((m) => m.insert(ComplaintRow, {
    id: randomUUID(), number, year: 2026, registeringDeptCode: 'KF', seq: 900 + seq,
    complainantName: '王先生', complainantOrg: null, complainantAddress: null, complainantPhone: '13800000000', complainantEmail: null,
    complainantKey: `phone:13800000000:${seq}`, channel: 'hotline', kind: 'complaint', origin: 'regular', level: 'normal',
    category: 'serviceAttitude', severity: 'general', isComplex: false, content: '装机人员态度恶劣', customerDemand: null, requestedReplyAt: null,
    evidence: [], receivedBy: 'desk1', receivedAt: now, responsibleDeptCode: 'YW', handlerGroup: 'dept-head', instanceId: null,
    status: 'closed', currentStep: null, responseDueAt: null, resolutionDueAt: null, capaDueAt: null, dispatchedAt: null, respondedAt: null,
    resolvedAt: null, capaAt: null, closedAt: null, callbackDueAt: null, callbackAt: null, satisfaction: null, leaderDecision: null,
    reopenCount: 0, escalationLevel: 0, isRepeat: false, repeatOf: null, createdAt: now, updatedAt: now, ...sla,
  }));
  return number;
}

export async function openTask(t: TestApplication, instanceId: string, elementId: string): Promise<string> {
  const items = await t.app.db.read((m) => m.getRepository(ItemRow).find({ where: { instanceId, status: 'wait' } }));
  const item = items.find((i) => i.elementId === elementId);
  if (!item) throw new Error(`${elementId} is not waiting; waiting: ${items.map((i) => i.elementId).join(', ') || 'nothing'}`);
  return item.id;
}

export async function openTaskNames(t: TestApplication, instanceId: string): Promise<string[]> {
  const items = await t.app.db.read((m) => m.getRepository(ItemRow).find({ where: { instanceId, status: 'wait' } }));
  return items.map((i) => i.elementId).sort();
}

/** Completes the waiting task `elementId` through the task API as `username`. */
export function completeTask(t: TestApplication, username: DemoUsername | { bearer: string }, instanceId: string, elementId: string, data: Record<string, unknown>) {
  const auth = typeof username === 'string' ? t.bearer(username) : username.bearer;
  return openTask(t, instanceId, elementId).then((id) =>
    request(t.app.http).post(`/tasks/${id}/complete`).set('Authorization', auth).send({ data }));
}

export async function expectCompleted(response: request.Response): Promise<void> {
  if (response.status !== 200) throw new Error(`task completion answered ${response.status}: ${JSON.stringify(response.body)}`);
}

export function openPenalty(t: TestApplication, username: DemoUsername, complaintNumber: string, body: Record<string, unknown>) {
  return request(t.app.http).post(`/complaints/${complaintNumber}/penalties`).set('Authorization', t.bearer(username)).send(body);
}

/** Drives a penalty case through opinion, notice and approval; returns the penalty id. */
export async function executedPenalty(t: TestApplication, complaintNumber: string, body: Record<string, unknown>, opinion: Record<string, unknown> = {}): Promise<{ id: string; instanceId: string }> {
  const opened = await openPenalty(t, 'desk1', complaintNumber, body);
  if (opened.status !== 201) throw new Error(`opening the penalty answered ${opened.status}: ${JSON.stringify(opened.body)}`);
  const { id, instanceId } = opened.body as { id: string; instanceId: string };
  await expectCompleted(await completeTask(t, 'head-yw', instanceId, 'penaltyOpinion', { opinion: '属实，按罚则处罚', ...opinion }));
  await expectCompleted(await completeTask(t, 'desk1', instanceId, 'fillNotice', { incident: '客户投诉属实', penaltyReason: '违反公司服务规范' }));
  await expectCompleted(await completeTask(t, 'ga1', instanceId, 'reviewPenalty', { reviewApproved: true }));
  return { id, instanceId };
}

export function getPenalty(t: TestApplication, username: DemoUsername, id: string) {
  return request(t.app.http).get(`/penalties/${id}`).set('Authorization', t.bearer(username));
}

/** An extra user (e.g. someone who is both a department head and a division leader) with a bearer token. */
export async function addPerson(t: TestApplication, input: { username: string; departmentCode: string; groups: string[] }): Promise<string> {
  await createUser(t.app.db, { username: input.username, displayName: input.username, departmentCode: input.departmentCode, groups: input.groups });
  const issued = await issueToken(t.app.db, { username: input.username, label: 'test' });
  return `Bearer ${issued.token}`;
}

export function api(t: TestApplication) {
  return request(t.app.http);
}
