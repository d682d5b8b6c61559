import fs from 'node:fs';
import path from 'node:path';
import { lintDefinition } from '../../src/engine/definitions/lint';
import { deriveFlowConnections } from '../../src/engine/definitions/lint/derive-flow-connections';
import { bpmnModdle } from '../../src/engine/definitions/lint/moddle';
import { modelerLintConfig, RECOMMENDED_RULES } from '../../web/src/owner/modeler/lint-rules';

/** The modeler's live lint and the deployment gate judge a diagram alike. */
const { Linter } = require('bpmnlint') as { Linter: new (options: unknown) => { lint(root: unknown): Promise<Record<string, { id?: string; category: string }[]>> } };
const recommended = require('bpmnlint/config/recommended') as { rules: Record<string, string> };

const knownHandlers = new Set(['complaint.prepare', 'complaint.finish', 'notify.send']);
const knownProcesses = new Set(['penalty']);
const fixtures = [
  ...fs.readdirSync(path.join(__dirname, '../fixtures/lint')).filter((name) => name.endsWith('.bpmn') && name !== 'broken-xml.bpmn').map((name) => path.join(__dirname, '../fixtures/lint', name)),
  path.join(__dirname, '../fixtures/layout/loops-and-subprocess.bpmn'),
];

async function modelerFindings(xml: string): Promise<string[]> {
  const { rootElement, elementsById } = await bpmnModdle().fromXML(xml);
  deriveFlowConnections(elementsById);
  const results = await new Linter(modelerLintConfig({ knownHandlers, knownProcesses })).lint(rootElement);
  return Object.entries(results).flatMap(([rule, reports]) => reports.map((report) => `${rule} ${report.id ?? ''} ${report.category === 'warn' ? 'warning' : 'error'}`)).sort();
}

async function gateFindings(xml: string): Promise<string[]> {
  const issues = await lintDefinition(xml, { knownHandlers, knownProcesses });
  return issues.filter((issue) => issue.rule !== 'bpmn-parse' && issue.rule !== 'camunda-prefix').map((issue) => `${issue.rule} ${issue.elementId ?? ''} ${issue.severity}`).sort();
}

test('the modeler bundles every rule of bpmnlint\'s recommended set, and nothing else', () => {
  expect(Object.keys(RECOMMENDED_RULES).sort()).toEqual(Object.keys(recommended.rules).sort());
});

test.each(fixtures.map((file) => [path.relative(path.join(__dirname, '..'), file), file]))('%s: the modeler reports what the deployment gate reports', async (_name, file) => {
  const xml = fs.readFileSync(file, 'utf8');
  const gate = await gateFindings(xml);
  expect(await modelerFindings(xml)).toEqual(gate);
});

test('a user task without candidate groups is an error in both', async () => {
  const xml = fs.readFileSync(path.join(__dirname, '../fixtures/lint/user-task-without-group.bpmn'), 'utf8');
  expect((await modelerFindings(xml)).some((finding) => finding.startsWith('complaint-flow/user-task-assignment') && finding.endsWith('error'))).toBe(true);
});
