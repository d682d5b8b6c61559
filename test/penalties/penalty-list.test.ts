import { createTestApplication, TestApplication } from '../support/app';
import { addPerson, api, executedPenalty, insertComplaint, openPenalty, openTask } from './support';

jest.setTimeout(60_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication({ start: '2026-11-23T01:00:00Z' }); });
afterEach(async () => { await t?.dispose(); });

const list = (username: 'ga1' | 'ops1' | 'quality1' | 'desk1', query = '') => api(t).get(`/penalties${query}`).set('Authorization', t.bearer(username));
const ids = (body: { items: Array<{ id: string }> }) => body.items.map((p) => p.id);

describe('who a penalty opinion may be assigned to', () => {
  it('Given department heads of YW and ZL, then only the head of the fined department is a candidate for its opinion', async () => {
    await addPerson(t, { username: 'head-zl', departmentCode: 'ZL', groups: ['dept-head'] });
    const number = await insertComplaint(t);
    const opened = await openPenalty(t, 'desk1', number, { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });
    const opinion = await openTask(t, opened.body.instanceId, 'penaltyOpinion');

    const { body } = await api(t).get(`/tasks/${opinion}/candidates`).set('Authorization', t.bearer('head-yw')).expect(200);

    expect(body.map((c: { username: string }) => c.username)).toEqual(['head-yw']);
  });
});

describe('GET /penalties: the cases a person may see, newest first', () => {
  let first: string;
  let second: string;
  let third: string;
  let complaintA: string;
  let complaintB: string;

  beforeEach(async () => {
    complaintA = await insertComplaint(t);
    complaintB = await insertComplaint(t);
    first = (await executedPenalty(t, complaintA, { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 })).id;
    await t.advance(60_000);
    second = (await openPenalty(t, 'desk1', complaintB, { category: 'serviceConduct', departmentCode: 'ZL', responsiblePerson: '王芳', violations: 2 })).body.id;
    await t.advance(60_000);
    // Charged to both the publishing (YW) and the receiving (ZL) department.
    third = (await executedPenalty(t, complaintB, {
      category: 'informationFlow', departmentCode: 'YW', responsiblePerson: '赵建国', publisherDepartment: 'YW', receiverDepartment: 'ZL',
    })).id;
  });

  it('Given three cases, then general affairs sees all of them with fines and filters by complaint, department and status', async () => {
    const all = (await list('ga1').expect(200)).body;
    expect(ids(all)).toEqual([third, second, first]);
    expect(all.nextCursor).toBeNull();
    expect(all.items[0]).toMatchObject({ complaintNumber: complaintB, status: 'executed', fine: { totalFen: 40000 } });
    expect(all.items[0].fine.entries.map((e: { departmentCode: string }) => e.departmentCode).sort()).toEqual(['YW', 'ZL']);

    expect(ids((await list('ga1', `?complaint=${complaintA}`).expect(200)).body)).toEqual([first]);
    expect(ids((await list('ga1', '?department=ZL').expect(200)).body)).toEqual([second]);
    expect(ids((await list('ga1', '?status=executed').expect(200)).body)).toEqual([third, first]);
  });

  it('Given staff outside the reviewing groups, then each sees the cases of their department or charged to it', async () => {
    expect(ids((await list('ops1').expect(200)).body)).toEqual([third, first]);
    expect(ids((await list('quality1').expect(200)).body)).toEqual([third, second]);
    // A filter does not widen what they see.
    expect(ids((await list('quality1', `?complaint=${complaintA}`).expect(200)).body)).toEqual([]);
  });

  it('Given pages of one, then the cursor walks every case once; bad parameters are 400 on their field', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await list('desk1', `?limit=1${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([third, second, first]);

    for (const [query, field] of [['?status=paid', 'status'], ['?limit=0', 'limit'], ['?department=yw', 'department'], ['?cursor=nonsense', 'cursor']] as const) {
      const answer = await list('ga1', query).expect(400);
      expect(answer.body.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    }
    await api(t).get('/penalties').expect(401);
  });
});
