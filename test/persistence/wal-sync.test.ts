import { WalSync } from '../../src/persistence/wal-sync';

/** A datasync whose calls each wait until the test finishes them, in order. */
function controlledDatasync() {
  const pending: Array<{ finish: () => void; fail: (error: Error) => void }> = [];
  const datasync = () => new Promise<void>((resolve, reject) => { pending.push({ finish: resolve, fail: reject }); });
  return { datasync, pending };
}

const settled = async () => { for (let i = 0; i < 5; i++) await Promise.resolve(); };

describe('WalSync (when SQLite commits count as durable)', () => {
  it('Given a sync under way, then a caller waits for the next one, and callers arriving meanwhile share it', async () => {
    const { datasync, pending } = controlledDatasync();
    const wal = new WalSync('/unused', datasync);
    const done: string[] = [];
    const first = wal.sync().then(() => done.push('first'));
    const second = wal.sync().then(() => done.push('second'));
    const third = wal.sync().then(() => done.push('third'));
    await settled();
    expect(pending).toHaveLength(1);

    pending[0].finish();
    await settled();
    expect(done).toEqual(['first']); // the second and third committed after the first sync started
    expect(pending).toHaveLength(2);

    pending[1].finish();
    await Promise.all([first, second, third]);
    expect(done).toEqual(['first', 'second', 'third']);
    expect(pending).toHaveLength(2);
  });

  it('Given a failed sync, then its callers are told, and the next caller gets a sync of its own', async () => {
    const { datasync, pending } = controlledDatasync();
    const wal = new WalSync('/unused', datasync);
    const failed = wal.sync();
    await settled();
    pending[0].fail(new Error('EIO'));
    await expect(failed).rejects.toThrow('EIO');

    const next = wal.sync();
    await settled();
    expect(pending).toHaveLength(2);
    pending[1].finish();
    await expect(next).resolves.toBeUndefined();
  });

  it('Given a log file that cannot be opened, then sync fails instead of answering as if durable', async () => {
    await expect(new WalSync('/nonexistent/dir/db.sqlite-wal').sync()).rejects.toThrow(/ENOENT/);
  });
});
