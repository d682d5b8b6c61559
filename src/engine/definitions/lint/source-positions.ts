export interface SourcePosition {
  line: number;
  column: number;
}

/** Comments, CDATA and processing instructions are matched (and skipped) so that ids inside them are not indexed. */
const MARKUP = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<[A-Za-z_][^\s/>]*((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
const ID_ATTRIBUTE = /(?:^|\s)id\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** Positions in an XML text: of offsets, and of the start tag of each element by its `id` attribute (first one wins). */
export class SourcePositions {
  private readonly lineStarts: number[] = [0];
  private readonly elements = new Map<string, SourcePosition>();

  constructor(xml: string) {
    for (let i = 0; i < xml.length; i++) {
      if (xml[i] === '\n') this.lineStarts.push(i + 1);
    }
    for (const match of xml.matchAll(MARKUP)) {
      const attributes = match[1];
      const id = attributes === undefined ? undefined : ID_ATTRIBUTE.exec(attributes);
      const value = id?.[1] ?? id?.[2];
      if (value !== undefined && !this.elements.has(value)) {
        this.elements.set(value, this.ofOffset(match.index ?? 0));
      }
    }
  }

  ofElement(id: string | undefined): SourcePosition | undefined {
    return id === undefined ? undefined : this.elements.get(id);
  }

  ofOffset(offset: number): SourcePosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }
}
