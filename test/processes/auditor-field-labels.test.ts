import fs from 'node:fs';
import path from 'node:path';
import { formFieldLabels } from '../../web/src/auditor/history/format';
import { createTestApplication, TestApplication } from '../support/app';

const PROCESSES_DIR = path.resolve(__dirname, '..', '..', 'processes');

let t: TestApplication;
beforeAll(async () => { t = await createTestApplication(); });
afterAll(async () => { await t.dispose(); });

test('every instance data field a shipped process starts with or a service step writes is named in Chinese in the auditor\'s history', () => {
  // A diagram's file name is its process key.
  const diagrams = fs.readdirSync(PROCESSES_DIR).filter((f) => f.endsWith('.bpmn'));
  const labels = formFieldLabels(diagrams.map((f) => fs.readFileSync(path.join(PROCESSES_DIR, f), 'utf8')).join('\n'));
  const registry = t.app.engine.handlers;
  const fields = new Set<string>();
  for (const handler of registry.describe()) for (const field of handler.writes ?? []) fields.add(field.name);
  for (const file of diagrams) for (const field of registry.startDataOf(path.basename(file, '.bpmn'))) fields.add(field.name);
  expect(fields.size).toBeGreaterThan(30);
  expect([...fields].filter((name) => !labels[name]).sort()).toEqual([]);
});
