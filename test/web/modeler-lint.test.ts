import fs from 'node:fs';
import path from 'node:path';
import { lintDefinition } from '../../src/engine/definitions/lint';
import { deriveFlowConnections } from '../../src/engine/definitions/lint/derive-flow-connections';
import { bpmnModdle } from '../../src/engine/definitions/lint/moddle';
import { gateContextOf, type LintOptions } from '../../src/engine/definitions/lint/types';
import { modelerLintConfig } from '../../web/src/owner/modeler/lint-rules';

/** The modeler's live lint (bpmn-js-bpmnlint's Linter with the modeler's configuration) and the deployment gate judge alike. */
const { Linter } = require('bpmnlint') as { Linter: new (options: unknown) => { lint(root: unknown): Promise<Record<string, { id?: string; message: string; category: string }[]>> } };

const options: LintOptions = {
  knownHandlers: new Set(['complaint.prepare', 'complaint.finish', 'notify.send']),
  knownProcesses: new Set(['penalty']),
  locale: 'zh',
};
const fixtures = [
  ...fs.readdirSync(path.join(__dirname, '../fixtures/lint')).filter((name) => name.endsWith('.bpmn') && name !== 'broken-xml.bpmn').map((name) => path.join(__dirname, '../fixtures/lint', name)),
  path.join(__dirname, '../fixtures/layout/loops-and-subprocess.bpmn'),
];

async function modelerFindings(xml: string): Promise<string[]> {
  const { rootElement, elementsById } = await bpmnModdle().fromXML(xml);
  deriveFlowConnections(elementsById);
  const results = await new Linter(modelerLintConfig(gateContextOf(options))).lint(rootElement);
  return Object.entries(results).flatMap(([rule, reports]) => reports.map((report) => `${rule} ${report.id ?? ''} ${report.category === 'warn' ? 'warning' : 'error'}: ${report.message}`)).sort();
}

async function gateFindings(xml: string): Promise<string[]> {
  const issues = await lintDefinition(xml, options);
  return issues.filter((issue) => issue.rule !== 'bpmn-parse' && issue.rule !== 'camunda-prefix')
    .map((issue) => `${issue.rule} ${issue.elementId ?? ''} ${issue.severity}: ${issue.message}`).sort();
}

/** The gate prefixes each message with the element ("userTask "审核" (review): …"); bpmn-js-bpmnlint shows it on the element. */
const withoutSubject = (finding: string) => finding.replace(/: (\w+ "[^"]*" \([^)]*\)|\w+ \([^)]*\)): /, ': ');

test.each(fixtures.map((file) => [path.relative(path.join(__dirname, '..'), file), file]))('%s: the modeler reports what the deployment gate reports, in Chinese', async (_name, file) => {
  const xml = fs.readFileSync(file, 'utf8');
  const gate = (await gateFindings(xml)).map(withoutSubject);
  expect(await modelerFindings(xml)).toEqual(gate);
});

test('a user task without candidate groups is an error in the modeler too', async () => {
  const xml = fs.readFileSync(path.join(__dirname, '../fixtures/lint/user-task-without-group.bpmn'), 'utf8');
  const findings = await modelerFindings(xml);
  expect(findings.some((finding) => finding.startsWith('complaint-flow/user-task-assignment') && finding.includes(' error: '))).toBe(true);
});
