import type ExcelJS from 'exceljs';
import { Cell, ColumnFormat, ReportTable } from './report-tables';

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = { count: '0', share: '0.00%', yuan: '#,##0.00', text: undefined };

/** One worksheet per table, headers in bold; shares are fractions shown as percentages. */
export async function workbookOf(title: string, tables: readonly ReportTable[]): Promise<Buffer> {
  // Loaded on the first export, not at start-up (exceljs adds some 30 MB to a server that may never export).
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'complaint-flow';
  workbook.title = title;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.title);
    const width = table.headers.length;
    (table.preamble ?? []).forEach((line, index) => {
      const added = sheet.addRow([line]);
      sheet.mergeCells(added.number, 1, added.number, width);
      added.getCell(1).alignment = { wrapText: true, vertical: 'middle', horizontal: index < 2 ? 'center' : 'left' };
      if (index === 0) added.font = { bold: true, size: 14 };
      if (line.length > 60) added.height = Math.ceil(line.length / 60) * 16;
    });
    const headerRow = sheet.addRow(table.headers);
    headerRow.font = { bold: true };
    const firstDataRow = headerRow.number + 1;
    table.rows.forEach((row, rowIndex) => {
      const added = sheet.addRow(row.map((cell) => cell ?? null));
      row.forEach((cell, index) => {
        const isValueColumn = index === row.length - 1 && table.valueFormats !== undefined;
        const format = NUMBER_FORMATS[(isValueColumn ? table.valueFormats![rowIndex] : table.formats[index]) ?? 'text'];
        if (typeof cell === 'number' && format) added.getCell(index + 1).numFmt = format;
      });
    });
    sheet.columns.forEach((column, index) => {
      column.width = table.widths?.[index] ?? Math.max(12, ...table.headers.slice(index, index + 1).map((h) => h.length * 2 + 4));
      if (table.widths) column.alignment = { wrapText: true, vertical: 'middle' };
    });
    if (table.mergeFirstColumn) mergeRuns(sheet, table.rows, firstDataRow);
    if (table.filter) {
      sheet.views = [{ state: 'frozen', ySplit: headerRow.number, xSplit: 2 }];
      sheet.autoFilter = { from: { row: headerRow.number, column: 1 }, to: { row: headerRow.number, column: width } };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Merges runs of equal first-column values (the 类型 of 表四 spans its 具体类别). */
function mergeRuns(sheet: ExcelJS.Worksheet, rows: readonly Cell[][], firstRow: number): void {
  let start = 0;
  for (let index = 1; index <= rows.length; index += 1) {
    if (index < rows.length && rows[index][0] === rows[start][0]) continue;
    if (index - start > 1) sheet.mergeCells(firstRow + start, 1, firstRow + index - 1, 1);
    start = index;
  }
}

const BOM = '\uFEFF';

/**
 * The tables one after another (title line, header line, rows, blank line), UTF-8 with a byte-order mark so
 * Excel shows the Chinese correctly. Shares are fractions, amounts in 元.
 */
export function csvOf(tables: readonly ReportTable[]): string {
  const lines: string[] = [];
  for (const table of tables) {
    lines.push(csvLine([table.title]), ...(table.preamble ?? []).map((line) => csvLine([line])), csvLine(table.headers), ...table.rows.map(csvLine), '');
  }
  return BOM + lines.join('\r\n');
}

function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',');
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
