import fs from 'node:fs';
import path from 'node:path';
import type PDFKitDocument from 'pdfkit';

/** Noto Sans Hans from @embedpdf/fonts-sc; pdfkit embeds only the glyphs a document uses (subset). */
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
// pdfkit's own font engine: parsing an 8 MB OTF takes most of a second, so the parsed fonts are shared by every
// document (pdfkit accepts a parsed font and still embeds a per-document subset). Loaded with the first PDF, as
// pdfkit is (below).
let parsed: { regular: unknown; bold: unknown } | undefined;
function fonts(): { regular: unknown; bold: unknown } {
  if (!parsed) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fontkit = require('fontkit') as { create(data: Uint8Array): unknown };
    parsed = {
      regular: fontkit.create(fs.readFileSync(path.join(FONT_DIR, 'NotoSansHans-Regular.otf'))),
      bold: fontkit.create(fs.readFileSync(path.join(FONT_DIR, 'NotoSansHans-Bold.otf'))),
    };
  }
  return parsed;
}

export type Doc = PDFKit.PDFDocument;

export interface FormCell {
  text: string;
  /** Share of the table width; the cells of a row add up to 1. */
  width: number;
  /** A printed label of the form (shaded, centred) rather than a filled-in value. */
  label?: boolean;
  align?: 'left' | 'center' | 'right';
}

export interface FormRow {
  cells: FormCell[];
  /** At least this tall (points), for boxes the seed leaves room in. */
  minHeight?: number;
}

const PAD = 5;
const FONT_SIZE = 10.5;
const LABEL_SIZE = 10;

let pdfDocumentClass: typeof PDFKitDocument | undefined;

/** pdfkit is loaded on the first PDF, not at start-up (it adds some 20 MB to a server that may never print). */
function PDFDocument(): typeof PDFKitDocument {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pdfDocumentClass ??= require('pdfkit') as typeof PDFKitDocument;
  return pdfDocumentClass;
}

/** An A4 document with the CJK font registered as `cjk` and `cjk-bold`, and metadata for filing. */
export function newDocument(title: string, options: { landscape?: boolean } = {}): Doc {
  const doc = new (PDFDocument())({
    size: 'A4', layout: options.landscape ? 'landscape' : 'portrait', margins: { top: 50, bottom: 50, left: 56, right: 56 },
    info: { Title: title, Creator: 'complaint-flow', Producer: 'complaint-flow' }, bufferPages: true, autoFirstPage: true,
  });
  const { regular: r, bold: b } = fonts();
  doc.registerFont('cjk', r as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('cjk-bold', b as PDFKit.Mixins.PDFFontSource);
  doc.font('cjk').fontSize(FONT_SIZE);
  return doc;
}

/** The whole document as bytes. */
export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    addPageNumbers(doc);
    doc.end();
  });
}

function addPageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.height - 32;
    const { left, right, bottom: margin } = doc.page.margins;
    doc.page.margins.bottom = 0; // writing inside the bottom margin must not start a new page
    doc.font('cjk').fontSize(8).fillColor('#555555')
      .text(`第 ${i + 1} 页 共 ${range.count} 页`, left, bottom, { width: doc.page.width - left - right, align: 'center', lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.bottom = margin;
  }
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** The form's title centred, its number (R/G095-1 …) at the right, as the seed prints them. */
export function formTitle(doc: Doc, title: string, code: string, subtitle?: string): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.font('cjk-bold').fontSize(16).text(title, left, doc.y, { width, align: 'center' });
  if (subtitle) doc.font('cjk').fontSize(FONT_SIZE).text(subtitle, left, doc.y + 2, { width, align: 'center' });
  doc.font('cjk').fontSize(9).text(code, left, doc.y + 4, { width, align: 'right' });
  doc.moveDown(0.3);
  doc.fontSize(FONT_SIZE);
}

/** Draws bordered rows like the paper form; a row that does not fit starts a new page. */
export function formTable(doc: Doc, rows: readonly FormRow[]): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  for (const row of rows) {
    const widths = row.cells.map((cell) => cell.width * width);
    const heights = row.cells.map((cell, i) => {
      doc.font(cell.label ? 'cjk-bold' : 'cjk').fontSize(cell.label ? LABEL_SIZE : FONT_SIZE);
      return doc.heightOfString(cell.text || ' ', { width: widths[i] - 2 * PAD }) + 2 * PAD;
    });
    const height = Math.max(row.minHeight ?? 0, 22, ...heights);
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    let x = left;
    row.cells.forEach((cell, i) => {
      if (cell.label) doc.rect(x, top, widths[i], height).fillColor('#f2f2f2').fill().fillColor('black');
      doc.rect(x, top, widths[i], height).lineWidth(0.8).strokeColor('black').stroke();
      doc.font(cell.label ? 'cjk-bold' : 'cjk').fontSize(cell.label ? LABEL_SIZE : FONT_SIZE);
      const textHeight = doc.heightOfString(cell.text || ' ', { width: widths[i] - 2 * PAD });
      const y = cell.label ? top + (height - textHeight) / 2 : top + PAD;
      doc.text(cell.text, x + PAD, y, { width: widths[i] - 2 * PAD, align: cell.align ?? (cell.label ? 'center' : 'left') });
      x += widths[i];
    });
    doc.x = left;
    doc.y = top + height;
  }
  doc.font('cjk').fontSize(FONT_SIZE);
}

/** A small note under a form (注：…). */
export function note(doc: Doc, text: string): void {
  doc.font('cjk').fontSize(8.5).text(text, doc.page.margins.left, doc.y + 4, { width: contentWidth(doc) });
  doc.fontSize(FONT_SIZE);
}

export function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.font('cjk-bold').fontSize(13).text(text, doc.page.margins.left, doc.y + 6, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  doc.font('cjk').fontSize(FONT_SIZE);
}

export function paragraph(doc: Doc, text: string, size = FONT_SIZE): void {
  doc.font('cjk').fontSize(size).text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.fontSize(FONT_SIZE);
}

/** A grid with a header row, for timelines and ledgers; columns as shares of the width. */
export function grid(doc: Doc, headers: string[], widths: number[], rows: string[][], size = 9): void {
  const left = doc.page.margins.left;
  const total = contentWidth(doc);
  const drawRow = (cells: string[], header: boolean) => {
    doc.font(header ? 'cjk-bold' : 'cjk').fontSize(size);
    const height = Math.max(18, ...cells.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i] * total - 6 }) + 6));
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!header) drawRow(headers, true);
    }
    const top = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      const w = widths[i] * total;
      if (header) doc.rect(x, top, w, height).fillColor('#f2f2f2').fill().fillColor('black');
      doc.rect(x, top, w, height).lineWidth(0.6).stroke();
      doc.font(header ? 'cjk-bold' : 'cjk').fontSize(size).text(text, x + 3, top + 3, { width: w - 6 });
      x += w;
    });
    doc.x = left;
    doc.y = top + height;
  };
  drawRow(headers, true);
  for (const row of rows) drawRow(row, false);
  doc.font('cjk').fontSize(FONT_SIZE);
}

/** □ / ■ check boxes as the seed's forms print them. */
export function box(checked: boolean): string {
  return checked ? '■' : '□';
}
