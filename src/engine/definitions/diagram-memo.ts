import { createHash } from 'node:crypto';

/**
 * Remembers the answers of a pure, costly function of a diagram's text (parsing and checking it takes tens of
 * milliseconds): every start deploys the same diagrams again, and the modeler lints the same text repeatedly. Keyed
 * by a SHA-256 of the text and whatever else the answer depends on; holds the last `capacity` answers and hands out
 * copies, so no caller can change what the next one gets.
 */
export class DiagramMemo<V> {
  private readonly answers = new Map<string, V>();

  constructor(private readonly capacity = 64) {}

  /** `keep` decides whether an answer may be remembered (not when a check crashed half-way, say). */
  async get(parts: unknown[], compute: () => Promise<V>, keep: () => boolean = () => true): Promise<V> {
    const key = createHash('sha256').update(JSON.stringify(parts)).digest('base64');
    const known = this.answers.get(key);
    if (known !== undefined) {
      this.answers.delete(key);
      this.answers.set(key, known);
      return structuredClone(known);
    }
    const answer = await compute();
    if (keep()) {
      if (this.answers.size >= this.capacity) this.answers.delete(this.answers.keys().next().value!);
      this.answers.set(key, structuredClone(answer));
    }
    return answer;
  }
}
