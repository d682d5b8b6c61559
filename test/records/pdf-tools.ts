import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The PDF's text as poppler's pdftotext reads it (layout kept), pages separated by form feeds. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}

/**
 * Renders every page with pdftoppm and counts the pictures it made. They are kept in PDF_PNG_DIR when that is set,
 * for looking at them; otherwise the temporary folder goes again.
 */
export function renderedPageCount(pdf: Buffer, name: string, dpi = 60): number {
  const keep = process.env.PDF_PNG_DIR;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-pages-'));
  try {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-', path.join(dir, name)], { input: pdf });
    return fs.readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).length;
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfPageCount(pdf: Buffer): number {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** Text without the spaces pdftotext puts between table cells, so a phrase split over cells still matches. */
export function squeezed(text: string): string {
  return text.replace(/[ \t\u3000]+/g, '');
}

export const binaryParser = (res: any, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
