import path from 'node:path';
import { Readable } from 'node:stream';
import { runUsersCommand } from '../../src/cli/users-command';
import { apiFromPage, screenshot } from './support/browser';
import { completeTaskInUi, demoUsersOfFreshServer, driveComplaint, registerGeneralComplaint } from './support/tasks';
import { until } from '../support/until';

const users = demoUsersOfFreshServer();

/** `npm run users -- <args>` against the test server's database, as an administrator runs it beside the server. */
async function usersCli(...args: string[]): Promise<string> {
  let output = '';
  const code = await runUsersCommand(args, {
    dbUrl: `sqlite:${path.join(users.server().dataDir, 'complaint-flow.sqlite')}`,
    stdout: { write: (text: string) => { output += text; } },
    stderr: { write: (text: string) => { output += text; } },
    stdin: Readable.from(['']),
  });
  if (code !== 0) throw new Error(`users ${args.join(' ')} failed: ${output}`);
  return output;
}

test('a task held by someone who left is shown as such in the inbox, and a colleague takes it over and completes it', async () => {
  const desk = await users.as('desk1');
  const number = await registerGeneralComplaint(desk, { customer: '吴敏', phone: '13900003333', category: 'technicalService', content: '机房空调故障，设备告警。' });
  const { stoppedAt } = await driveComplaint(users, number, { until: (step) => step.candidateGroups.includes('ops') });
  const taskId = stoppedAt!.step.taskId;
  const ops = await users.as('ops1');
  expect((await apiFromPage(ops, 'POST', `/tasks/${taskId}/claim`)).status).toBe(200);

  // 李强 leaves the company: the administrator deactivates him while the server runs.
  const told = await usersCli('deactivate-user', 'ops1');
  expect(told).toContain('Deactivated ops1 李强');
  expect(told).toMatch(new RegExp(`They held 1 open task[\\s\\S]*${taskId}\\s+首次响应\\s+complaint-lifecycle\\s+${number}\\s+ops\\s+yes`));
  expect(told).toContain('Candidates marked "yes" were told');
  // The server re-reads the identity generation every second: wait until his session is refused, however busy it is.
  await until(async () => (await apiFromPage(ops, 'GET', '/me')).status === 401, 'the server refused his session', 10_000);

  // His console session has ended.
  await ops.goto('/app/inbox');
  await ops.waitForURL(/\/app\/login/);

  // The head of ops sees the task in the inbox, held by someone who left, and is told in the bell that it waits to
  // be claimed; the notification opens the task.
  const head = await users.as('head-yw');
  await head.goto('/app/inbox');
  await head.locator('[data-test="inbox"][data-ready="true"]').waitFor();
  const row = head.locator('.task-row', { hasText: number });
  await expect(row.locator('.c-assignee').innerText()).resolves.toContain('李强（已停用）');
  await screenshot(head, 'handover-inbox');
  await head.locator('[data-test="notification-bell"]').click();
  const released = head.locator('[data-test="notification-list"] li', { hasText: `任务待认领：首次响应（${number}）` });
  await expect(released.innerText()).resolves.toContain('原处理人李强的账号已停用');
  await screenshot(head, 'handover-notification');
  await released.click();
  await head.waitForURL(new RegExp(`/app/tasks/${taskId}`));
  await expect(head.locator('[data-test="task-assignee"]').innerText()).resolves.toContain('已停用，可认领');
  await head.locator('[data-test="claim"]').waitFor();
  await screenshot(head, 'handover-task');
  const outcome = await completeTaskInUi(head, taskId);
  expect(outcome).toContain('任务已完成');

  // The audit trail keeps who held it and who took it over.
  const auditor = await users.as('auditor1');
  const history = (await apiFromPage<{ instances: Array<{ entries: Array<{ action: string; actor: string | null }> }> }>(auditor, 'GET', `/complaints/${number}/history`)).body;
  expect(history.instances[0].entries.filter((e) => e.action === 'claimed').map((e) => e.actor).slice(-2)).toEqual(['ops1', 'head-yw']);
});
