import ExcelJS from 'exceljs';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { ComplaintRow } from '../../src/persistence/entities/complaint';
import { LedgerEntryRow } from '../../src/persistence/entities/penalties';
import { LedgerRepository } from '../../src/persistence/repositories/ledger-repository';
import { complaintRow, insertComplaints, processFixture } from '../audit/support';
import { createTestApplication, TestApplication } from '../support/app';
import { binaryParser, pdfText, renderedPageCount, squeezed } from '../records/pdf-tools';

jest.setTimeout(60_000);

const A = { complainantName: '王芳', complainantKey: 'tel:13800000001' };
const B = { complainantName: '李雷', complainantKey: 'tel:13800000002' };
const C = { complainantName: '赵敏', complainantKey: 'tel:13800000003' };
const at = (iso: string) => new Date(iso);

/**
 * November 2026 (Asia/Shanghai), hand-checked:
 *  N1 complaint/technicalService/major/hotline/YW, A: responded and resolved in time, closed, satisfied, 表四 networkTransmission.trunk chosen at dispatch
 *  N2 complaint/technicalService/general/email/YW, A again (repeat), late response, late resolution, closed, dissatisfied, 表四 broadband.drops and cause in its process data
 *  N3 complaint/serviceAttitude/minor/online/ZL, B: response limit passed unanswered; resolution still inside its limit
 *  N4 suggestion/serviceQuality/minor/hotline/not dispatched, C: no limits, closed, satisfied
 *  N5 inquiry/technicalService/general/visit/YW, B: received 2026-11-01 00:30 Shanghai (still October in UTC), in time, closed, not rated
 *  not November: one received 2026-12-01 00:00 Shanghai (2026-11-30 16:00 UTC)
 */
async function seedComplaints(t: TestApplication) {
  const withGroup = await t.app.engine.startProcess('auditFlow', { reportGroup: 'broadband.drops', cause: '光猫老化' }, { actor: 'desk1' });
  const november: Array<Partial<ComplaintRow>> = [
    { ...A, kind: 'complaint', category: 'technicalService', severity: 'major', channel: 'hotline', responsibleDeptCode: 'YW',
      reportGroup: 'networkTransmission.trunk', content: '全区电视信号中断',
      receivedAt: at('2026-11-03T01:00:00Z'), responseDueAt: at('2026-11-03T01:30:00Z'), respondedAt: at('2026-11-03T01:20:00Z'),
      resolutionDueAt: at('2026-11-04T01:00:00Z'), resolvedAt: at('2026-11-04T00:30:00Z'), closedAt: at('2026-11-04T03:00:00Z'), satisfaction: 'satisfied' },
    { ...A, kind: 'complaint', category: 'technicalService', severity: 'general', channel: 'email', responsibleDeptCode: 'YW', isRepeat: true,
      instanceId: withGroup.id,
      receivedAt: at('2026-11-05T01:00:00Z'), responseDueAt: at('2026-11-05T03:00:00Z'), respondedAt: at('2026-11-05T04:00:00Z'),
      resolutionDueAt: at('2026-11-10T10:00:00Z'), resolvedAt: at('2026-11-12T10:00:00Z'), closedAt: at('2026-11-13T10:00:00Z'), satisfaction: 'dissatisfied' },
    { ...B, kind: 'complaint', category: 'serviceAttitude', severity: 'minor', channel: 'online', responsibleDeptCode: 'ZL',
      receivedAt: at('2026-11-19T01:00:00Z'), responseDueAt: at('2026-11-20T01:00:00Z'), resolutionDueAt: at('2026-12-05T10:00:00Z') },
    { ...C, kind: 'suggestion', category: 'serviceQuality', severity: 'minor', channel: 'hotline', responsibleDeptCode: null,
      receivedAt: at('2026-11-09T01:00:00Z'), closedAt: at('2026-11-10T01:00:00Z'), satisfaction: 'satisfied' },
    { ...B, kind: 'inquiry', category: 'technicalService', severity: 'general', channel: 'visit', responsibleDeptCode: 'YW',
      receivedAt: at('2026-10-31T16:30:00Z'), responseDueAt: at('2026-11-01T16:30:00Z'), respondedAt: at('2026-11-01T02:00:00Z'),
      resolutionDueAt: at('2026-11-01T16:30:00Z'), resolvedAt: at('2026-11-01T02:00:00Z'), closedAt: at('2026-11-01T02:00:00Z') },
    { ...C, receivedAt: at('2026-11-30T16:00:00Z'), responsibleDeptCode: 'YW' },
  ];
  // October: one in time, closed and satisfied; one late on both limits, unresolved, dissatisfied, a repeat.
  const october: Array<Partial<ComplaintRow>> = [
    { ...A, receivedAt: at('2026-10-10T01:00:00Z'), responseDueAt: at('2026-10-10T03:00:00Z'), respondedAt: at('2026-10-10T02:00:00Z'),
      resolutionDueAt: at('2026-10-14T10:00:00Z'), resolvedAt: at('2026-10-13T10:00:00Z'), closedAt: at('2026-10-13T12:00:00Z'), satisfaction: 'satisfied' },
    { ...B, receivedAt: at('2026-10-20T01:00:00Z'), isRepeat: true, responseDueAt: at('2026-10-20T03:00:00Z'),
      resolutionDueAt: at('2026-10-23T10:00:00Z'), satisfaction: 'dissatisfied' },
  ];
  // September: one complaint without limits, still open. August: none.
  const september: Array<Partial<ComplaintRow>> = [{ ...C, receivedAt: at('2026-09-15T01:00:00Z') }];
  await insertComplaints(t.app, [...november, ...october, ...september].map((fields) => complaintRow(fields)));
}

/** November's pay: fines of YW (2 × 200 元) and ZL (600 元), an exemption refund to KF (240 元), a correction of +50 元 to YW. */
async function seedLedger(t: TestApplication) {
  const entry = (kind: LedgerEntryRow['kind'], departmentCode: string, amountFen: number, payrollMonth: string): LedgerEntryRow =>
    Object.assign(new LedgerEntryRow(), {
      id: randomUUID(), entryKey: randomUUID(), kind, departmentCode, amountFen, payrollMonth, penaltyId: null, complaintNumber: null,
      fineEntryId: null, reason: 'test', createdAt: at('2026-11-20T01:00:00Z'), createdBy: 'ga1',
    });
  await t.app.db.transaction(async (manager) => {
    const ledger = new LedgerRepository(manager);
    for (const row of [
      entry('fine', 'YW', -20000, '2026-11'), entry('fine', 'YW', -20000, '2026-11'), entry('fine', 'ZL', -60000, '2026-11'),
      entry('refund', 'KF', 24000, '2026-11'), entry('correction', 'YW', 5000, '2026-11'), entry('fine', 'YW', -20000, '2026-10'),
    ]) await ledger.insertOnce(row);
  });
}

let t: TestApplication;
beforeAll(async () => {
  t = await createTestApplication({ start: '2026-12-02T01:00:00Z' });
  await t.app.engine.deploy('auditFlow', processFixture('audit-flow.bpmn'), 'owner1');
  await seedComplaints(t);
  await seedLedger(t);
});
afterAll(async () => { await t.dispose(); });

const monthly = (query: string, user: Parameters<TestApplication['bearer']>[0] = 'quality1') =>
  request(t.app.http).get(`/reports/monthly?${query}`).set('Authorization', t.bearer(user));
const counts = (rows: Array<{ key: string; count: number }>) => Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.key, r.count]));

describe('GET /reports/monthly', () => {
  it('Given November\'s complaints, then the counts by kind, category, severity, department and channel match the hand count', async () => {
    const { body } = await monthly('month=2026-11').expect(200);

    expect(body).toMatchObject({ month: '2026-11', timeZone: 'Asia/Shanghai', from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', total: 5 });
    expect(counts(body.byKind)).toEqual({ complaint: 3, suggestion: 1, inquiry: 1 });
    expect(body.byKind.map((r: any) => r.label)).toEqual(['投诉', '建议', '咨询']);
    expect(counts(body.byCategory)).toEqual({ technicalService: 3, serviceAttitude: 1, serviceQuality: 1 });
    expect(body.byCategory).toHaveLength(8);
    expect(counts(body.bySeverity)).toEqual({ major: 1, general: 2, minor: 2 });
    expect(counts(body.byDepartment)).toEqual({ YW: 3, ZL: 1, unassigned: 1 });
    expect(body.byDepartment.find((r: any) => r.key === 'YW').label).toBe('运维管理部');
    expect(counts(body.byChannel)).toEqual({ hotline: 2, email: 1, online: 1, visit: 1 });
  });

  it('reports timeliness of response and resolution separately, satisfaction, closure and resolution rates and repeats', async () => {
    const { body } = await monthly('month=2026-11').expect(200);

    expect(body.timeliness.response).toEqual({ assessed: 4, withinLimit: 2, late: 2, pending: 0, share: 0.5 });
    expect(body.timeliness.resolution).toEqual({ assessed: 3, withinLimit: 2, late: 1, pending: 1, share: 0.6667 });
    expect(body.satisfaction).toEqual({ numerator: 2, denominator: 3, value: 0.6667 });
    expect(body.closureRate).toEqual({ numerator: 4, denominator: 5, value: 0.8 });
    expect(body.resolutionRate).toEqual({ numerator: 3, denominator: 5, value: 0.6 });
    expect(body.repeats).toEqual({ numerator: 1, denominator: 5, value: 0.2 });
  });

  it('names the hot spots with two or more complaints and groups by seed 003 table 4, honouring a complaint\'s own reportGroup', async () => {
    const { body } = await monthly('month=2026-11').expect(200);

    expect(body.hotSpots.categories).toEqual([{ key: 'technicalService', label: '技术服务类', count: 3 }]);
    expect(body.hotSpots.departments).toEqual([{ key: 'YW', label: '运维管理部', count: 3 }]);
    expect(body.hotSpots.complainants.map((c: any) => [c.label, c.count, c.numbers.length])).toEqual([['王芳', 2, 2], ['李雷', 2, 2]]);
    // 表四 counts complaints only (N1, N2, N3); the suggestion and the inquiry are not complaints
    const group = (key: string) => body.byReportGroup.find((g: any) => g.key === key);
    expect(group('networkTransmission')).toMatchObject({ label: '网络传输类', count: 1 });
    expect(group('networkTransmission').items.find((i: any) => i.key === 'trunk')).toMatchObject({ label: '干线传输故障', count: 1 });
    expect(group('broadband')).toMatchObject({ label: '宽带故障类', count: 1 });
    expect(group('broadband').items.find((i: any) => i.key === 'drops')).toMatchObject({ key: 'drops', label: '掉线', count: 1 });
    expect(group('serviceConduct')).toMatchObject({ label: '服务规范类', count: 1 });
    expect(body.byReportGroup.reduce((sum: number, g: any) => sum + g.count, 0)).toBe(3);
  });

  it('prints 表四 as seed 003 does: the seed\'s labels, the period title, 总体情况, and per row the count, contents and cause analysis', async () => {
    const { body } = await monthly('month=2026-11').expect(200);
    const table = body.tableFour;

    expect(table).toMatchObject({ title: '客户投诉信息统计表', period: '（11月1日至11月30日）', total: 3 });
    expect(table.rows.map((r: any) => [r.group, r.item])).toEqual([
      ['政策宣传类', '――――'],
      ['网络传输类', '干线传输故障'], ['网络传输类', '信源传输故障'], ['网络传输类', '分配网故障'], ['网络传输类', '其他'],
      ['服务规范类', '――――'], ['服务时限类', '――――'], ['内容类', '――――'],
      ['运营支撑平台类', '计费差错'], ['运营支撑平台类', '平台故障'], ['运营支撑平台类', 'CA误关或授权失败'], ['运营支撑平台类', '其他'],
      ['机顶盒类', '机顶盒故障'], ['机顶盒类', '遥控器'], ['机顶盒类', '售后服务'], ['机顶盒类', '其他'],
      ['宽带故障类', '出口问题'], ['宽带故障类', '网速慢'], ['宽带故障类', '掉线'], ['宽带故障类', '其他'],
      ['其他', '――――'],
    ]);
    const row = (item: string) => table.rows.find((r: any) => r.item === item);
    const [n1] = row('干线传输故障').numbers;
    expect(row('干线传输故障')).toMatchObject({ count: 1, contents: `${n1} 全区电视信号中断`, causes: `${n1}：处理中` });
    const [n2] = row('掉线').numbers;
    expect(row('掉线')).toMatchObject({ count: 1, contents: `${n2} 宽带经常掉线`, causes: `${n2}：光猫老化` });
    expect(table.overall).toContain('本月共受理客户投诉、建议和咨询5件，其中投诉3件、建议1件、咨询1件');
    expect(table.overall).toContain('按时响应率50.00%，按时解决率66.67%，客户满意率66.67%');
    expect(table.overall).toContain('罚款1000元，免责返还240元。');
    expect(table.overall).toContain('与上月（2件）相比增加3件。');
  });

  it('compares with each of the three previous months', async () => {
    const { body } = await monthly('month=2026-11').expect(200);

    expect(body.comparisons.map((c: any) => c.month)).toEqual(['2026-10', '2026-09', '2026-08']);
    const [october, september, august] = body.comparisons;
    expect(october.figures).toEqual({
      total: 2, repeatComplaints: 1, responseWithinLimitShare: 0.5, resolutionWithinLimitShare: 0.5, satisfactionShare: 0.5, closureRate: 0.5, resolutionRate: 0.5,
    });
    expect(october.change).toEqual({
      total: 3, repeatComplaints: 0, responseWithinLimitShare: 0, resolutionWithinLimitShare: 0.1667, satisfactionShare: 0.1667, closureRate: 0.3, resolutionRate: 0.1,
    });
    expect(september.figures).toMatchObject({ total: 1, responseWithinLimitShare: null, closureRate: 0 });
    expect(september.change).toMatchObject({ total: 4, responseWithinLimitShare: null, closureRate: 0.8 });
    expect(august.figures.total).toBe(0);
    expect(august.change).toMatchObject({ total: 5, closureRate: null });
  });

  it('adds the fines and refunds landing in the month\'s pay from the ledger', async () => {
    const { body } = await monthly('month=2026-11').expect(200);

    expect(body.money).toEqual({
      fines: { entries: 3, totalFen: 100000, byDepartment: [
        { key: 'YW', label: '运维管理部', entries: 2, totalFen: 40000 }, { key: 'ZL', label: '质量效能部', entries: 1, totalFen: 60000 },
      ] },
      refunds: { entries: 1, totalFen: 24000, byDepartment: [{ key: 'KF', label: '客户服务部', entries: 1, totalFen: 24000 }] },
      corrections: { entries: 1, netFen: 5000 },
      netFen: -71000,
    });
  });

  it('?format=xlsx answers a workbook with Chinese headers holding the same numbers', async () => {
    const response = await monthly('month=2026-11&format=xlsx').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    expect(response.headers['content-disposition']).toContain('complaint-statistics-2026-11.xlsx');

    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own Buffer (an ArrayBuffer); Node's Buffer is what it reads at runtime
    await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(
      ['概览', '按类型', '按类别', '按严重程度', '按责任部门', '按受理渠道', '统计表四', '投诉热点', '环比', '罚款与返还'],
    );
    const rows = (name: string) => (workbook.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    const overview = Object.fromEntries(rows('概览').slice(1).map(([label, value]) => [label, value]));
    expect(rows('概览')[0]).toEqual(['指标', '数值']);
    expect(overview).toMatchObject({
      统计月份: '2026-11', 投诉总数: 5, 响应及时率: 0.5, 解决及时率: 0.6667, 满意率: 0.6667, 结案率: 0.8, 解决率: 0.6, 重复投诉数: 1,
      '罚款合计（元）': 1000, '返还合计（元）': 240, '绩效净额（元）': -710,
    });
    expect(workbook.getWorksheet('概览')!.getCell('B6').numFmt).toBe('0.00%');
    expect(rows('按类型')).toEqual([['类型', '数量'], ['投诉', 3], ['建议', 1], ['咨询', 1]]);
    expect(rows('按责任部门')).toEqual([['责任部门', '数量'], ['运维管理部', 3], ['质量效能部', 1], ['未分派', 1]]);
    const tableFour = rows('统计表四');
    expect(tableFour.slice(0, 5).map((r) => r[0])).toEqual(['客户投诉信息统计表', '（11月1日至11月30日）', expect.stringMatching(/^总体情况：本月共受理/), '具体情况见表：', '类型']);
    expect(tableFour[4]).toEqual(['类型', '具体类别', '投诉数', '投诉内容', '投诉原因分析']);
    expect(tableFour.find((r) => r[1] === '掉线')!.slice(0, 3)).toEqual(['宽带故障类', '掉线', 1]);
    expect(tableFour.at(-1)!.slice(0, 3)).toEqual(['合计', null, 3].map((v) => (v === null ? expect.anything() : v)));
    // 类型 spans its four 具体类别 in one merged cell
    const sheet = workbook.getWorksheet('统计表四')!;
    expect(sheet.getCell('A7').isMerged).toBe(true);
    expect(sheet.getCell('A10').master.address).toBe('A7');
    const trend = rows('环比');
    expect(trend[0].slice(0, 3)).toEqual(['月份', '投诉总数', '投诉总数变化']);
    expect(trend[2].slice(0, 3)).toEqual(['2026-10', 2, 3]);
    expect(rows('罚款与返还')).toEqual([['类型', '部门', '笔数', '金额（元）'], ['罚款', '运维管理部', 2, 400], ['罚款', '质量效能部', 1, 600], ['免责返还', '客户服务部', 1, 240]]);
  });

  it('?format=csv answers UTF-8 with a byte-order mark and the same tables', async () => {
    const response = await monthly('month=2026-11&format=csv').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['概览', '指标,数值', '统计月份,2026-11']);
    expect(lines).toContain('投诉总数,5');
    expect(lines).toContain('响应及时率,0.5');
    const byKind = lines.indexOf('按类型');
    expect(lines.slice(byKind, byKind + 5)).toEqual(['按类型', '类型,数量', '投诉,3', '建议,1', '咨询,1']);
    const { body } = await monthly('month=2026-11').expect(200);
    expect(lines).toContain(`投诉人,王芳,2,${body.hotSpots.complainants[0].numbers.join('、')}`);
    expect(lines).toContain('罚款,质量效能部,1,600');
  });

  it('refuses bad months with 400, people outside the reporting groups with 403, and anonymous callers with 401', async () => {
    const bad = await monthly('month=2026-13').expect(400);
    expect(bad.body.fields).toEqual([{ field: 'month', messages: ['month must look like 2026-11'] }]);
    expect((await monthly('month=2026-11&format=doc').expect(400)).body.fields[0].field).toBe('format');
    await monthly('').expect(400);
    await monthly('month=2026-11', 'ops1').expect(403);
    await monthly('month=2026-11', 'owner1').expect(403);
    for (const user of ['desk1', 'leader1', 'gm1', 'rep1', 'auditor1'] as const) await monthly('month=2026-11', user).expect(200);
    await request(t.app.http).get('/reports/monthly?month=2026-11').expect(401);
  });

  it('?format=pdf prints 表四 with the seed\'s labels, the period, 总体情况 and the counts', async () => {
    const response = await monthly('month=2026-11&format=pdf').buffer(true).parse(binaryParser).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const bytes = response.body as Buffer;
    const text = squeezed(pdfText(bytes));

    expect(text).toContain('客户投诉信息统计表');
    expect(text).toContain('2026年11月（11月1日至11月30日）');
    expect(text).toContain('总体情况：本月共受理客户投诉、建议和咨询5件');
    for (const label of ['类型', '具体类别', '投诉数', '投诉内容', '投诉原因分析', '政策宣传类', '干线传输故障', '运营支撑平台类', 'CA误关或授权失败', '宽带故障类', '掉线']) {
      expect(text).toContain(label);
    }
    expect(text).toMatch(/掉线1\d{4}KF\d{3}宽带经常掉线\d{4}KF\d{3}：光猫老化/);
    expect(text).toMatch(/合计3/);
    expect(renderedPageCount(bytes, 'monthly-statistics')).toBeGreaterThanOrEqual(1);
  });

  it('Given a month without complaints, then counts are zero and shares are null, not zero', async () => {
    const { body } = await monthly('month=2026-07').expect(200);
    expect(body.total).toBe(0);
    expect(body.timeliness.response.share).toBeNull();
    expect(body.satisfaction.value).toBeNull();
    expect(body.money.fines).toEqual({ entries: 0, totalFen: 0, byDepartment: [] });
  });
});
