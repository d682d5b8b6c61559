import { BoundedLogger } from '../../src/engine/bounded-logger';

describe('BoundedLogger', () => {
  it('keeps the newest entries, oldest first, each with the time it was logged and its message as it was then', () => {
    const logger = new BoundedLogger(3, false);
    const before = Date.now();
    const state = { step: 1 };
    logger.log('started', state);
    state.step = 2; // formatted when read: the ring keeps what was passed
    for (const n of [2, 3, 4]) logger.info(`step ${n}`);
    const after = Date.now();

    const entries = logger.get();
    expect(entries.map((e) => e.message)).toEqual(['step 2', 'step 3', 'step 4']);
    expect(entries.map((e) => e.type)).toEqual(['info', 'info', 'info']);
    for (const entry of entries) {
      expect(entry.date).toBeInstanceOf(Date);
      expect(entry.date.getTime()).toBeGreaterThanOrEqual(before);
      expect(entry.date.getTime()).toBeLessThanOrEqual(after);
    }
    expect(logger.size).toBe(3);
  });

  it('rethrows the error it reports, unchanged', () => {
    const logger = new BoundedLogger(5, false);
    const error = new RangeError('stale');
    expect(() => logger.error(error)).toThrow(error);
    expect(logger.get()[0].type).toBe('error');
    expect(logger.get()[0].message).toContain('RangeError: stale');
  });
});
