import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { ConflictError } from '../../src/domain/errors';
import { defineRoute } from '../../src/http/routes';
import { createTestHttpApp, TestHttpApp } from '../support/http';

class ComplainantInput {
  @IsString() @IsNotEmpty() name: string;
  @Matches(/^1\d{10}$/, { message: 'phone must be an 11-digit mobile number' }) phone: string;
}

class AttachmentInput {
  @IsString() @IsNotEmpty() fileName: string;
}

class RegisterComplaintInput {
  @ValidateNested() @Type(() => ComplainantInput) complainant: ComplainantInput;
  @IsString() @IsNotEmpty() content: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => AttachmentInput) attachments?: AttachmentInput[];
}

class PageQuery {
  @IsOptional() @IsInt() @Min(1) @Max(100) limit?: number;
}

const testRoutes = [
  defineRoute({
    method: 'post', path: '/test/complaints', summary: 'Register (test)', body: RegisterComplaintInput,
    response: { status: 201, description: 'Registered' },
    handler: ({ body, actor }) => ({ isDto: body instanceof RegisterComplaintInput, by: actor.username, body }),
  }),
  defineRoute({
    method: 'get', path: '/test/page', summary: 'Page (test)', query: PageQuery, response: { description: 'The page' },
    handler: ({ query }) => ({ limit: query.limit ?? null }),
  }),
  defineRoute({
    method: 'delete', path: '/test/things/:thingId', summary: 'Delete (test)', response: { status: 204, description: 'Gone' },
    handler: () => undefined,
  }),
  defineRoute({
    method: 'get', path: '/test/things/:thingId', summary: 'Read (test)', response: { description: 'The thing' },
    handler: ({ params }) => ({ id: params.thingId }),
  }),
  defineRoute({
    method: 'post', path: '/test/conflict', summary: 'Conflict (test)', response: { description: 'never' },
    handler: () => { throw new ConflictError('Task already claimed by ops1', 'task_claimed'); },
  }),
  defineRoute({
    method: 'get', path: '/test/crash', summary: 'Crash (test)', response: { description: 'never' },
    handler: () => { throw new Error('secret internals'); },
  }),
  defineRoute({
    method: 'get', path: '/test/crash-async', summary: 'Async crash (test)', response: { description: 'never' },
    handler: async () => { await Promise.resolve(); return (undefined as unknown as { x: number }).x; },
  }),
  defineRoute({
    method: 'get', path: '/test/owners', summary: 'Owners only (test)', groups: ['process-owner'], response: { description: 'ok' },
    handler: ({ actor }) => ({ owner: actor.username }),
  }),
];

const validComplaint = { complainant: { name: '李先生', phone: '13800138000' }, content: '宽带频繁掉线' };

describe('routes declared with defineRoute', () => {
  let t: TestHttpApp;
  beforeAll(async () => { t = await createTestHttpApp({ routes: testRoutes }); });
  afterAll(async () => { await t.dispose(); });

  it('passes a valid body to the handler as a DTO instance and answers with the declared status', async () => {
    const response = await request(t.app).post('/test/complaints').set('Authorization', t.bearer('desk1'))
      .send(validComplaint).expect(201);
    expect(response.body).toEqual({ isDto: true, by: 'desk1', body: validComplaint });
  });

  it('requires a token on routes that do not say auth: false', async () => {
    await request(t.app).post('/test/complaints').send(validComplaint).expect(401);
  });

  it('answers 400 with one entry per invalid field, nested fields as dotted paths', async () => {
    const response = await request(t.app).post('/test/complaints').set('Authorization', t.bearer('desk1'))
      .send({ complainant: { name: '', phone: '12345' }, attachments: [{ fileName: 'a.jpg' }, {}], extra: true })
      .expect(400);
    expect(response.body).toEqual({ error: 'validation_failed', message: expect.any(String), fields: expect.any(Array) });
    const fields = Object.fromEntries(response.body.fields.map((f: { field: string; messages: string[] }) => [f.field, f.messages]));
    expect(Object.keys(fields).sort()).toEqual(['attachments.1.fileName', 'complainant.name', 'complainant.phone', 'content', 'extra']);
    expect(fields['complainant.phone']).toEqual(['phone must be an 11-digit mobile number']);
    expect(fields.extra).toEqual(['property extra should not exist']);
  });

  it('rejects unknown nested fields', async () => {
    const response = await request(t.app).post('/test/complaints').set('Authorization', t.bearer('desk1'))
      .send({ ...validComplaint, complainant: { ...validComplaint.complainant, wechat: 'li' } }).expect(400);
    expect(response.body.fields).toEqual([{ field: 'complainant.wechat', messages: ['property wechat should not exist'] }]);
  });

  it('answers 400 malformed_json for a body that is not JSON', async () => {
    const response = await request(t.app).post('/test/complaints').set('Authorization', t.bearer('desk1'))
      .set('Content-Type', 'application/json').send('{"complainant": {"name": "李先生",').expect(400);
    expect(response.body).toEqual({ error: 'malformed_json', message: expect.any(String) });
  });

  it('answers 400 when the body is missing or not sent as JSON', async () => {
    const missing = await request(t.app).post('/test/complaints').set('Authorization', t.bearer('desk1')).expect(400);
    expect(missing.body.error).toBe('validation_failed');
    await request(t.app).post('/test/complaints').set('Authorization', t.bearer('desk1'))
      .set('Content-Type', 'text/plain').send(JSON.stringify(validComplaint)).expect(400);
    await request(t.app).post('/test/complaints').set('Authorization', t.bearer('desk1')).send([validComplaint]).expect(400);
  });

  it('answers 413 for a body over the size limit', async () => {
    const response = await request(t.app).post('/test/complaints').set('Authorization', t.bearer('desk1'))
      .send({ ...validComplaint, content: 'x'.repeat(2 * 1024 * 1024) }).expect(413);
    expect(response.body.error).toBe('payload_too_large');
  });

  it('validates and converts query parameters', async () => {
    const ok = await request(t.app).get('/test/page?limit=20').set('Authorization', t.bearer('desk1')).expect(200);
    expect(ok.body).toEqual({ limit: 20 });
    const bad = await request(t.app).get('/test/page?limit=500&sort=x').set('Authorization', t.bearer('desk1')).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit', 'sort']);
  });

  it('passes path parameters and answers 204 when the handler returns nothing', async () => {
    const read = await request(t.app).get('/test/things/2026KF001').set('Authorization', t.bearer('desk1')).expect(200);
    expect(read.body).toEqual({ id: '2026KF001' });
    const deleted = await request(t.app).delete('/test/things/2026KF001').set('Authorization', t.bearer('desk1')).expect(204);
    expect(deleted.text).toBe('');
  });

  it('answers 403 to callers outside the route groups', async () => {
    const response = await request(t.app).get('/test/owners').set('Authorization', t.bearer('desk1')).expect(403);
    expect(response.body.error).toBe('forbidden');
    await request(t.app).get('/test/owners').set('Authorization', t.bearer('owner1')).expect(200, { owner: 'owner1' });
  });

  it('maps a ConflictError to 409 with its code and message', async () => {
    const response = await request(t.app).post('/test/conflict').set('Authorization', t.bearer('ops1')).expect(409);
    expect(response.body).toEqual({ error: 'task_claimed', message: 'Task already claimed by ops1' });
  });

  it('answers unexpected errors with a generic 500, logs them and keeps serving', async () => {
    for (const path of ['/test/crash', '/test/crash-async']) {
      const response = await request(t.app).get(path).set('Authorization', t.bearer('ops1')).expect(500);
      expect(response.body).toEqual({ error: 'internal_error', message: 'Internal server error' });
      expect(JSON.stringify(response.body)).not.toContain('secret internals');
    }
    expect(t.loggedErrors.map((entry) => entry.message)).toEqual([
      expect.stringContaining('/test/crash'), expect.stringContaining('/test/crash-async'),
    ]);
    await request(t.app).get('/me').set('Authorization', t.bearer('ops1')).expect(200);
  });
});
