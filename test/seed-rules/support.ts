import request from 'supertest';
import { createUser, CreateUserInput } from '../../src/app/identity/users';
import { issueToken } from '../../src/app/identity/tokens';
import { TestApplication } from '../support/app';

/** A further user with a token; returns the Authorization header value. */
export async function extraUser(t: TestApplication, input: CreateUserInput): Promise<string> {
  await createUser(t.app.db, input);
  const issued = await issueToken(t.app.db, { username: input.username });
  return `Bearer ${issued.token}`;
}

/** The caller's open tasks of the complaint-lifecycle process. */
export async function taskList(t: TestApplication, authorization: string, query: Record<string, unknown> = {}) {
  const res = await request(t.app.http).get('/tasks').query({ process: 'complaint-lifecycle', limit: 100, ...query }).set('Authorization', authorization);
  if (res.status !== 200) throw new Error(`GET /tasks failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.items as Array<{ id: string; elementId: string; businessKey: string | null; [key: string]: any }>;
}

export async function history(t: TestApplication, number: string) {
  const res = await request(t.app.http).get(`/complaints/${number}/history`).set('Authorization', t.bearer('auditor1'));
  if (res.status !== 200) throw new Error(`history failed ${res.status}`);
  return res.body as { instances: Array<{ instance: Record<string, any>; entries: Array<{ action: string; after: Record<string, any> | null; elementId: string | null }> }> };
}
