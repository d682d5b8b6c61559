import fs from 'node:fs';
import path from 'node:path';
import { DemoSeedResult } from '../app/identity';

export interface DemoCredentials {
  [username: string]: { password?: string; token?: string };
}

/**
 * The demo users' credentials are shown only when issued (the database keeps hashes), so `npm start` keeps them
 * in `<dataDir>/demo-credentials.json` (`{ "desk1": { "password": "…", "token": "…" } }`) and, for scripts
 * written against earlier versions, the tokens alone in `<dataDir>/demo-tokens.json`. Both files are mode 600.
 */
export function recordDemoCredentials(dataDir: string, seed: Pick<DemoSeedResult, 'tokens' | 'passwords'>): DemoCredentials {
  const credentialsFile = path.join(dataDir, 'demo-credentials.json');
  const tokensFile = path.join(dataDir, 'demo-tokens.json');
  const credentials = readJson<DemoCredentials>(credentialsFile);
  const tokens = readJson<Record<string, string>>(tokensFile);
  // Tokens issued before demo-credentials.json existed are only in demo-tokens.json.
  for (const [username, token] of Object.entries(tokens)) {
    credentials[username] = { ...credentials[username], token: credentials[username]?.token ?? token };
  }
  for (const { username, token } of seed.tokens) {
    credentials[username] = { ...credentials[username], token };
    tokens[username] = token;
  }
  for (const { username, password } of seed.passwords) credentials[username] = { ...credentials[username], password };

  if (seed.tokens.length > 0 || seed.passwords.length > 0 || !fs.existsSync(credentialsFile)) {
    fs.mkdirSync(dataDir, { recursive: true });
    writeSecretJson(credentialsFile, credentials);
    writeSecretJson(tokensFile, tokens);
  }
  return credentials;
}

function readJson<T extends object>(file: string): T {
  return (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}) as T;
}

function writeSecretJson(file: string, value: object): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
