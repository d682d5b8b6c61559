import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { PROJECT_ROOT } from '../../src/config';
import { createTestApplication, TestApplication } from '../support/app';

jest.setTimeout(60_000);
const run = promisify(execFile);

// @apidevtools/swagger-parser is ES modules through and through; Node loads it directly, jest would need it transpiled.
const VALIDATE = `require('@apidevtools/swagger-parser').validate(process.argv[1])
  .then(() => console.log('valid'), (error) => { console.log(error.message); process.exit(1); })`;

let t: TestApplication;
let doc: any;
beforeAll(async () => {
  t = await createTestApplication();
  doc = (await request(t.app.http).get('/openapi.json').expect(200)).body;
});
afterAll(async () => { await t?.dispose(); });

describe('the OpenAPI document of the whole application', () => {
  it('Given /openapi.json, then swagger-parser validates it as OpenAPI 3.0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-oas-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));

    const outcome = await run(process.execPath, ['-e', VALIDATE, file], { cwd: PROJECT_ROOT })
      .catch((error: { stdout: string }) => ({ stdout: error.stdout }))
      .finally(() => fs.rmSync(dir, { recursive: true, force: true }));

    expect(outcome.stdout.trim()).toBe('valid');
    expect(doc.openapi).toBe('3.0.3');
    expect(JSON.stringify(doc)).not.toContain('"type":"null"');
  });

  it('Given the deployment route, then its BPMN XML request body is described', () => {
    const deploy = doc.paths['/processes/{key}/versions'].post;
    expect(Object.keys(deploy.requestBody.content)).toEqual(['application/xml', 'text/xml']);
    expect(deploy.requestBody.content['application/xml'].schema).toEqual({ type: 'string' });
    expect(Object.keys(doc.paths['/processes/{key}/versions/{version}'].get.responses['200'].content)).toEqual(['application/json', 'application/xml']);
  });

  it('Given the monthly report, then its xlsx and csv answers are described', () => {
    const content = doc.paths['/reports/monthly'].get.responses['200'].content;
    expect(content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema).toEqual({ type: 'string', format: 'binary' });
    expect(content['text/csv'].schema).toEqual({ type: 'string' });
    expect(content['application/json'].schema).toEqual({ $ref: '#/components/schemas/MonthlyReportView' });
  });

  it('Given the registration body, then the complainant is a plain reference and required', () => {
    const body = doc.components.schemas.RegisterComplaintBody;
    expect(body.properties.complainant).toEqual({ $ref: '#/components/schemas/ComplainantBody' });
    expect(body.required).toContain('complainant');
  });
});
