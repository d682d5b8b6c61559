/**
 * `npm run docs:screenshots`: takes the README's pictures (docs/screenshots/) from the product as it is now,
 * so they never show an older console. Starts the compiled server on a fresh embedded database with the demo
 * organisation, registers a morning's complaints and works some of them through the API as the demo users would,
 * then opens each page in Debian's chromium at a clerk's laptop size (1366×768), and two on a phone (390×844).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FormField } from '../src/engine/forms/form-field';
import { launchBrowser, PHONE_VIEWPORT, signedInPage, signedInPhonePage, VIEWPORT } from '../test/e2e/support/browser';
import { sampleValue } from '../test/e2e/support/sample-values';
import { PROJECT_ROOT, startServer, TestServer } from '../test/e2e/support/server';
import { demoUsersFor, fillField } from '../test/e2e/support/tasks';

const OUT = path.join(PROJECT_ROOT, 'docs', 'screenshots');

interface Step { taskId: string; elementId: string; candidateGroups: string[] }
interface Task { id: string; form: FormField[]; revision: number }

/** What a morning at the service desk brings in: customers, channels and complaints as they are written down. */
const COMPLAINTS = [
  { name: '王建华', phone: '13912345678', channel: 'hotline', category: 'technicalService', severity: 'major', content: '小区宽带自昨日起全部中断，多次报修无人处理，影响居家办公。', demand: '今天之内恢复网络并说明原因' },
  { name: '李秀英', phone: '13655501234', channel: 'online', category: 'serviceAttitude', severity: 'general', content: '营业厅工作人员办理业务时态度生硬，拒绝解释套餐资费变化。', demand: '工作人员道歉' },
  { name: '张伟', phone: '18800012345', channel: 'hotline', category: 'serviceTimeLimit', severity: 'general', content: '预约上门安装光猫，约定上午九点，工程师下午四点才到。' },
  { name: '刘芳', phone: '13711112222', channel: 'email', category: 'serviceQuality', severity: 'general', content: '近一周晚间网速明显下降，测速不到签约带宽的三成。', demand: '检查线路，按实际情况减免月费' },
  { name: '陈杰', phone: '15022223333', channel: 'visit', category: 'workOrderHandling', severity: 'minor', content: '报修工单被关闭但故障仍未排除，未收到任何回访。' },
  { name: '杨丽', phone: '13133334444', channel: 'hotline', category: 'technicalService', severity: 'general', content: 'IPTV 频繁卡顿、花屏，重启机顶盒后仍然如此。' },
  { name: '赵磊', phone: '18944445555', channel: 'letter', category: 'serviceConduct', severity: 'general', content: '装维人员上门未出示工作证，施工后遗留线头和包装垃圾。', demand: '规范上门服务' },
  { name: '孙浩', phone: '13566667777', channel: 'online', category: 'informationFlow', severity: 'general', content: '停机维护没有提前通知，周末全天无法上网。' },
  { name: '周婷', phone: '18655556666', channel: 'hotline', category: 'systemAssurance', severity: 'minor', content: '手机营业厅缴费页面多次报错，缴费后余额未及时到账。' },
  { name: '吴刚', phone: '13877778888', channel: 'visit', category: 'serviceAttitude', severity: 'general', content: '客服热线排队二十多分钟，接通后被告知无法受理。' },
];

/** Realistic entries for the steps this script works through; any other field gets a valid value from its schema. */
const ENTRIES: Record<string, Record<string, unknown>> = {
  dispatch: { settledByReceiver: false, responsibleDept: 'YW', dispatchNote: '涉及线路和装维服务，派运维管理部处理，请按时限响应。' },
  firstResponse: { responseNote: '已电话联系客户，说明正在排查线路，今日 18 点前再次回电。' },
  rootCauseMeeting: { meetingAttendees: '质量效能部 王芳，运维管理部 赵建国、李强，客户服务部 张敏', rootCause: '片区汇聚交换机板卡故障，备件未及时到位', meetingMeasures: '运维管理部当日更换板卡（赵建国，12 月 1 日前）；质量效能部复核备件库存（王芳，一周内）' },
};

async function main() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    await takeAll(server, browser);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function takeAll(server: TestServer, browser: Browser) {
  const api = apiAs(server);
  const numbers: string[] = [];
  for (const c of COMPLAINTS) {
    const registered = await api<{ number: string }>('desk1', 'POST', '/complaints', {
      complainant: { name: c.name, phone: c.phone }, channel: c.channel, kind: 'complaint', origin: 'regular', level: 'normal',
      category: c.category, severity: c.severity, content: c.content, ...(c.demand ? { customerDemand: c.demand } : {}),
    });
    numbers.push(registered.number);
  }
  const work = new StepWorker(api);
  // All but the last are dispatched to 运维管理部; two have had their first response, the major one went on
  // to the root-cause meeting and is being handled.
  for (const number of numbers.slice(0, -1)) await work.complete(number, 'dispatch');
  await work.complete(numbers[2], 'firstResponse');
  await work.complete(numbers[0], 'firstResponse');
  await work.complete(numbers[0], 'leadershipDecision', { emergencyPlan: true, rootCauseMeeting: '今日 15:00 质量效能部会议室召开原因分析会' });
  await work.complete(numbers[0], 'rootCauseMeeting');
  const handling = await work.open(numbers[0], 'handle');

  fs.mkdirSync(OUT, { recursive: true });
  const as = async (username: string) => (await signedInPage(browser, server, username)).page;
  const onPhone = async (username: string) => (await signedInPhonePage(browser, server, username)).page;

  const head = await as('head-yw');
  await head.goto('/app/inbox');
  await head.locator('[data-test="inbox-table"] .task-row').first().waitFor();
  await shot(head, 'inbox');
  const headPhone = await onPhone('head-yw');
  await headPhone.goto('/app/inbox');
  await headPhone.locator('[data-test="inbox-table"] .task-row').first().waitFor();
  await shot(headPhone, 'phone-inbox', PHONE_VIEWPORT);

  await head.goto(`/app/tasks/${handling.taskId}`);
  await head.locator('[data-test="claim"]').click();
  await head.locator('[data-test="release"]').waitFor();
  await head.locator('.el-message').waitFor({ state: 'detached' });
  const form = (await api<Task>('head-yw', 'GET', `/tasks/${handling.taskId}`)).form;
  await fillField(head, form.find((f) => f.id === 'cause')!, '片区汇聚交换机板卡故障导致 3 个小区宽带中断；备件库存不足，更换延误约 20 小时。');
  await head.locator('[data-test="recorded-steps"]').waitFor();
  await shot(head, 'task-form');

  const owner = await as('owner1');
  await owner.goto('/app/processes/complaint-lifecycle/model');
  await owner.locator('.djs-palette').waitFor();
  await owner.locator('[data-test="lint-status"]').filter({ hasNotText: '检查中' }).waitFor();
  await owner.locator('[data-test="locate"]').click();
  await owner.keyboard.type('调查处理');
  await owner.locator('.el-select-dropdown__item:visible', { hasText: '调查处理' }).first().click();
  await owner.locator('[data-test="element-settings"] .type', { hasText: '人工任务' }).waitFor();
  await owner.locator('[data-group-id="group-CamundaPlatform__FormData"] .bio-properties-panel-group-header').click();
  await shot(owner, 'modeler');

  const auditor = await as('auditor1');
  await auditor.goto(`/app/audit/instances/${handling.instanceId}`);
  await auditor.locator('.djs-container').waitFor();
  await auditor.waitForLoadState('networkidle');
  // The diagram centred on the step the complaint waits at, the timeline unfiltered.
  await auditor.locator('[data-test="active-task"] a').first().click();
  await auditor.getByRole('button', { name: '清除选择' }).click();
  await auditor.getByRole('tab', { name: /时间线/ }).click();
  // …moved so that more of the path already taken (left of it) shows.
  const diagram = (await auditor.locator('[data-test="instance-diagram"]').boundingBox())!;
  await auditor.mouse.move(diagram.x + 300, diagram.y + 400);
  await auditor.mouse.down();
  await auditor.mouse.move(diagram.x + 520, diagram.y + 260, { steps: 8 });
  await auditor.mouse.up();
  await shot(auditor, 'instance-view');

  // A penalty for the late installation: the department's opinion and the notice are in; general affairs reviews.
  await api('desk1', 'POST', `/complaints/${numbers[2]}/penalties`, {
    category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '王工', violations: 1, description: '预约上午九点上门，下午四点才到，未提前告知客户',
  });
  const penalties = new TaskFinder(api);
  await penalties.complete('head-yw', 'penaltyOpinion', { opinion: '情况属实，同意按服务规范处罚', category: 'serviceConduct', particularlySerious: false, violations: 1, occurrences: 1, causedByPeople: true });
  await penalties.complete('desk1', 'fillNotice', { incident: '11 月 30 日预约上门安装迟到 7 小时', penaltyReason: '违反服务规范（上门时限）' });
  const review = await penalties.find('ga1', 'reviewPenalty');
  const ga = await as('ga1');
  await ga.goto(`/app/tasks/${review.id}`);
  await ga.locator('[data-test="recorded-steps"]').waitFor();
  await shot(ga, 'penalty-review');
  const gaPhone = await onPhone('ga1');
  await gaPhone.goto(`/app/tasks/${review.id}`);
  await gaPhone.locator('[data-test="task-form"]').waitFor();
  await shot(gaPhone, 'phone-penalty-review', PHONE_VIEWPORT);

  await penalties.complete('ga1', 'reviewPenalty', { reviewApproved: true, reviewComment: '事实清楚，按制度扣罚 200 元' });
  await ga.goto('/app/payroll');
  await ga.locator('[data-test="payroll-table"] .el-table__row', { hasText: '运维管理部' }).waitFor();
  await shot(ga, 'payroll');
}

type Api = <T = unknown>(username: string, method: string, url: string, body?: unknown) => Promise<T>;

function apiAs(server: TestServer): Api {
  return async <T>(username: string, method: string, url: string, body?: unknown) => {
    const response = await fetch(`${server.baseUrl}${url}`, {
      method,
      headers: { Authorization: `Bearer ${server.credentials(username).token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${username} ${method} ${url}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
}

/** Claims and completes a complaint's open step, with ENTRIES for it (or `entries`) and schema values for the other required fields. */
class StepWorker {
  constructor(private readonly api: Api) {}

  async open(number: string, elementId: string): Promise<Step & { instanceId: string }> {
    const complaint = await this.api<{ instanceId: string; currentSteps: Step[] }>('desk1', 'GET', `/complaints/${number}`);
    const step = complaint.currentSteps.find((s) => s.elementId === elementId);
    if (!step) throw new Error(`${number} is not at ${elementId}: ${complaint.currentSteps.map((s) => s.elementId).join(', ')}`);
    return { ...step, instanceId: complaint.instanceId };
  }

  /** Done by the first demo user of the task's candidate groups who may work on it (the complaint's department). */
  async complete(number: string, elementId: string, entries: Record<string, unknown> = {}): Promise<void> {
    const { taskId, candidateGroups } = await this.open(number, elementId);
    for (const username of demoUsersFor(candidateGroups)) {
      const mayOpen = await this.api(username, 'GET', `/tasks/${taskId}`).then(() => true, () => false);
      if (mayOpen) return completeAs(this.api, username, taskId, { ...ENTRIES[elementId], ...entries });
    }
    throw new Error(`No demo user of ${candidateGroups.join(', ')} may work on ${number}'s ${elementId}`);
  }
}

/** Tasks found the way a user's inbox finds them (GET /tasks), for processes whose instances have no complaint number. */
class TaskFinder {
  constructor(private readonly api: Api) {}

  async find(username: string, elementId: string): Promise<{ id: string }> {
    const { items } = await this.api<{ items: Array<{ id: string; elementId: string }> }>(username, 'GET', '/tasks?limit=100');
    const task = items.find((t) => t.elementId === elementId);
    if (!task) throw new Error(`${username} has no open ${elementId} task`);
    return task;
  }

  async complete(username: string, elementId: string, entries: Record<string, unknown>): Promise<void> {
    await completeAs(this.api, username, (await this.find(username, elementId)).id, entries);
  }
}

async function completeAs(api: Api, username: string, taskId: string, entries: Record<string, unknown>): Promise<void> {
  await api(username, 'POST', `/tasks/${taskId}/claim`);
  const task = await api<Task>(username, 'GET', `/tasks/${taskId}`);
  // Optional fields stay empty unless given (the dispatcher leaves the statistics group to the category mapping).
  const data = Object.fromEntries(task.form.filter((field) => field.id in entries || field.constraints.required)
    .map((field) => [field.id, field.id in entries ? entries[field.id] : sampleValue(field)]));
  await api(username, 'POST', `/tasks/${taskId}/complete`, { data, revision: task.revision });
}

/** The window as the clerk sees it (no scrolling), after transitions and pending requests settle. */
async function shot(page: Page, name: string, viewport = VIEWPORT): Promise<void> {
  await page.setViewportSize(viewport);
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, viewport.height - 1);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), animations: 'disabled' });
  console.log(`docs/screenshots/${name}.png`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
