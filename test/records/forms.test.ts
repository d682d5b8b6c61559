import fs from 'node:fs';
import request from 'supertest';
import { finishedCase } from '../audit/finished-case';
import { createTestApplication, TestApplication } from '../support/app';
import { binaryParser, pdfPageCount, pdfPages, pdfText, squeezed } from './pdf-tools';

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
    expect(pdfPages(bytes, 'registration')).toHaveLength(1);
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
    for (const part of ['R/G095-1', 'R/G095-2', 'R/G095-3', 'R/G095-4', '五、处理过程记录', '六、审计校验结果', '七、罚款台账记录']) expect(text).toContain(part);
    expect(text).toContain('3条审计链');
    expect(text).toContain('全部完整，未发现删除或篡改');
    expect(text).toContain('分类派单');
    expect(text).toContain('免责返还');
    expect(text).toMatch(/-200.*2026-11/);
    expect(text).toMatch(/240.*2026-12/);
    expect(text).toContain('合计对绩效工资的影响：40元');
    const pages = pdfPageCount(bytes);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(pdfPages(bytes, 'dossier')).toHaveLength(pages);
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
