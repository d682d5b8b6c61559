/** Splits a streamed body into JSON lines; a line may arrive in pieces across chunks. */
export class NdjsonLines<T = unknown> {
  private pending = '';

  /** The complete lines this chunk finished, parsed. Blank lines are skipped. */
  push(chunk: string): T[] {
    this.pending += chunk;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as T);
  }

  /** Whatever was left without a final newline. */
  end(): T[] {
    const rest = this.pending.trim();
    this.pending = '';
    return rest ? [JSON.parse(rest) as T] : [];
  }
}
