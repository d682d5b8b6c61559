import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createTestApplication, TestApplication } from '../support/app';

const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the audit trail is append-only', () => {
  it('no application code updates, deletes or re-saves wf_audit rows (only audit-trail.ts inserts them)', () => {
    const writes = /(update|delete|remove|save|softDelete|upsert|increment)\s*\(\s*AuditRow\b|getRepository\(\s*AuditRow\s*\)\s*\.\s*(update|delete|remove|save|softDelete|upsert|increment|clear)\b|(UPDATE|DELETE\s+FROM|TRUNCATE(\s+TABLE)?)\s+`?wf_audit\b/i;
    const offenders = sourceFiles(SRC).filter((file) => writes.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(SRC, file));
    expect(offenders).toEqual([]);
    const inserters = sourceFiles(SRC).filter((file) => /insert\(\)\s*(\.updateEntity\(false\)\s*)?\.into\(\s*AuditRow|insertRows\(\s*\w+\s*,\s*'wf_audit'/.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(SRC, file));
    expect(inserters).toEqual([path.join('engine', 'audit-trail.ts')]);
  });

  describe('over HTTP', () => {
    let t: TestApplication;
    beforeAll(async () => { t = await createTestApplication(); });
    afterAll(async () => { await t.dispose(); });

    it('offers only GET on the history endpoints: writing methods are unknown routes', async () => {
      for (const method of ['put', 'patch', 'delete', 'post'] as const) {
        await request(t.app.http)[method]('/instances/00000000-0000-0000-0000-000000000000/history').set('Authorization', t.bearer('auditor1')).expect(404);
        await request(t.app.http)[method]('/complaints/2026KF001/history').set('Authorization', t.bearer('auditor1')).expect(404);
      }
    });
  });
});
