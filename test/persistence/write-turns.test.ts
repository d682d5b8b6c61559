import { WriteSlots, WriteTurns } from '../../src/persistence/write-turns';

/** The order waiting writes take their turn in: registrations first, yet no completion or timer waits for ever. */
describe('write turns', () => {
  let now: number;
  const turns = () => new WriteTurns<string>(2000, () => now);
  const drain = (queue: WriteTurns<string>) => {
    const order: string[] = [];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) order.push(next);
    return order;
  };

  beforeEach(() => { now = 0; });

  it('Given normal writes waiting, then an urgent one goes before them and after the urgent ones queued earlier', () => {
    const queue = turns();
    queue.push('n1', 'normal');
    queue.push('n2', 'normal');
    queue.push('u1', 'urgent');
    queue.push('n3', 'normal');
    queue.push('u2', 'urgent');
    expect(drain(queue)).toEqual(['u1', 'u2', 'n1', 'n2', 'n3']);
  });

  it('Given a normal write that has waited 2 s, then urgent writes that come later no longer go before it', () => {
    const queue = turns();
    queue.push('n1', 'normal');
    now = 1500;
    queue.push('n2', 'normal');
    now = 2000;
    queue.push('u1', 'urgent'); // n1 waited 2 s: u1 goes after it, still before n2
    now = 5000;
    queue.push('u2', 'urgent'); // now both did: u2 goes last
    expect(drain(queue)).toEqual(['n1', 'u1', 'n2', 'u2']);
  });

  it('Given a steady stream of urgent writes, then a normal write still gets its turn within the limit', () => {
    const queue = turns();
    queue.push('normal', 'normal');
    const started: string[] = [];
    for (let i = 0; i < 100; i++) {
      now = i * 100; // an urgent write every 100 ms; one write runs every 100 ms
      queue.push(`u${i}`, 'urgent');
      started.push(queue.shift()!);
      if (started.includes('normal')) break;
    }
    expect(started.indexOf('normal')).toBe(20); // 20 urgent writes in the 2 s it may be overtaken, then its turn
  });
});

describe('write slots', () => {
  it('Given every slot taken, then waiting writes run as slots come free, urgent ones first', async () => {
    const slots = new WriteSlots(2);
    const releases: Array<() => void> = [];
    const order: string[] = [];
    const write = (label: string, urgency: 'urgent' | 'normal') => slots.run(async () => {
      order.push(label);
      await new Promise<void>((resolve) => releases.push(resolve));
    }, urgency);

    const running = [write('a', 'normal'), write('b', 'normal'), write('n1', 'normal'), write('u1', 'urgent')];
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b']);

    releases[0]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b', 'u1']);
    releases[1]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b', 'u1', 'n1']);

    // Both remaining writes end: the slots are free again and a new write starts at once.
    releases[2]();
    releases[3]();
    await Promise.all(running);
    const late = write('late', 'normal');
    await new Promise((resolve) => setImmediate(resolve));
    expect(order.at(-1)).toBe('late');
    releases[4]();
    await late;
  });

  it('Given a write that fails, then its slot is given back', async () => {
    const slots = new WriteSlots(1);
    await expect(slots.run(async () => { throw new Error('refused'); }, 'normal')).rejects.toThrow('refused');
    await expect(slots.run(async () => 'ran', 'normal')).resolves.toBe('ran');
  });
});
