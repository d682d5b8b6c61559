import fs from 'node:fs';
import path from 'node:path';
import { lintDefinition } from '../../src/engine/definitions/lint';
import { bpmnModdle } from '../../src/engine/definitions/lint/moddle';
import { createLintConfig, localeOf } from '../../src/engine/definitions/lint/rules';
import { defineRule } from '../../src/engine/definitions/lint/rules/rule';

const RULES = path.join(__dirname, '..', '..', 'src', 'engine', 'definitions', 'lint', 'rules');
const { Linter } = require('bpmnlint');

/** Everything the rules import, followed through relative imports: what a browser bundle of the rules contains. */
function importsOf(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...source.matchAll(/(?:from\s+|require\(|import\()\s*['"]([^'"]+)['"]/g)].flatMap(([, target]) => {
    if (!target.startsWith('.')) return [target];
    const resolved = [`${path.resolve(path.dirname(file), target)}.ts`, path.join(path.resolve(path.dirname(file), target), 'index.ts')].find((f) => fs.existsSync(f));
    return resolved ? importsOf(resolved, seen) : [target];
  });
}

describe('the lint rules the modeler bundles', () => {
  it('import nothing Node-only (no fs, path, crypto, node: modules), only feelin and bpmnlint', () => {
    const packages = new Set(fs.readdirSync(RULES).filter((f) => f.endsWith('.ts')).flatMap((f) => importsOf(path.join(RULES, f))));
    expect([...packages].filter((name) => !/^(feelin|bpmnlint\/(rules|config)\/[\w-]+)$/.test(name))).toEqual([]);
  });

  it('createLintConfig gives bpmnlint (as bpmn-js-bpmnlint uses it) the same findings as the server gate', async () => {
    const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'processes', 'audit-flow.bpmn'), 'utf8')
      .replace('camunda:candidateGroups="ops"', 'camunda:candidateGroups="opps"');
    const context = { processKey: 'audit-flow', knownHandlers: [], handlerOutputs: {}, knownRoles: ['ops', 'service-desk'], startData: [], locale: localeOf('zh-CN') };
    const { config, resolver } = createLintConfig(context);
    const { rootElement } = await bpmnModdle().fromXML(xml);
    const reports = await new Linter({ resolver }).lint(rootElement, config);
    const server = await lintDefinition(xml, context);
    expect(reports['complaint-flow/known-candidate-groups']).toEqual([{ id: 'handle', message: expect.stringContaining('是否应为 “ops”'), category: 'error' }]);
    expect(server.filter((issue) => issue.severity === 'error').map((issue) => [issue.rule, issue.elementId])).toEqual([['complaint-flow/known-candidate-groups', 'handle']]);
  });

  it('a rule that throws on an element it does not understand reports a clear message on that element instead of failing, and the operator gets the error', () => {
    const failures: Array<[string, string]> = [];
    const context = { knownHandlers: [], reportRuleFailure: (rule: string, message: string) => failures.push([rule, message]) };
    const rule = defineRule('fragile', (node) => { if (node.$type === 'vendor:Thing') throw new TypeError("Cannot read properties of undefined (reading 'filter')"); })(context);
    const reported: Array<[string | undefined, string]> = [];
    const parent = { $type: 'bpmn:EndEvent', id: 'closed', name: '办结', $instanceOf: () => false, get: () => undefined };
    rule.check({ $type: 'vendor:Thing', $parent: parent, $instanceOf: () => false, get: () => undefined }, { report: (id, message) => reported.push([id, message]) });
    expect(reported).toEqual([['closed', expect.stringMatching(/^the check complaint-flow\/fragile could not examine this diagram at this element/)]]);
    expect(reported[0][1]).not.toMatch(/Cannot read|TypeError/);
    expect(failures).toEqual([['complaint-flow/fragile', expect.stringMatching(/vendor:Thing: Cannot read/)]]);
  });

  it('reads an ISO-8859-1 declaration and Signavio extension elements without a parse issue or a crashed rule', async () => {
    const fixtures = path.join(__dirname, '..', 'fixtures', 'foreign');
    const latin = new TextDecoder('latin1').decode(fs.readFileSync(path.join(fixtures, 'latin1-declared.bpmn')));
    const signavio = fs.readFileSync(path.join(fixtures, 'signavio-extensions.bpmn'), 'utf8');
    for (const xml of [latin, signavio]) {
      expect(await lintDefinition(xml, { knownHandlers: [], processKey: 'audit-flow', handlerOutputs: {}, startData: [] })).toEqual([]);
    }
  });
});
