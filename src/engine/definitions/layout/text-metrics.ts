/**
 * Estimates how bpmn-js lays out a label: Arial/Noto at 12 px inside tasks, 11 px outside (events, gateways,
 * flows), line height 1.2. CJK glyphs are one em wide; Latin glyphs are estimated generously so the real text
 * never needs more lines than the label box was given.
 */
export const EMBEDDED_FONT_SIZE = 12;
export const EXTERNAL_FONT_SIZE = 11;
export const LINE_HEIGHT = 1.2;
/** bpmn-js pads task labels by 7 px on every side. */
export const EMBEDDED_PADDING = 7;

export function isWide(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code >= 0x2e80 && !(code >= 0xff61 && code <= 0xffdc);
}

export function characterWidth(character: string, fontSize: number): number {
  if (isWide(character)) return fontSize;
  if (character === ' ') return 0.3 * fontSize;
  if (/[A-Z0-9%@#&mwMW]/.test(character)) return 0.7 * fontSize;
  return 0.56 * fontSize;
}

export function textWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const character of text) width += characterWidth(character, fontSize);
  return width;
}

/** Greedy wrap: words of Latin text stay together when they fit, CJK text breaks between any two characters. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(/[A-Za-z0-9.,:;!?'"()\-_/]+|\s+|./gu) ?? []) {
    const candidate = line + token;
    if (textWidth(candidate, fontSize) <= maxWidth || line === '') {
      line = candidate;
      while (textWidth(line, fontSize) > maxWidth && line.length > 1) {
        // a single token wider than the line: cut it
        let cut = line.length - 1;
        while (cut > 1 && textWidth(line.slice(0, cut), fontSize) > maxWidth) cut -= 1;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    } else {
      lines.push(line.trimEnd());
      line = token.trimStart();
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

export interface TextBox {
  width: number;
  height: number;
  lines: number;
}

/** The box an external label needs when wrapped at maxWidth. */
export function externalLabelBox(text: string, maxWidth: number): TextBox {
  const lines = wrapText(text, maxWidth, EXTERNAL_FONT_SIZE);
  const width = Math.max(...lines.map((line) => textWidth(line, EXTERNAL_FONT_SIZE)));
  return {
    width: Math.ceil(width) + 4,
    height: Math.ceil(lines.length * EXTERNAL_FONT_SIZE * LINE_HEIGHT) + 2,
    lines: lines.length,
  };
}

/**
 * Lines a task name takes inside a box of the given width. Chromium wraps CJK names inside tasks about one
 * character earlier than the glyph widths suggest, so the estimate is made with a slightly larger font.
 */
export function embeddedLineCount(text: string, boxWidth: number): number {
  return wrapText(text, boxWidth - 2 * EMBEDDED_PADDING, EMBEDDED_FONT_SIZE * 1.15).length;
}
