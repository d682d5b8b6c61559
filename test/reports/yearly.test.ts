import ExcelJS from 'exceljs';
import request from 'supertest';
import { ComplaintRow } from '../../src/persistence/entities/complaint';
import { complaintRow, insertComplaints } from '../audit/support';
import { complete, openTask, register, registrationBody } from '../complaints/support';
import { createTestApplication, TestApplication } from '../support/app';
import { pdfText, squeezed } from '../records/pdf-tools';

jest.setTimeout(60_000);

let t: TestApplication;
beforeAll(async () => { t = await createTestApplication({ start: '2026-11-23T01:00:00Z' }); });
afterAll(async () => { await t.dispose(); });

const get = (path: string, user: Parameters<TestApplication['bearer']>[0] = 'quality1') => request(t.app.http).get(path).set('Authorization', t.bearer(user));
const binary = (res: any, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the 表四 group on the dispatch form', () => {
  it('Given the dispatch task, then its form offers every place of 表四 from config/report-groups.json, and the choice is stored on the complaint and counted there', async () => {
    const registered = await register(t, registrationBody({ content: '机顶盒开机黑屏' }));
    const task = await openTask(t, registered.number, 'dispatch', 'desk1');
    const { body: detail } = await get(`/tasks/${task.id}`, 'desk1').expect(200);
    const field = detail.form.find((f: any) => f.id === 'reportGroup');
    expect(field.type).toBe('enum');
    expect(field.values).toHaveLength(21);
    expect(field.values).toContainEqual({ id: 'setTopBox.boxFault', name: '机顶盒类／机顶盒故障' });
    expect(field.values).toContainEqual({ id: 'policyPublicity', name: '政策宣传类' });

    await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'YW', reportGroup: 'setTopBox.boxFault' });

    const row = await t.app.db.read((m) => m.getRepository(ComplaintRow).findOneByOrFail({ number: registered.number }));
    expect(row.reportGroup).toBe('setTopBox.boxFault');
    expect((await get(`/complaints/${registered.number}`, 'desk1').expect(200)).body.reportGroup).toBe('setTopBox.boxFault');
    const { body: report } = await get('/reports/monthly?month=2026-11').expect(200);
    const boxFault = report.tableFour.rows.find((r: any) => r.item === '机顶盒故障');
    expect(boxFault).toMatchObject({ group: '机顶盒类', count: 1, contents: `${registered.number} 机顶盒开机黑屏` });
  });

  it('Given an unknown group, then dispatching is refused with 400 naming the field and nothing is stored', async () => {
    const registered = await register(t);
    const task = await openTask(t, registered.number, 'dispatch', 'desk1');
    await request(t.app.http).post(`/tasks/${task.id}/claim`).set('Authorization', t.bearer('desk1')).send({}).expect(200);

    const refused = await request(t.app.http).post(`/tasks/${task.id}/complete`).set('Authorization', t.bearer('desk1'))
      .send({ data: { responsibleDept: 'YW', reportGroup: 'broadband.nowhere' } }).expect(400);

    expect(refused.body.fields.map((f: any) => f.field)).toEqual(['data.reportGroup']);
    const row = await t.app.db.read((m) => m.getRepository(ComplaintRow).findOneByOrFail({ number: registered.number }));
    expect([row.reportGroup, row.status]).toEqual([null, 'registered']);
  });

  it('A diagram whose enum field names an option source no module provides is refused at deployment', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://t">
  <bpmn:process id="optionsFlow" isExecutable="true">
    <bpmn:startEvent id="s" name="开始" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="pick" />
    <bpmn:userTask id="pick" name="选择" camunda:candidateGroups="service-desk">
      <bpmn:extensionElements><camunda:formData>
        <camunda:formField id="choice" label="选项" type="enum"><camunda:properties><camunda:property id="options" value="nowhere" /></camunda:properties></camunda:formField>
      </camunda:formData></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="pick" targetRef="e" />
    <bpmn:endEvent id="e" name="结束" />
  </bpmn:process>
</bpmn:definitions>`;
    await expect(t.app.engine.deploy('optionsFlow', xml, 'owner1')).rejects.toMatchObject({
      fields: [expect.objectContaining({ messages: [expect.stringContaining('takes its values from "nowhere", which is not a known option list')] })],
    });
    await t.app.engine.deploy('optionsFlow', xml.replace('value="nowhere"', 'value="report-groups"'), 'owner1');
  });
});

describe('GET /reports/yearly', () => {
  beforeAll(async () => {
    const at = (iso: string) => new Date(iso);
    await insertComplaints(t.app, [
      complaintRow({ receivedAt: at('2025-12-31T15:59:00Z'), reportGroup: 'broadband.slow', registeringDeptCode: 'SC' }), // 2025-12-31 23:59 Shanghai
      complaintRow({ receivedAt: at('2025-12-31T16:00:00Z'), reportGroup: 'broadband.slow', registeringDeptCode: 'SC' }), // 2026-01-01 00:00 Shanghai
      complaintRow({ receivedAt: at('2026-03-10T02:00:00Z'), reportGroup: 'broadband.slow', registeringDeptCode: 'SC', content: '晚上网速慢' }),
      complaintRow({ receivedAt: at('2026-03-11T02:00:00Z'), category: 'serviceAttitude', registeringDeptCode: 'SC' }),
      complaintRow({ receivedAt: at('2026-07-01T02:00:00Z'), kind: 'suggestion', registeringDeptCode: 'SC' }),
    ]);
  });

  it('Given complaints over the year, then the summary counts the year in Asia/Shanghai with 表四 and the monthly trend per group', async () => {
    const { body } = await get('/reports/yearly?year=2026').expect(200);

    expect(body.year).toBe(2026);
    expect(body.from).toBe('2025-12-31T16:00:00.000Z');
    expect(body.tableFour.period).toBe('（1月1日至12月31日）');
    const slow = body.tableFour.rows.find((r: any) => r.item === '网速慢');
    expect(slow.count).toBe(2);
    expect(slow.contents).toContain('晚上网速慢');
    const trend = Object.fromEntries(body.trend.map((m: any) => [m.month, m]));
    expect(body.trend).toHaveLength(12);
    expect(trend['2026-01'].groups.broadband).toBe(1);
    expect(trend['2026-03'].groups).toMatchObject({ broadband: 1, serviceConduct: 1 });
    expect(trend['2026-07'].figures.total).toBe(1);
    expect(trend['2026-11'].groups).toMatchObject({ setTopBox: 1, networkTransmission: 1 });
    expect(trend['2026-07'].groups.other).toBe(0); // a suggestion is no complaint in 表四
    expect(body.tableFour.overall).toMatch(/^2026年共受理客户投诉、建议和咨询\d+件/);
    expect(body.tableFour.overall).toContain('与2025年（1件）相比');
  });

  it('?format=xlsx answers the summary workbook; ?format=csv the same tables; bad years are 400, other groups 403', async () => {
    const response = await get('/reports/yearly?year=2026&format=xlsx').buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['年度概览', '年度统计表四', '月度趋势', '分类月度趋势', '按责任部门', '按严重程度', '罚款与返还']);
    const rows = (name: string) => (workbook.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows('分类月度趋势')[0]).toEqual(['类型', '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '全年']);
    const broadband = rows('分类月度趋势').find((r) => r[0] === '宽带故障类')!;
    expect([broadband[1], broadband[3], broadband[13]]).toEqual([1, 1, 2]);

    const csv = await get('/reports/yearly?year=2026&format=csv').buffer(true).parse(binary).expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text).toContain('年度统计表四\r\n客户投诉信息统计表\r\n（1月1日至12月31日）\r\n');
    expect(text).toContain('宽带故障类,1,0,1,0,0,0,0,0,0,0,0,0,2');

    const pdf = await get('/reports/yearly?year=2026&format=pdf').buffer(true).parse(binary).expect(200);
    const printed = squeezed(pdfText(pdf.body as Buffer));
    expect(printed).toContain('2026年度（1月1日至12月31日）');
    expect(printed).toContain('各类型投诉月度分布');
    expect(printed).toContain('宽带故障类1010000000002'); // January, March, the year

    expect((await get('/reports/yearly?year=26').expect(400)).body.fields[0].field).toBe('year');
    await get('/reports/yearly?year=2026', 'ops1').expect(403);
  });
});
