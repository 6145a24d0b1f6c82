import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FileFormat } from '../../../shared/schemas/import';

// Tables as files people open in Excel: CSV in UTF-8 with a BOM (without one, Chinese Excel reads
// UTF-8 as GBK and shows mojibake), or XLSX. Large tables are streamed: rows go out as they are read.

export type CellValue = string | number | null;

export const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const BOM = '\uFEFF';

/**
 * A text that Excel would run as a formula (=, +, -, @ first) is written with a leading apostrophe
 * (OWASP "CSV injection"); numbers are written as they are.
 */
function csvField(value: CellValue): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+(\.\d+)?$/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (values: readonly CellValue[]) => `${values.map(csvField).join(',')}\r\n`;

/** attachment; with an ASCII fallback name and the real (Chinese) name in RFC 5987 form. */
export function contentDisposition(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replaceAll('"', '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export interface SmallTable {
  sheetName: string;
  headers: string[];
  rows: CellValue[][];
  /** Columns (0-based) Excel must keep as text: codes, ID and account numbers with their digits. */
  textColumns?: number[];
  /** Columns to highlight (the error column of a report). */
  markedColumns?: number[];
}

/** A small table as a whole file in memory: templates and error reports. */
export async function tableBuffer(format: FileFormat, table: SmallTable): Promise<Buffer> {
  if (format === 'csv') {
    return Buffer.from(BOM + [table.headers, ...table.rows].map(csvLine).join(''), 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.headers.map((header, i) => ({
    header,
    width: Math.min(40, Math.max(12, header.length * 2 + 4)),
    ...(table.textColumns?.includes(i) ? { style: { numFmt: '@' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  for (const i of table.markedColumns ?? []) {
    sheet.getColumn(i + 1).font = { color: { argb: 'FFCF1322' } };
    sheet.getColumn(i + 1).width = 60;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const drained = (stream: PassThrough) =>
  new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });

/**
 * A large table streamed as it is read: `rows` yields batches, and the next batch is read only when the
 * client has taken the previous one, so memory holds about one batch whatever the size.
 */
export function tableStream(
  format: FileFormat,
  sheetName: string,
  headers: string[],
  batches: AsyncIterable<CellValue[][]>,
): Readable {
  if (format === 'csv') {
    return Readable.from(
      (async function* () {
        yield BOM + csvLine(headers);
        for await (const batch of batches) yield batch.map(csvLine).join('');
      })(),
    );
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  (async () => {
    const header = sheet.addRow(headers);
    header.font = { bold: true };
    header.commit();
    for await (const batch of batches) {
      if (out.destroyed) return; // the client went away
      for (const row of batch) sheet.addRow(row).commit();
      if (out.writableNeedDrain) await drained(out);
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}
