/** Latency samples per route, in milliseconds. */
export class Latencies {
  private readonly samples = new Map<string, number[]>();

  add(route: string, ms: number): void {
    let list = this.samples.get(route);
    if (!list) this.samples.set(route, (list = []));
    list.push(ms);
  }

  get requests(): number {
    let total = 0;
    for (const list of this.samples.values()) total += list.length;
    return total;
  }

  summary(): { route: string; count: number; p50: number; p99: number }[] {
    return [...this.samples.entries()].sort(([a], [b]) => a.localeCompare(b))
      .map(([route, list]) => ({ route, count: list.length, p50: percentile(list, 0.5), p99: percentile(list, 0.99) }));
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
