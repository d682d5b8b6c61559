import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { processFixture } from '../audit/support';
import { npmScriptArgs } from '../support/npm-scripts';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = 'test/fixtures/processes';

function lintProcesses(...args: string[]) {
  const result = spawnSync(process.execPath, npmScriptArgs('lint:processes', ...args), {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, DB_URL: 'sqlite::memory:' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lineOf(xml: string, text: string): number {
  return xml.slice(0, xml.indexOf(text)).split('\n').length;
}

describe('npm run lint:processes', () => {
  it('Given a diagram with a script and an unknown handler, then it exits non-zero with file:line messages for both', () => {
    const xml = processFixture('script-task.bpmn');
    const { code, stdout, stderr } = lintProcesses(`${FIXTURES}/script-task.bpmn`);

    expect(code).toBe(1);
    expect(stdout).toContain(`${FIXTURES}/script-task.bpmn:${lineOf(xml, '<bpmn:scriptTask')}:`);
    expect(stdout).toMatch(new RegExp(`script-task\\.bpmn:${lineOf(xml, '<bpmn:serviceTask')}:\\d+ error complaint-flow/known-handler: .*payments\\.refundEverything`));
    expect(stderr).toContain('1 diagram(s) checked, 2 error(s)');
  });

  it('Given only valid diagrams, then it exits 0', () => {
    const { code, stdout } = lintProcesses(`${FIXTURES}/audit-flow.bpmn`, 'processes/penalty.bpmn');
    expect(stdout).toContain('2 diagram(s) checked, 0 error(s)');
    expect(code).toBe(0);
  });
});
