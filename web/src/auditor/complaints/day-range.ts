/**
 * The instants bounding whole days in Asia/Shanghai: `2026-11-01`…`2026-11-30` → from 2026-10-31T16:00Z to
 * 2026-11-30T16:00Z (exclusive), so a complaint received at 23:30 Beijing time on the last day is included.
 */
export function shanghaiDayRange(firstDay: string, lastDay: string): { from: string; to: string } {
  const start = Date.parse(`${firstDay}T00:00:00+08:00`);
  const end = Date.parse(`${lastDay}T00:00:00+08:00`) + 24 * 60 * 60 * 1000;
  if (Number.isNaN(start) || Number.isNaN(end)) throw new Error(`invalid day range ${firstDay}…${lastDay}`);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}
