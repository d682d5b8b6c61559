import request from 'supertest';
import { DemoUsername } from '../../src/app/identity';
import { TestApplication } from '../support/app';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** A valid registration body; override what the scenario is about. */
export function registrationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    complainant: { name: '王先生', organisation: '某小区物业', address: '长沙市岳麓区', phone: '13800138000' },
    channel: 'hotline',
    kind: 'complaint',
    origin: 'regular',
    level: 'normal',
    category: 'technicalService',
    severity: 'general',
    content: '宽带频繁掉线，已持续两天',
    customerDemand: '尽快修复',
    evidence: ['通话录音 HL-20261123-001'],
    ...overrides,
  };
}

export async function register(t: TestApplication, body: Record<string, unknown> = registrationBody(), user: DemoUsername = 'desk1') {
  const res = await request(t.app.http).post('/complaints').set('Authorization', t.bearer(user)).send(body);
  if (res.status !== 201) throw new Error(`registration failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { number: string; instanceId: string; [key: string]: any };
}

export async function complaint(t: TestApplication, number: string, user: DemoUsername = 'desk1') {
  const res = await request(t.app.http).get(`/complaints/${number}`).set('Authorization', t.bearer(user));
  if (res.status !== 200) throw new Error(`GET /complaints/${number} failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The open task of the complaint at `elementId`, as the task list shows it to `user`. */
export async function openTask(t: TestApplication, number: string, elementId: string, user: DemoUsername) {
  const res = await request(t.app.http).get('/tasks').query({ process: 'complaint-lifecycle', limit: 100 }).set('Authorization', t.bearer(user));
  if (res.status !== 200) throw new Error(`GET /tasks failed ${res.status}: ${JSON.stringify(res.body)}`);
  const task = (res.body.items as Array<{ id: string; elementId: string; businessKey: string | null }>)
    .find((item) => item.businessKey === number && item.elementId === elementId);
  if (!task) {
    const current = (await complaint(t, number)).currentSteps.map((s: { elementId: string }) => s.elementId);
    throw new Error(`${user} sees no open ${elementId} task for ${number}; waiting: ${current.join(', ')}`);
  }
  return task;
}

/** Claims and completes the complaint's task at `elementId` through the task-list API. */
export async function complete(t: TestApplication, number: string, elementId: string, user: DemoUsername, data: Record<string, unknown>) {
  const task = await openTask(t, number, elementId, user);
  const claim = await request(t.app.http).post(`/tasks/${task.id}/claim`).set('Authorization', t.bearer(user)).send({});
  if (claim.status !== 200) throw new Error(`claim ${elementId} failed ${claim.status}: ${JSON.stringify(claim.body)}`);
  const res = await request(t.app.http).post(`/tasks/${task.id}/complete`).set('Authorization', t.bearer(user)).send({ data });
  if (res.status !== 200) throw new Error(`complete ${elementId} failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function waitingElements(t: TestApplication, number: string): Promise<string[]> {
  return (await complaint(t, number)).currentSteps.map((s: { elementId: string }) => s.elementId).sort();
}
