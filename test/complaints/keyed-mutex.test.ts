import { KeyedMutex } from '../../src/app/keyed-mutex';

describe('KeyedMutex (twins of one idempotent registration take turns)', () => {
  it('runs work under the same key one after the other, and other keys alongside', async () => {
    const turns = new KeyedMutex();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const first = turns.runExclusive('a', async () => { log.push('a1 start'); await gate; log.push('a1 end'); });
    const second = turns.runExclusive('a', async () => { log.push('a2'); });
    const other = turns.runExclusive('b', async () => { log.push('b'); });
    await other;
    expect(log).toEqual(['a1 start', 'b']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
    expect(turns.size).toBe(0);
  });

  it('lets the next holder run after a failure, and forgets the key', async () => {
    const turns = new KeyedMutex();
    await expect(turns.runExclusive('k', async () => { throw new Error('refused'); })).rejects.toThrow('refused');
    await expect(turns.runExclusive('k', async () => 'next')).resolves.toBe('next');
    expect(turns.size).toBe(0);
  });
});
