import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestContext } from '../../../../tests/support/test-app';

// Building uploads for the import tests: multipart bodies by hand, CSV and XLSX files in memory.

export type Caller = { cookie: string; csrfToken: string } | { bearer: string } | null;

/** A multipart/form-data body holding one file in the field `field`. */
export function multipartBody(fileName: string, content: Buffer, field = 'file') {
  const boundary = `----rmw${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function authHeaders(caller: Caller): Record<string, string> {
  if (caller === null) return {};
  if ('bearer' in caller) return { authorization: `Bearer ${caller.bearer}` };
  return { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken };
}

export function upload(
  ctx: TestContext,
  caller: Caller,
  url: string,
  fileName: string,
  content: Buffer,
  app: Pick<TestContext['app'], 'inject'> = ctx.app,
): Promise<LightMyRequestResponse> {
  const body = multipartBody(fileName, content);
  return app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: { ...authHeaders(caller), 'content-type': body.contentType },
    payload: body.payload,
  } as InjectOptions);
}

export function get(ctx: TestContext, caller: Caller, url: string) {
  return ctx.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: authHeaders(caller) });
}

const csvField = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** CSV text of rows (the first is the header), UTF-8 unless an encoding is asked for. */
export function csv(rows: unknown[][], options: { bom?: boolean; encoding?: 'gb18030' } = {}): Buffer {
  const text = `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
  if (options.encoding === 'gb18030') return encodeGb18030(text);
  return Buffer.from((options.bom ? '\uFEFF' : '') + text, 'utf8');
}

/**
 * GB18030 bytes of a text. Node encodes only UTF-8, so each character is found by decoding the
 * candidate two-byte codes (enough for the Chinese characters of tests, all in GBK's range).
 */
let gbk: Map<string, Buffer> | undefined;
export function encodeGb18030(text: string): Buffer {
  if (!gbk) {
    gbk = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const bytes = Buffer.from([hi, lo]);
        const ch = decoder.decode(bytes);
        if (ch.length === 1 && ch !== '\uFFFD' && !gbk.has(ch)) gbk.set(ch, bytes);
      }
    }
  }
  const parts: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) parts.push(Buffer.from(ch, 'latin1'));
    else {
      const bytes = gbk.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}

export interface SheetSpec {
  name: string;
  rows: unknown[][];
  state?: 'visible' | 'hidden';
  /** Cell formats by address, e.g. { B2: 'yyyy-mm-dd' }. */
  formats?: Record<string, string>;
}

/** An XLSX workbook in memory; cells may be numbers, dates, formulas ({formula, result}) … */
export async function xlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { state: spec.state ?? 'visible' });
    for (const row of spec.rows) sheet.addRow(row);
    for (const [address, format] of Object.entries(spec.formats ?? {}))
      sheet.getCell(address).numFmt = format;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads a whole (small) XLSX answer back as rows of cell values. */
export async function readXlsx(body: Buffer, sheet = 1): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const ws = workbook.worksheets[sheet - 1]!;
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined ? null : v)));
  });
  return rows;
}

/** Parses a CSV answer (UTF-8 with BOM) into rows, for simple content without quoted newlines. */
export function readCsv(body: string): string[][] {
  const text = body.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  for (const line of text.split('\r\n')) {
    if (line === '') continue;
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
  }
  return rows;
}
