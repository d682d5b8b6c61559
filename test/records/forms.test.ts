import ExcelJS from 'exceljs';
import fs from 'node:fs';
import request from 'supertest';
import { finishedCase } from '../audit/finished-case';
import { createTestApplication, TestApplication } from '../support/app';
import { binaryParser, pdfPageCount, pdfText, renderedPageCount, squeezed } from './pdf-tools';

jest.setTimeout(180_000);

let t: TestApplication;
let number: string;
let penaltyId: string;
let exemptionId: string;
beforeAll(async () => {
  t = await createTestApplication({ start: '2026-11-23T01:00:00Z' });
  ({ number, penaltyId, exemptionId } = await finishedCase(t));
});
afterAll(async () => { await t.dispose(); });

const pdf = async (path: string, user: Parameters<TestApplication['bearer']>[0] = 'auditor1') => {
  const response = await request(t.app.http).get(path).set('Authorization', t.bearer(user)).buffer(true).parse(binaryParser);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  const bytes = response.body as Buffer;
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  return bytes;
};

describe('printed forms', () => {
  it('R/G095-1 登记处理单: the seed\'s boxes filled from the complaint and its trail, one small A4 page', async () => {
    const bytes = await pdf(`/complaints/${number}/forms/registration.pdf`);
    const text = squeezed(pdfText(bytes));

    for (const label of ['客户投诉/建议信息登记处理单', 'R/G095-1', '登记部门', '登记人', '接收部门', '接收人', '登记时间', '编号', '信息来源',
      '投诉/建议人', '要求答复时间', '客服部经理签字', '投诉处理情况', '对责任人的', '处罚意见', '处理部门经理签字', '答复情况', '答复人']) {
      expect(text).toContain(label);
    }
    expect(text).toContain(number);
    expect(text).toContain('客户服务部');
    expect(text).toContain('运维管理部');
    expect(text).toContain('■电话投诉/建议');
    expect(text).toContain('□信函投诉/建议');
    expect(text).toContain('宽带频繁掉线，已持续两天');
    expect(text).toContain('原因分析：光猫老化');
    expect(text).toContain('属实，按罚则处罚');
    expect(text).toContain('客户满意度：满意');
    expect(text).toContain('登记时间2026年11月23日09:00'); // registered 01:00 UTC = 09:00 Shanghai
    expect(text).toMatch(/答复时间：2026年11月23日\d+时/);
    expect(pdfPageCount(bytes)).toBe(1);
    expect(bytes.length).toBeLessThan(150_000); // the CJK font is subset, not embedded whole (8 MB)
    expect(renderedPageCount(bytes, 'registration')).toBe(1);
  });

  it('R/G095-2 纠正和预防措施记录表 names the cause, the measures and who signed', async () => {
    const text = squeezed(pdfText(await pdf(`/complaints/${number}/forms/capa.pdf`)));
    for (const label of ['纠正和预防措施记录表', 'R/G095-2', '客户投诉事件', '存在问题', '问题原因', '纠正和预防措施', '经理签字', '分管领导意见']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('纠正措施：更换光猫');
    expect(text).toContain('预防措施：批量排查同批次光猫');
    expect(text).toMatch(/ops1.*电子确认/);
  });

  it('R/G095-3 处罚通知单 shows the notice number, the fine in figures and in capitals, and general affairs\' approval', async () => {
    const { body: penalty } = await request(t.app.http).get(`/penalties/${penaltyId}`).set('Authorization', t.bearer('auditor1')).expect(200);
    const text = squeezed(pdfText(await pdf(`/penalties/${penaltyId}/notice.pdf`)));
    for (const label of ['客户投诉处罚通知单', 'R/G095-3', '处罚时间', '事故情况', '责任人', '处罚事由', '处罚措施', '客户服务部确认', '综合部意见']) {
      expect(text).toContain(label);
    }
    expect(text).toContain(penalty.noticeNumber);
    expect(text).toContain('李强');
    expect(text).toContain('200元（大写：贰佰元整）');
    expect(text).toContain('违反服务规范');
    expect(text).toContain('同意处罚');
  });

  it('R/G095-4 免责申诉单 carries all four opinions and the 240 元 refund in December', async () => {
    const byPenalty = await pdf(`/penalties/${penaltyId}/exemptions/${exemptionId}/form.pdf`);
    const text = squeezed(pdfText(byPenalty));
    for (const label of ['免责申诉单', 'R/G095-4', '申诉部门', '被处罚责任人', '处罚记录号', '申诉理由', '申诉部门意见', '客户服务部意见', '综合部意见', '分管副总意见', '总经理意见']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('工牌遗失已补办，有记录为证');
    expect(text).toContain('情况属实');
    expect(text).toContain('同意免责');
    expect(text).toContain('240元（贰佰肆拾元整），记入2026-12绩效工资');
    const byId = squeezed(pdfText(await pdf(`/exemptions/${exemptionId}/form.pdf`)));
    expect(byId).toContain('工牌遗失已补办');
  });

  it('Whoever may not read the complaint gets 403; unknown ids 404', async () => {
    await request(t.app.http).get(`/complaints/${number}/forms/registration.pdf`).set('Authorization', t.bearer('quality1')).expect(403);
    await request(t.app.http).get(`/penalties/${penaltyId}/notice.pdf`).set('Authorization', t.bearer('quality1')).expect(403);
    await request(t.app.http).get('/complaints/2026KF999/dossier.pdf').set('Authorization', t.bearer('auditor1')).expect(404);
    await request(t.app.http).get('/penalties/00000000-0000-0000-0000-000000000000/notice.pdf').set('Authorization', t.bearer('auditor1')).expect(404);
    await request(t.app.http).get(`/penalties/${penaltyId}/exemptions/00000000-0000-0000-0000-000000000000/form.pdf`).set('Authorization', t.bearer('auditor1')).expect(404);
  });
});

describe('the complaint dossier', () => {
  it('holds the forms, the timeline, the verification and the ledger lines', async () => {
    const bytes = await pdf(`/complaints/${number}/dossier.pdf`);
    const text = squeezed(pdfText(bytes));

    expect(text).toContain('客户投诉档案');
    expect(text).toContain('已结案');
    expect(text).not.toContain('closed');
    for (const part of ['R/G095-1', 'R/G095-2', 'R/G095-3', 'R/G095-4', '五、处理过程记录', '六、审计校验结果', '七、罚款台账记录', '八、通知发送记录']) expect(text).toContain(part);
    expect(text).toContain('3条审计链');
    expect(text).toContain('全部完整，未发现删除或篡改');
    expect(text).toContain('分类派单');
    // The process record names a chosen department as the form's drop-down does, not by its code.
    const processRecord = text.slice(text.lastIndexOf('五、处理过程记录'), text.lastIndexOf('六、审计校验结果'));
    expect(processRecord).toContain('责任部门：运维管理部');
    expect(processRecord).not.toContain('责任部门：YW');
    expect(text).toContain('免责返还');
    expect(text).toMatch(/-200.*2026-11/);
    expect(text).toMatch(/240.*2026-12/);
    expect(text).toContain('合计对绩效工资的影响：40元');
    // Which mails the steps sent, to whom, and how it went: the dispatch step's mail to the service desk, not sent yet
    // (no worker delivers here).
    const notifications = text.slice(text.lastIndexOf('八、通知发送记录'));
    expect(notifications).toMatch(/分类派单邮件kefu@complaint-\s*新任务：分类派单待发送/);
    // The console messages are named as the auditor's 通知 tab names them (GET /vocabulary's notificationChannel).
    const { body: vocabulary } = await request(t.app.http).get('/vocabulary').set('Authorization', t.bearer('auditor1')).expect(200);
    expect(notifications).toContain(`分类派单${vocabulary.notificationChannel.console}`);
    const pages = pdfPageCount(bytes);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(renderedPageCount(bytes, 'dossier')).toBe(pages);
    if (process.env.PDF_PNG_DIR) fs.writeFileSync(`${process.env.PDF_PNG_DIR}/dossier.pdf`, bytes);
  });

  it('Given an audit row edited, then the dossier says so', async () => {
    const { body } = await request(t.app.http).get(`/complaints/${number}/history`).set('Authorization', t.bearer('auditor1')).expect(200);
    const lifecycle = body.instances[0].instance.id;
    await t.app.db.transaction((m) => m.query('UPDATE wf_audit SET actor = ? WHERE scope = ? AND seq = ?', ['intruder', lifecycle, 3]));

    const text = squeezed(pdfText(await pdf(`/complaints/${number}/dossier.pdf`)));

    expect(text).toContain('发现问题：第3行写入后内容被修改');
  });
});

describe('GET /reports/ledger (顾客投诉管理台账)', () => {
  it('Given the finished case, then its ledger line carries the columns of 001 and 003 filled in, as xlsx with a frozen, filterable header', async () => {
    const response = await request(t.app.http).get('/reports/ledger?from=2026-11-01&to=2026-11-30&format=xlsx')
      .set('Authorization', t.bearer('quality1')).buffer(true).parse(binaryParser).expect(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('顾客投诉管理台账')!;
    const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows[0][0]).toBe('顾客投诉管理台账（2026年11月1日至2026年11月30日）');
    const headers = rows[1] as string[];
    for (const column of ['序号', '编号', '登记时间', '登记部门', '登记人', '信息来源', '投诉人', '单位名称', '联系方式', '初步判定', '投诉事由', '顾客要求',
      '要求答复时间', '责任部门', '统计分类（表四）', '处置意见', '原因分析', '处理措施与结果', '纠正和预防措施', '对责任人的处罚意见', '罚款金额（元）',
      '答复情况', '顾客满意度', '结案时间', '回访时间', '完成情况']) expect(headers).toContain(column);
    const line = Object.fromEntries(headers.map((h, i) => [h, rows[2][i]]));
    expect(line).toMatchObject({
      序号: 1, 编号: number, 登记时间: '2026-11-23 09:00', 登记部门: '客户服务部', 信息来源: '客服热线', 投诉人: '王先生', 单位名称: '某小区物业',
      初步判定: '较严重投诉', 投诉事由: '宽带频繁掉线，已持续两天', 顾客要求: '尽快修复', 责任部门: '运维管理部', '统计分类（表四）': '网络传输类／其他',
      原因分析: '光猫老化', 处理措施与结果: '更换光猫', 纠正和预防措施: '纠正：更换光猫；预防：批量排查同批次光猫', '罚款金额（元）': 200,
      顾客满意度: '满意', 响应及时: '是', 解决及时: '是', 完成情况: '已闭环',
    });
    expect(String(line['对责任人的处罚意见'])).toContain('运维管理部 李强：属实，按罚则处罚');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.autoFilter).toBeTruthy();
  });

  it('answers JSON by default; a day outside the range is left out; bad dates are 400; other groups 403', async () => {
    const { body } = await request(t.app.http).get('/reports/ledger?from=2026-11-24&to=2026-11-30').set('Authorization', t.bearer('auditor1')).expect(200);
    expect(body.lines).toEqual([]);
    const bad = await request(t.app.http).get('/reports/ledger?from=2026-11-31x&to=2026-11-30').set('Authorization', t.bearer('auditor1')).expect(400);
    expect(bad.body.fields[0].field).toBe('from');
    await request(t.app.http).get('/reports/ledger?from=2026-11-30&to=2026-11-01').set('Authorization', t.bearer('auditor1')).expect(400);
    await request(t.app.http).get('/reports/ledger?from=2026-11-01&to=2026-11-30').set('Authorization', t.bearer('ops1')).expect(403);
  });
});
