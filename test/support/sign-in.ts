import type { Express } from 'express';
import request from 'supertest';
import { setPassword } from '../../src/app/identity';
import { Database } from '../../src/persistence/database';

export interface ConsoleSignIn {
  /** `cf_session=…` for `.set('Cookie', …)`. */
  cookie: string;
  csrfToken: string;
  password: string;
}

/** Gives the user a fresh password and signs in through POST /auth/login, as the console does. */
export async function signInToConsole(app: Express, db: Database, username: string): Promise<ConsoleSignIn> {
  const { password } = await setPassword(db, { username });
  const response = await request(app).post('/auth/login').send({ username, password }).expect(200);
  return { cookie: sessionCookieOf(response.headers['set-cookie']), csrfToken: response.body.csrfToken, password };
}

/** The `cf_session=<id>` pair of a Set-Cookie header. */
export function sessionCookieOf(setCookie: string | string[] | undefined): string {
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const header = headers.find((value) => value.startsWith('cf_session='));
  if (!header) throw new Error(`no cf_session cookie in ${JSON.stringify(setCookie)}`);
  return header.split(';')[0];
}
