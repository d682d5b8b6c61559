import { shanghaiDayRange } from '../../../web/src/auditor/complaints/day-range';

describe('shanghaiDayRange', () => {
  it('covers whole Beijing days, the last one included', () => {
    expect(shanghaiDayRange('2026-11-01', '2026-11-30')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
  });
  it('refuses text that is not a day', () => {
    expect(() => shanghaiDayRange('2026-13-01', '2026-11-30')).toThrow('invalid day range');
  });
});
