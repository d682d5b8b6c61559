import { Page } from 'playwright-core';
import { apiFromPage, chooseOption, screenshot } from './support/browser';
import { completeTaskInUi, demoUsersOfFreshServer, registerGeneralComplaint } from './support/tasks';

const users = demoUsersOfFreshServer();

interface Task { id: string; processKey: string; elementId: string }

/** The user's open task of the penalty or exemption process at `elementId`, found through GET /tasks as the inbox does. */
async function taskAt(page: Page, processKey: string, elementId: string): Promise<Task> {
  const { body } = await apiFromPage<{ items: Task[] }>(page, 'GET', '/tasks?limit=100');
  const task = body.items.find((t) => t.processKey === processKey && t.elementId === elementId);
  if (!task) throw new Error(`No open ${processKey} task ${elementId}: ${body.items.map((t) => `${t.processKey}/${t.elementId}`).join(', ')}`);
  return task;
}

test('a penalty is opened from the complaint page, worked through its chain in the console, and the fined department requests exemption', async () => {
  const desk = await users.as('desk1');
  const number = await registerGeneralComplaint(desk, { customer: '李雷', phone: '13900001111', category: 'serviceAttitude', content: '上门安装人员态度恶劣，与客户争吵。' });

  // The service desk opens the case from the complaint page.
  await desk.goto(`/app/complaints/${number}`);
  await desk.locator('[data-test="open-penalty"]').click();
  const dialog = desk.locator('[data-test="open-penalty-dialog"]');
  await dialog.locator('[data-test="open-penalty-submit"]').click();
  expect(await dialog.locator('.el-form-item.is-error').count()).toBe(3); // category, department, person
  await chooseOption(desk, 'penalty-category', '服务规范');
  await chooseOption(desk, 'penalty-department', '运维管理部');
  await dialog.locator('[data-test="penalty-person"] input').fill('王工');
  await dialog.locator('[data-test="penalty-description"] textarea').fill('上门安装时与客户争吵');
  await screenshot(desk, 'penalty-open-dialog');
  await dialog.locator('[data-test="open-penalty-submit"]').click();
  const link = desk.locator('[data-test="penalty-link"]');
  await link.waitFor();
  expect(await link.innerText()).toContain('运维管理部 / 王工');
  await screenshot(desk, 'penalty-opened');

  // The YW head cannot see the KF complaint, but sees the case the opinion is about.
  const head = await users.as('head-yw');
  const opinion = await taskAt(head, 'penalty', 'penaltyOpinion');
  await head.goto(`/app/tasks/${opinion.id}`);
  const caseCard = head.locator('[data-test="penalty-case"]');
  await caseCard.waitFor();
  expect(await caseCard.innerText()).toMatch(/运维管理部 \/ 王工[\s\S]*上门安装时与客户争吵；违规 1 次/);
  await screenshot(head, 'penalty-opinion-task');
  await completeTaskInUi(head, opinion.id, { opinion: '情况属实，同意按服务规范处罚' });

  // The service desk fills the notice; general affairs reviews it with the opinion and the notice in view.
  await completeTaskInUi(desk, (await taskAt(desk, 'penalty', 'fillNotice')).id, { incident: '11月30日上门安装时与客户争吵', penaltyReason: '违反服务规范' });
  const ga = await users.as('ga1');
  const review = await taskAt(ga, 'penalty', 'reviewPenalty');
  await ga.goto(`/app/tasks/${review.id}`);
  const recorded = ga.locator('[data-test="recorded-steps"]');
  await recorded.waitFor();
  expect(await recorded.locator('[data-step="penaltyOpinion"]').innerText()).toMatch(/对责任人的处罚意见\s+情况属实，同意按服务规范处罚/);
  expect(await recorded.locator('[data-step="fillNotice"]').innerText()).toMatch(/处罚事由\s+违反服务规范/);
  expect(await ga.locator('[data-test="penalty-case"]').innerText()).toMatch(/200\.00 元/);
  // The header says which case and complaint the step is about, though the complaint's record is not open to 综合部.
  expect(await ga.locator('[data-test="task-case"]').innerText()).toMatch(new RegExp(`^处罚通知单 \\d{4}[A-Z]+CF\\d{3} · 投诉 ${number}$`));
  await screenshot(ga, 'penalty-review-task');
  await completeTaskInUi(ga, review.id, { reviewApproved: true });
  // The notice reached general affairs' bell; it opens the case, not the complaint they may not see.
  await ga.locator('[data-test="notification-bell"]').click();
  await ga.locator('[data-test="notification-list"] li', { hasText: '客户投诉处罚通知单' }).click();
  await ga.waitForURL(/\/app\/penalties\/[0-9a-f-]{36}$/);
  await ga.locator('[data-test="penalty-case"]').waitFor();
  expect(await ga.locator('[data-test="penalty-case"]').innerText()).toContain('已执行');

  // Someone of the fined department finds the case under 处罚与免责 and requests exemption.
  const ops = await users.as('ops1');
  await ops.goto('/app/penalties');
  const row = ops.locator('[data-test="penalties-table"] .el-table__row', { hasText: number });
  await row.waitFor();
  expect(await row.innerText()).toMatch(/200\.00 元[\s\S]*已执行/);
  await screenshot(ops, 'penalties-list');
  await row.click();
  // The notice prints from the page with the session (R/G095-3).
  const notice = await ops.request.get((await ops.locator('[data-test="notice-pdf"]').getAttribute('href'))!);
  expect(notice.status()).toBe(200);
  expect(notice.headers()['content-type']).toBe('application/pdf');
  await ops.locator('[data-test="request-exemption"]').click();
  await ops.locator('[data-test="exemption-submit"]').click();
  expect(await ops.locator('[data-test="exemption-dialog"] .el-form-item.is-error').count()).toBe(1);
  await ops.locator('[data-test="exemption-reasons"] textarea').fill('客户当时情绪激动，安装人员已按规范解释，有录音为证。');
  await ops.locator('[data-test="exemption-submit"]').click();
  const exemption = ops.locator('[data-test="exemption"]');
  await exemption.waitFor();
  expect(await exemption.innerText()).toMatch(/免责申请 · 调查中\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} 李强[\s\S]*有录音为证/); // by name, not ops1
  expect(await ops.locator('[data-test="penalty-case"]').innerText()).toMatch(/立案\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}（张敏）/);
  expect(await ops.locator('[data-test="request-exemption"]').count()).toBe(0);
  await screenshot(ops, 'penalty-exemption-filed');

  // General affairs sees the month's pay adjustments per department and books a correction.
  await ga.goto('/app/payroll');
  const yw = ga.locator('[data-test="payroll-table"] .el-table__body .el-table__row', { hasText: '运维管理部' });
  await yw.waitFor();
  expect(await yw.innerText()).toMatch(/-200\.00 元[\s\S]*-200\.00 元/);
  // The fine's ledger line names its case by the notice number, and the complaint beside it.
  const fineLine = ga.locator('[data-test="ledger-table"] .el-table__row', { hasText: '罚款' });
  expect(await fineLine.locator('[data-test="ledger-penalty"]').innerText()).toMatch(/^\d{4}[A-Z]+CF\d{3}$/);
  expect(await fineLine.innerText()).toContain(number);
  await ga.locator('[data-test="open-correction"]').click();
  const correction = ga.locator('[data-test="correction-dialog"]');
  await chooseOption(ga, 'correction-department', '运维管理部');
  await correction.locator('[data-test="correction-amount"] input').fill('50');
  await correction.locator('[data-test="correction-reason"] textarea').fill('按综合部复核，减免 50 元');
  await correction.locator('[data-test="correction-submit"]').click();
  const correctionLine = ga.locator('[data-test="ledger-table"] .el-table__row', { hasText: '按综合部复核' });
  await correctionLine.waitFor();
  expect(await correctionLine.innerText()).toMatch(/陈静$/); // who booked it, by name
  expect(await yw.innerText()).toMatch(/-200\.00 元\s+0\.00 元\s+50\.00 元\s+-150\.00 元/);
  await screenshot(ga, 'payroll');

  // The exemption chain starts with general affairs' investigation, the request in view.
  const investigation = await taskAt(ga, 'exemption', 'generalAffairsInvestigation');
  await ga.goto(`/app/tasks/${investigation.id}`);
  await ga.locator('[data-test="exemption"]').waitFor();
  expect(await ga.locator('[data-test="exemption"]').innerText()).toContain('有录音为证');
});
