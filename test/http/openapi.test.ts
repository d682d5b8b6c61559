import { Type } from 'class-transformer';
import { IsString, ValidateNested } from 'class-validator';
import request from 'supertest';
import { defineRoute } from '../../src/http/routes';
import { createTestHttpApp, TestHttpApp } from '../support/http';

class ContactInput {
  @IsString() phone: string;
}

class CreateThingInput {
  @IsString() name: string;
  @ValidateNested() @Type(() => ContactInput) contact: ContactInput;
}

const routes = [
  defineRoute({
    method: 'post', path: '/things/:thingId/parts', summary: 'Add a part', tags: ['things'], groups: ['service-desk'],
    body: CreateThingInput, response: { status: 201, description: 'Added' }, errors: { 404: 'No such thing' },
    handler: () => ({}),
  }),
];

describe('API documentation', () => {
  let t: TestHttpApp;
  beforeAll(async () => { t = await createTestHttpApp({ routes }); });
  afterAll(async () => { await t.dispose(); });

  it('serves an OpenAPI 3 document without authentication', async () => {
    const { body: doc } = await request(t.app).get('/openapi.json').expect('Content-Type', /json/).expect(200);
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.info).toEqual({ title: 'complaint-flow API', version: expect.any(String) });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'cf_session' });
    expect(doc.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
  });

  it('describes GET /me with its response schema and GET /healthz as public', async () => {
    const { body: doc } = await request(t.app).get('/openapi.json').expect(200);
    const me = doc.paths['/me'].get;
    expect(me.summary).toEqual(expect.any(String));
    expect(me.security).toBeUndefined();
    expect(me.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ActorView' });
    expect(me.responses['401']).toBeDefined();
    expect(Object.keys(doc.components.schemas.ActorView.properties)).toEqual(
      expect.arrayContaining(['userId', 'username', 'displayName', 'departmentCode', 'groups', 'headOf']));
    expect(doc.paths['/healthz'].get.security).toEqual([]);
  });

  it('builds request bodies, path parameters and error answers from the route declarations', async () => {
    const { body: doc } = await request(t.app).get('/openapi.json').expect(200);
    const operation = doc.paths['/things/{thingId}/parts'].post;
    expect(operation.tags).toEqual(['things']);
    expect(operation.parameters).toEqual([{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(operation.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateThingInput' });
    expect(Object.keys(operation.responses).sort()).toEqual(['201', '400', '401', '403', '404']);
    const schemas = doc.components.schemas;
    expect(schemas.CreateThingInput.required).toEqual(expect.arrayContaining(['name', 'contact']));
    expect(schemas.CreateThingInput.properties.contact).toEqual({ $ref: '#/components/schemas/ContactInput' });
    expect(schemas.ContactInput.properties.phone).toEqual({ type: 'string' });
    expect(schemas.ErrorResponse.properties.fields).toBeDefined();
  });

  it('serves Swagger UI at /docs without authentication', async () => {
    const redirect = await request(t.app).get('/docs');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/docs/');
    const page = await request(t.app).get('/docs/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('swagger-ui');
    const init = await request(t.app).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"/me"');
  });
});
