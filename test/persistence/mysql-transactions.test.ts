import { openDatabase, parseDbUrl } from '../../src/persistence/database';
import { freshDatabaseUrl, TEST_DB } from '../support/database';
import { until } from '../support/until';

/**
 * How many write transactions a process runs at once on MySQL/MariaDB: 4 unless DB_URL says `?transactions=N`. The
 * rest wait their turn (urgent ones first, see write-urgency.test.ts).
 */
describe('MySQL write transactions at once', () => {
  it('are 4 unless the URL asks for another number, which the driver never sees', () => {
    expect(parseDbUrl('mysql://root@127.0.0.1:3306/cf')).toMatchObject({ target: 'mysql://root@127.0.0.1:3306/cf', mysqlTransactions: 4 });
    expect(parseDbUrl('mariadb://u:p%40ss@db:3306/cf?transactions=8&charset=utf8mb4')).toMatchObject({
      target: 'mysql://u:p%40ss@db:3306/cf?charset=utf8mb4', databaseName: 'cf', mysqlTransactions: 8,
    });
    for (const wrong of ['0', '17', '2.5', 'many', '']) {
      expect(() => parseDbUrl(`mysql://root@127.0.0.1:3306/cf?transactions=${wrong}`)).toThrow('transactions must be a whole number from 1 to 16');
    }
  });

  (TEST_DB === 'mariadb' ? it : it.skip)('run no more at once than the URL allows; the next starts when one ends', async () => {
    const { url, drop } = freshDatabaseUrl();
    const db = await openDatabase(`${url}?transactions=2`);
    try {
      expect(db.concurrentWriters).toBe(2);
      const running = new Set<number>();
      let most = 0;
      const releases = new Map<number, () => void>();
      const transactions = [1, 2, 3].map((n) => db.transaction(async (m) => {
        const released = new Promise<void>((resolve) => releases.set(n, resolve));
        running.add(n);
        most = Math.max(most, running.size);
        await m.query('SELECT 1');
        await released;
        running.delete(n);
      }));
      await until(() => running.size === 2, 'two transactions run');
      await new Promise((resolve) => setTimeout(resolve, 100)); // time for a third, were it let in
      const first = [...running].sort();
      expect(first).toHaveLength(2);
      const waiting = [1, 2, 3].find((n) => !first.includes(n))!;

      releases.get(first[0])!();
      await transactions[first[0] - 1];
      await until(() => running.has(waiting), 'the waiting transaction began');
      expect([...running].sort()).toEqual([first[1], waiting].sort());

      for (const n of [first[1], waiting]) releases.get(n)!();
      await Promise.all(transactions);
      expect(most).toBe(2);
    } finally {
      await db.close();
      await drop();
    }
  });
});
