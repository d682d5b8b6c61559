import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { DemoUsername } from '../../src/app/identity';
import { ItemRow } from '../../src/persistence/entities/engine';
import { createTestApplication, TestApplication } from '../support/app';

export const TASK_REVIEW_XML = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'tasks', 'task-review.bpmn'), 'utf8');
export const PROCESS = 'task-review';
/** The test clock starts here (09:00 in Shanghai). */
export const START = '2026-11-23T01:00:00.000Z';
export const HOUR = 3_600_000;

export interface ComplaintLike {
  businessKey?: string;
  severity?: string;
  departmentCode?: string;
  /** Hours after START the investigation is due. */
  dueInHours: number;
}

export interface TaskTestContext extends TestApplication {
  /** Starts a fixture instance; returns its id and the id of its waiting "investigate" task. */
  startInvestigation(complaint: ComplaintLike): Promise<{ instanceId: string; taskId: string }>;
  waitingTaskOf(instanceId: string, elementId: string): Promise<string>;
  get(user: DemoUsername, url: string): request.Test;
  post(user: DemoUsername, url: string, body?: object): request.Test;
}

export async function startTaskApplication(): Promise<TaskTestContext> {
  const t = await createTestApplication({ start: START });
  // The test starts the fixture with these fields, as an application module would declare for its process.
  t.app.engine.handlers.declareStartData(PROCESS, [{ name: 'investigateDue', type: 'date', description: 'investigation deadline' }]);
  await t.app.engine.deploy(PROCESS, TASK_REVIEW_XML, 'owner1');
  const waitingTaskOf = async (instanceId: string, elementId: string) => {
    const item = await t.app.db.read((m) => m.getRepository(ItemRow).findOne({ where: { instanceId, elementId, status: 'wait' } }));
    if (!item) throw new Error(`${elementId} of ${instanceId} is not waiting`);
    return item.id;
  };
  return {
    ...t,
    waitingTaskOf,
    async startInvestigation({ dueInHours, ...data }) {
      const investigateDue = new Date(Date.parse(START) + dueInHours * HOUR).toISOString();
      const started = await t.app.engine.startProcess(PROCESS, { ...data, investigateDue }, { actor: 'desk1' });
      return { instanceId: started.id, taskId: await waitingTaskOf(started.id, 'investigate') };
    },
    get: (user, url) => request(t.app.http).get(url).set('Authorization', t.bearer(user)),
    post: (user, url, body = {}) => request(t.app.http).post(url).set('Authorization', t.bearer(user)).send(body),
  };
}
