import request from 'supertest';
import { executedPenalty, insertComplaint } from '../penalties/support';
import { createTestApplication, TestApplication } from '../support/app';
import { binaryParser, pdfText, squeezed } from './pdf-tools';

jest.setTimeout(60_000);

let t: TestApplication;
beforeAll(async () => { t = await createTestApplication({ start: '2026-11-23T01:00:00Z' }); });
afterAll(async () => { await t.dispose(); });

describe('who prints a penalty notice (R/G095-3)', () => {
  it('Given a fine charged to ZL on a complaint that is not ZL\'s, then ZL prints that notice, and nothing else of the complaint', async () => {
    const number = await insertComplaint(t);
    const ownCase = await executedPenalty(t, number, {
      category: 'informationFlow', departmentCode: 'YW', responsiblePerson: '赵建国', publisherDepartment: 'YW', receiverDepartment: 'ZL',
    });
    const otherCase = await executedPenalty(t, number, { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });

    const printed = await request(t.app.http).get(`/penalties/${ownCase.id}/notice.pdf`).set('Authorization', t.bearer('quality1')).buffer(true).parse(binaryParser);
    expect(printed.status).toBe(200);
    const text = squeezed(pdfText(printed.body as Buffer));
    expect(text).toContain('客户投诉处罚通知单');
    expect(text).toContain(number);

    await request(t.app.http).get(`/penalties/${otherCase.id}/notice.pdf`).set('Authorization', t.bearer('quality1')).expect(403);
    await request(t.app.http).get(`/complaints/${number}/forms/registration.pdf`).set('Authorization', t.bearer('quality1')).expect(403);
    await request(t.app.http).get(`/complaints/${number}/dossier.pdf`).set('Authorization', t.bearer('quality1')).expect(403);
  });
});
