import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {} from '@fastify/multipart';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import unzipper from 'unzipper';
import { AppError } from '../../http/errors';
import { CsvProblem, csvRecords } from './csv';

// Reading an uploaded table, one row at a time, never the whole file in memory (issue #4 part 1, 4):
// the upload is streamed to a temp file (hashed and measured on the way), then read as CSV (UTF-8 with
// or without BOM, or GB18030 as Chinese Excel writes it) through csv.ts, or as XLSX through exceljs'
// streaming reader. Rows come out as raw cells; what a cell means is decided per column (cells.ts).

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/** A cell as read: CSV gives strings, XLSX numbers, booleans, dates and formula errors too. */
export type Cell = string | number | boolean | Date | { error: string } | null;

export interface SheetRow {
  /** Row number in the file: the sheet's row number (XLSX) or record number (CSV), from 1. */
  number: number;
  cells: Cell[];
}

export interface ReceivedFile {
  path: string;
  fileName: string;
  size: number;
  sha256: string;
}

export interface UploadedFile extends ReceivedFile {
  format: 'csv' | 'xlsx';
}

export interface TableOptions {
  /** XLSX: a sheet name, or a 1-based position among the sheets. */
  sheet?: string | undefined;
}

const fileError = (code: string, message: string) => new AppError(code, 400, message);

export const tooLarge = (maxBytes: number) =>
  new AppError(
    'file_too_large',
    413,
    `The file is larger than ${formatBytes(maxBytes)}, the most one import takes; split it into several files`,
    undefined,
    { connection: 'close' },
  );

function formatBytes(n: number) {
  if (n >= GiB && n % GiB === 0) return `${n / GiB} GiB`;
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  return `${n} bytes`;
}

// ---------------------------------------------------------------------------------------------------
// The upload

/**
 * Streams the multipart field `file` to a temp file, computing its SHA-256 and size on the way. A file
 * over `maxBytes` is refused with 413 as soon as that many bytes have arrived (or at once, when the
 * request says its length), so a 2 GB upload fills neither the disk nor the memory.
 */
export async function receiveUpload(request: FastifyRequest, maxBytes: number): Promise<ReceivedFile> {
  if (!request.isMultipart()) {
    throw new AppError(
      'unsupported_media_type',
      415,
      'Send the file as multipart/form-data, in the field "file"',
    );
  }
  const declared = Number(request.headers['content-length']);
  // The multipart envelope adds a few hundred bytes; 64 KiB of slack is generous.
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) throw tooLarge(maxBytes);
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 20 } });
  if (!part) throw fileError('no_file', 'No file: send it in the multipart field "file"');
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw fileError(
      'no_file',
      `The file must be sent in the multipart field "file", not "${part.fieldname}"`,
    );
  }
  const fileName = path.basename((part.filename || 'upload').replaceAll('\\', '/')).slice(0, 255);
  const tmp = path.join(os.tmpdir(), `rmw-import-${randomUUID()}`);
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      part.file,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) return done(tooLarge(maxBytes));
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      fs.createWriteStream(tmp),
    );
    if (part.file.truncated) throw tooLarge(maxBytes);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    throw err;
  }
  return { path: tmp, fileName, size, sha256: hash.digest('hex') };
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** CSV or XLSX, by the name's extension and the content's first bytes, which must agree. */
export async function detectFormat(file: string, fileName: string, size: number): Promise<'csv' | 'xlsx'> {
  if (size === 0) throw fileError('empty_file', 'The file is empty');
  const head = await readHead(file, 8);
  const ext = path.extname(fileName).toLowerCase();
  if (head.subarray(0, 8).equals(OLE)) {
    throw fileError(
      'unsupported_file',
      'This is an Excel 97–2003 workbook (.xls) or a password-protected one: save it as .xlsx without a password, or as CSV',
    );
  }
  const zip = head.subarray(0, 4).equals(ZIP);
  if (ext === '.xlsx' || ext === '.xlsm') {
    if (!zip)
      throw fileError('unsupported_file', `${fileName} is not an XLSX workbook (its content is not one)`);
    return 'xlsx';
  }
  if (ext === '.csv' || ext === '.txt') {
    if (zip) throw fileError('unsupported_file', `${fileName} holds a zip archive (an XLSX?), not CSV text`);
    return 'csv';
  }
  throw fileError('unsupported_file', `Send a .csv or .xlsx file; ${fileName} is neither`);
}

// ---------------------------------------------------------------------------------------------------
// CSV

export type TextEncoding = 'utf-8' | 'gb18030';

/**
 * UTF-8 (with or without BOM) or GB18030, from the first 64 KiB: a BOM decides; otherwise text that is
 * valid UTF-8 is taken as UTF-8 (plain ASCII is both), else valid GB18030 as GB18030. The rest of the
 * file is decoded strictly too, so a bad byte further on is still reported, not turned into �.
 */
export async function sniffEncoding(file: string): Promise<TextEncoding> {
  const head = await readHead(file, 64 * 1024);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw fileError('encoding', 'The file is UTF-16 text: save the CSV as UTF-8 (or GB18030) instead');
  }
  if (head.includes(0)) {
    throw fileError(
      'encoding',
      'The file holds NUL bytes: it is not UTF-8 or GB18030 text (UTF-16? binary?)',
    );
  }
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    try {
      // stream: true tolerates a character cut in two at the end of the sample.
      new TextDecoder(encoding, { fatal: true }).decode(head, { stream: true });
      return encoding;
    } catch {
      // try the next one
    }
  }
  throw fileError(
    'encoding',
    'The file’s text encoding is neither UTF-8 nor GB18030: save the CSV as “CSV UTF-8” (or plain CSV from Chinese Excel)',
  );
}

/** The delimiter of the header line: the most frequent of comma, tab and semicolon (comma when none). */
function sniffDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** The file's text in chunks, decoded strictly: a bad byte is reported with where it is. */
async function* decodedChunks(file: string, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let offset = 0;
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw fileError(
        'encoding',
        `The file is not valid ${encoding === 'utf-8' ? 'UTF-8' : 'GB18030'} text near byte ${offset}: save it again in one encoding (UTF-8 or GB18030)`,
      );
    }
  };
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const text = decode(chunk);
      offset += chunk.length;
      yield text;
    }
    yield decode();
  } finally {
    input.destroy();
  }
}

async function* csvRows(file: string): AsyncGenerator<SheetRow> {
  const encoding = await sniffEncoding(file);
  const head = new TextDecoder(encoding).decode(await readHead(file, 64 * 1024));
  const delimiter = sniffDelimiter(head.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '');
  let number = 0;
  try {
    for await (const cells of csvRecords(decodedChunks(file, encoding), delimiter)) {
      number += 1;
      yield { number, cells };
    }
  } catch (err) {
    if (err instanceof CsvProblem) {
      throw fileError('malformed_file', `The CSV is malformed at line ${err.line}: ${err.message}`);
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------
// XLSX

interface SheetInfo {
  name: string;
  state?: string;
}

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? { error: '#VALUE!' } : value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // A formula counts by the value Excel last computed for it.
    if ('formula' in v || 'sharedFormula' in v) return cellOf(v.result);
    if ('error' in v) return { error: String(v.error) };
    if (Array.isArray(v.richText))
      return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('text' in v) return cellOf(v.text);
  }
  return String(value);
}

function chooseSheet(sheets: SheetInfo[], wanted: string | undefined): string | undefined {
  if (sheets.length === 0) return undefined;
  if (wanted === undefined)
    return (sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0])!.name;
  const byName = sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (byName) return byName.name;
  if (/^\d+$/.test(wanted)) return sheets[Number(wanted) - 1]?.name;
  return undefined;
}

/**
 * Lets go of a worksheet that is not (or no longer) read. exceljs copies worksheets that come before
 * the shared strings in the zip (as Excel writes them) to temp files and removes each one only when
 * the reader moves past it, so the reader is always driven to its end, never abandoned. Moving past
 * it may remove the file while the stream let go of is still opening it: its ENOENT then concerns
 * nobody, and is not left to crash the process as an unhandled error.
 */
function release(worksheet: unknown) {
  const source = (
    worksheet as { iterator?: { destroy?: () => void; on?: (event: 'error', listener: () => void) => void } }
  ).iterator;
  source?.on?.('error', () => {});
  source?.destroy?.();
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const xmlText = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(
          Number.parseInt(
            e.slice(e[1] === 'x' || e[1] === 'X' ? 2 : 1),
            e[1] === 'x' || e[1] === 'X' ? 16 : 10,
          ),
        )
      : (XML_ENTITIES[e] ?? whole),
  );

/**
 * The sheets of a workbook whose zip puts xl/workbook.xml after a worksheet, read from the zip's
 * central directory; null for the usual order. exceljs parses a worksheet as soon as it has met the
 * shared strings and the relationships, and looks its name up in the workbook part: when that part
 * comes later it crashed ("reading 'sheets'"), as some writers (exceljs's own, now and then) order it.
 */
async function sheetsAheadOfWorkbook(
  file: string,
): Promise<(SheetInfo & { id: number; rId: string })[] | null> {
  let directory: Awaited<ReturnType<typeof unzipper.Open.file>>;
  try {
    directory = await unzipper.Open.file(file);
  } catch {
    return null; // not a zip: the streaming reader says so in its own words
  }
  const paths = directory.files.map((f) => f.path);
  const workbookAt = paths.indexOf('xl/workbook.xml');
  const firstSheetAt = paths.findIndex((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
  if (workbookAt < 0 || firstSheetAt < 0 || workbookAt < firstSheetAt) return null;
  const xml = (await directory.files[workbookAt]!.buffer()).toString('utf8');
  return [...xml.matchAll(/<(?:\w+:)?sheet\s([^>]*?)\/?>/g)].map((m) => {
    const attrs = new Map(
      [...m[1]!.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)].map((a) => [a[1]!, xmlText(a[2]!)]),
    );
    const state = attrs.get('state');
    return {
      name: attrs.get('name') ?? '',
      id: Number(attrs.get('sheetId') ?? 0),
      rId: attrs.get('r:id') ?? '',
      ...(state !== undefined && { state }),
    };
  });
}

async function* xlsxRows(file: string, options: TableOptions): AsyncGenerator<SheetRow> {
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache', // to tell date cells from numbers
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  // Sheets named before the workbook part arrives (see sheetsAheadOfWorkbook); exceljs sets the same
  // model again when it reads that part.
  const early = await sheetsAheadOfWorkbook(file);
  if (early) (reader as unknown as { model: { sheets: SheetInfo[] } }).model = { sheets: early };
  const model = () =>
    ((reader as unknown as { model?: { sheets?: SheetInfo[] } }).model?.sheets ?? []) as SheetInfo[];
  const worksheets = reader[Symbol.asyncIterator]();
  let found = false;
  let finished = false;
  try {
    let first = true;
    for (;;) {
      const next = await worksheets.next();
      if (next.done) {
        finished = true;
        break;
      }
      const worksheet = next.value;
      const name = (worksheet as unknown as { name: string }).name;
      const target =
        chooseSheet(model(), options.sheet) ?? (options.sheet === undefined && first ? name : undefined);
      first = false;
      if (found || name !== target) {
        release(worksheet);
        continue;
      }
      found = true;
      try {
        for await (const row of worksheet) {
          const values = row.values as unknown[];
          const cells: Cell[] = [];
          for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
          yield { number: row.number, cells };
        }
      } finally {
        release(worksheet);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fileError('malformed_file', `The XLSX workbook cannot be read: ${(err as Error).message}`);
  } finally {
    // Stopped early (a bad header, a problem in the commit …): move the reader past what is left.
    try {
      while (!finished) {
        const next = await worksheets.next();
        if (next.done) finished = true;
        else release(next.value);
      }
    } catch {
      // the file is broken; its reading has already failed
    }
    input.destroy();
  }
  if (!found) {
    const names = model().map((s) => s.name);
    if (options.sheet === undefined) throw fileError('empty_file', 'The workbook has no worksheet');
    throw fileError(
      'unknown_sheet',
      `The workbook has no sheet “${options.sheet}”; its sheets: ${names.map((n, i) => `${i + 1}. ${n}`).join(', ')}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// The table: a header row, then data rows numbered from 1 as a spreadsheet user counts them.

export interface DataRow {
  /** Data row number: 1 is the row right after the header. */
  row: number;
  cells: Cell[];
}

export interface Table {
  headers: string[];
  rows: AsyncGenerator<DataRow>;
  /** Stops reading and frees the file (when the rows are not read to the end). */
  close(): Promise<void>;
}

export const isEmptyCell = (cell: Cell) => cell === null || (typeof cell === 'string' && cell.trim() === '');

export function headerText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return '';
  return String(cell)
    .replace(/^\uFEFF/, '')
    .trim();
}

/** Opens the table: its header is the first row that is not empty. Empty data rows are skipped. */
export async function openTable(file: UploadedFile, options: TableOptions = {}): Promise<Table> {
  // A CSV file is one sheet: ?sheet= means nothing to it and is ignored.
  const source = file.format === 'csv' ? csvRows(file.path) : xlsxRows(file.path, options);
  let header: SheetRow | undefined;
  for (;;) {
    const next = await source.next();
    if (next.done) break;
    if (!next.value.cells.every(isEmptyCell)) {
      header = next.value;
      break;
    }
  }
  if (!header) {
    await source.return(undefined);
    throw fileError('empty_file', 'The file is empty: it has no header row');
  }
  const headerNumber = header.number;
  async function* rows(): AsyncGenerator<DataRow> {
    for await (const r of source) {
      if (r.cells.every(isEmptyCell)) continue;
      yield { row: r.number - headerNumber, cells: r.cells };
    }
  }
  return {
    headers: header.cells.map(headerText),
    rows: rows(),
    close: async () => {
      await source.return(undefined);
    },
  };
}
