import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createTestApplication, TestApplication } from '../support/app';

// A lint rule with a bug: it crashes on one user task, the way a rule meets a diagram shape it did not expect.
jest.mock('../../src/engine/definitions/lint/rules/user-task-assignment', () => {
  const { defineRule } = jest.requireActual('../../src/engine/definitions/lint/rules/rule');
  return {
    userTaskAssignment: defineRule('user-task-assignment', (node: { id?: string }) => {
      if (node.id === 'Task_Review') (undefined as unknown as { name: string }).name;
    }),
  };
});

jest.setTimeout(60_000);

let t: TestApplication;
beforeAll(async () => {
  t = await createTestApplication();
  jest.spyOn(console, 'error').mockImplementation(() => undefined); // bpmnlint prints the crash to the server log
});
afterAll(async () => { await t?.dispose(); });

describe('a lint rule that crashes', () => {
  it('Given a diagram a rule cannot check, when it is deployed, then it is refused without the internal error text', async () => {
    const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'lint', 'valid-minimal.bpmn'), 'utf8');

    const response = await request(t.app.http).post('/processes/complaint-minimal/versions')
      .set('Authorization', t.bearer('owner1')).set('Content-Type', 'application/xml').send(xml);

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_definition');
    expect(JSON.stringify(response.body)).toContain('user-task-assignment could not examine this diagram');
    expect(JSON.stringify(response.body)).not.toMatch(/Cannot read|undefined|TypeError/);
    // the operator finds the real failure in the engine log
    expect(t.app.engine.logger.get().map((e) => e.message).join('\n')).toMatch(/lint rule complaint-flow\/user-task-assignment failed on complaint-minimal: .*Cannot read/);
  });
});
