import fs from 'node:fs';
import path from 'node:path';
import { formFieldLabels } from '../../web/src/auditor/history/format';
import { createTestApplication, TestApplication } from '../support/app';

const PROCESSES_DIR = path.resolve(__dirname, '..', '..', 'processes');

let t: TestApplication;
beforeAll(async () => { t = await createTestApplication(); });
afterAll(async () => { await t.dispose(); });

test('every instance data field a shipped process starts with or a service step writes is named in Chinese in the auditor\'s history', () => {
  const xml = fs.readdirSync(PROCESSES_DIR).filter((f) => f.endsWith('.bpmn')).map((f) => fs.readFileSync(path.join(PROCESSES_DIR, f), 'utf8')).join('\n');
  const labels = formFieldLabels(xml);
  const registry = t.app.engine.handlers;
  const fields = new Set<string>();
  for (const handler of registry.describe()) for (const field of handler.writes ?? []) fields.add(field.name);
  for (const key of ['complaint-lifecycle', 'penalty', 'exemption']) for (const field of registry.startDataOf(key)) fields.add(field.name);
  expect(fields.size).toBeGreaterThan(30);
  expect([...fields].filter((name) => !labels[name]).sort()).toEqual([]);
});
