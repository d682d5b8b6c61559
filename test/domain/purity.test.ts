import fs from 'node:fs';
import path from 'node:path';

describe('the domain layer stays pure', () => {
  it('imports only node built-ins, dayjs, chinese-days and its own modules', () => {
    const dir = path.join(__dirname, '..', '..', 'src', 'domain');
    const allowed = /^(\.\/|node:|dayjs(\/|$)|chinese-days(\/|$))/;
    const offending: string[] = [];
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const match of source.matchAll(/(?:from\s+|require\(|import\()\s*['"]([^'"]+)['"]/g)) {
        if (!allowed.test(match[1])) offending.push(`${file}: ${match[1]}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
