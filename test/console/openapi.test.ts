import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { PROJECT_ROOT } from '../../src/config';
import { createTestApplication, TestApplication } from '../support/app';

/** swagger-parser is an ES module, which jest's CommonJS runtime cannot load: validate in a plain node process. */
async function validateOpenApi(doc: object): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const script = `import('@apidevtools/swagger-parser').then((m) => m.default.validate(${JSON.stringify(file)}))`
      + '.catch((e) => { console.error(e.message); process.exit(1); })';
    await promisify(execFile)(process.execPath, ['-e', script], { cwd: PROJECT_ROOT });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('OpenAPI document of the whole application', () => {
  let t: TestApplication;
  beforeAll(async () => { t = await createTestApplication(); });
  afterAll(async () => { await t.dispose(); });

  it('is valid and describes the console routes with their schemas', async () => {
    const { body: doc } = await request(t.app.http).get('/openapi.json').expect(200);
    await validateOpenApi(doc);

    const operations: Array<[string, string]> = [
      ['/auth/login', 'post'], ['/auth/logout', 'post'], ['/auth/session', 'get'], ['/vocabulary', 'get'],
      ['/tasks', 'get'], ['/tasks/{id}/complete', 'post'], ['/complaints', 'get'], ['/complaints/repeat-check', 'get'],
      ['/me/notifications', 'get'], ['/me/notifications/{id}/read', 'post'], ['/me/notifications/read-all', 'post'],
      ['/me/preferences', 'get'], ['/me/preferences', 'put'],
    ];
    for (const [path, method] of operations) expect(doc.paths[path]?.[method]).toBeDefined();
    expect(doc.paths['/auth/login'].post.security).toEqual([]);
    const taskParameters = doc.paths['/tasks'].get.parameters.map((p: { name: string }) => p.name);
    expect(taskParameters).toEqual(expect.arrayContaining(['dueWithinMinutes', 'mine']));
    expect(Object.keys(doc.components.schemas.TaskSummaryView.properties)).toEqual(expect.arrayContaining(
      ['complaintNumber', 'customerName', 'severity', 'category', 'kind', 'departmentCode', 'slaStartedAt']));
    expect(Object.keys(doc.components.schemas.TaskCompletedView.properties)).toEqual(expect.arrayContaining(['task', 'next', 'instanceEnded', 'complaintStatus']));
    expect(Object.keys(doc.components.schemas.VocabularyView.properties)).toEqual(expect.arrayContaining(['severity', 'step', 'process', 'role']));
  });
});
