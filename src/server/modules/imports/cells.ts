import type { CodeLabel } from '../../../shared/codes';
import type { Cell } from './parse';

// What a cell means, by the type of its column. Spreadsheets write the same value in many ways: an
// Excel date cell or its serial number (45292), 2024/1/15 or 2024年1月15日; 1,234,567.89; full-width
// digits (１２３) typed with a Chinese input method; 是/否. Each becomes the one form the API takes, so
// the zod schemas of the API then validate the row exactly as they validate a request.

export type CellType =
  | 'text' // trimmed as written
  | 'code' // identifiers: full-width letters and digits folded to ASCII; a long number is refused
  | 'date' // YYYY-MM-DD
  | 'datetime' // a moment: YYYY-MM-DDTHH:MM:SS with its offset, the bank's (+08:00) when none is written
  | 'month' // YYYY-MM
  | 'amount' // yuan, a decimal string
  | 'rate' // a fraction; 4.35% becomes 0.0435
  | 'boolean'
  | 'enum' // a code, or its Chinese or English label
  | 'list'; // ;-separated codes or labels

/** Raised for a cell that cannot mean anything in its column; the message names the problem. */
export class CellProblem extends Error {}

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
/** Full-width ASCII forms (０-９ Ａ-Ｚ ，．－％ …) as ASCII, the ideographic space as a space. */
export function foldFullWidth(text: string): string {
  if (!/[^ -~\t]/.test(text)) return text; // plain ASCII: nothing to fold
  return text
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u2212\u2012\u2013]/g, '-');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Serial days below this (1927-05-18) are more likely a year or a typing slip than a date. */
const MIN_SERIAL = 10_000;

/** An Excel serial day number (1900 date system) as YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  return new Date(EXCEL_EPOCH + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** exceljs reads a date cell as the UTC moment of the date and time shown in Excel. */
const dateOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

function numberText(n: number): string {
  if (Number.isInteger(n)) {
    if (!Number.isSafeInteger(n)) {
      throw new CellProblem(
        'Excel stored this as a number and lost its last digits: format the column as text and type it again',
      );
    }
    return String(n);
  }
  // Spreadsheet arithmetic leaves binary noise (0.1 + 0.2); 10 decimals keep every real value.
  return String(Number(n.toFixed(10)));
}

/** The cell as trimmed text; null when empty. */
export function cellText(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'string') {
    const t = cell.trim();
    return t === '' ? null : t;
  }
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (cell instanceof Date) return dateOf(cell);
  throw new CellProblem(`the cell holds the error ${cell.error}`);
}

function toDate(cell: Cell): string | null {
  if (cell instanceof Date) return dateOf(cell);
  // A number in a date column is an Excel serial day (45292 is 2024-01-01), unless it reads 20240101.
  if (typeof cell === 'number' && cell >= MIN_SERIAL && cell < 10_000_000) {
    return excelSerialToDate(cell) ?? String(cell);
  }
  const text = cellText(cell);
  if (text === null) return null;
  const t = foldFullWidth(text).replace(/\s+/g, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  // A serial number that arrived as text (CSV saved from a sheet whose column was not formatted).
  if (/^\d{5}(\.\d+)?$/.test(t)) return excelSerialToDate(Number(t)) ?? t;
  return t;
}

const BANK_OFFSET = '+08:00';

/** A date and time; a sheet's times are the bank's local times (DOMAIN §8) unless an offset is written. */
function toDateTime(cell: Cell): string | null {
  // exceljs reads a date-time cell as the UTC moment of the date and time shown in Excel.
  if (cell instanceof Date) return `${cell.toISOString().slice(0, 19)}${BANK_OFFSET}`;
  if (typeof cell === 'number' && cell >= MIN_SERIAL && cell < 2_958_466) {
    const ms = Math.round((cell * DAY_MS) / 1000) * 1000;
    return `${new Date(EXCEL_EPOCH + ms).toISOString().slice(0, 19)}${BANK_OFFSET}`;
  }
  const text = cellText(cell);
  if (text === null) return null;
  const t = foldFullWidth(text).trim();
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：时](\d{2})分?(?:[:：]?(\d{2})(?:\.\d+)?秒?)?)?\s*(Z|[+-]\d{2}:\d{2})?$/.exec(
      t,
    );
  if (!m) return t;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', offset] = m;
  return `${y}-${pad(Number(mo))}-${pad(Number(d))}T${pad(Number(h))}:${pad(Number(mi))}:${pad(Number(sec))}${offset ?? BANK_OFFSET}`;
}

function toMonth(cell: Cell): string | null {
  // Excel turns a typed 2024-01 into the date 2024-01-01.
  if (cell instanceof Date) return dateOf(cell).slice(0, 7);
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 190001 && cell <= 999912) {
      return `${String(cell).slice(0, 4)}-${String(cell).slice(4)}`;
    }
    return cell >= MIN_SERIAL ? (excelSerialToDate(cell)?.slice(0, 7) ?? String(cell)) : String(cell);
  }
  const text = cellText(cell);
  if (text === null) return null;
  const t = foldFullWidth(text).replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
  if (m) return `${m[1]}-${pad(Number(m[2]))}`;
  m = /^(\d{4})[-/.年](\d{1,2})[-/.月]0?1日?$/.exec(t);
  if (m) return `${m[1]}-${pad(Number(m[2]))}`;
  return t;
}

/** 1,234,567.89 → 1234567.89; ¥ and spaces dropped; full-width digits folded. */
function toAmount(cell: Cell): string | null {
  if (typeof cell === 'number') return numberText(cell);
  const text = cellText(cell);
  if (text === null) return null;
  let t = foldFullWidth(text)
    .replace(/[\s¥￥]/g, '')
    .replace(/[，]/g, ',');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replaceAll(',', '');
  return t.replace(/^\+/, '');
}

function toRate(cell: Cell): string | null {
  if (typeof cell === 'number') return numberText(cell);
  const text = cellText(cell);
  if (text === null) return null;
  const t = foldFullWidth(text).replace(/\s+/g, '');
  const m = /^(-?\d+(?:\.\d+)?)%$/.exec(t);
  return m ? String(Number((Number(m[1]) / 100).toFixed(12))) : t;
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是', '对', 't']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '错', 'f']);
function toBoolean(cell: Cell): boolean | string | null {
  if (typeof cell === 'boolean') return cell;
  const text = cellText(cell);
  if (text === null) return null;
  const t = foldFullWidth(text).toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  throw new CellProblem('must be true or false (是 or 否)');
}

/** Codes by their code, Chinese and English label, compared without case. */
export function labelIndex(labels: Record<string, CodeLabel>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [code, label] of Object.entries(labels)) {
    for (const key of [code, label.zh, label.en]) index.set(key.trim().toLowerCase(), code);
  }
  return index;
}

function toCode(text: string, index: Map<string, string> | undefined): string {
  const key = foldFullWidth(text).trim();
  return index?.get(key.toLowerCase()) ?? key;
}

export interface CellSpec {
  type: CellType;
  /** enum and list: the accepted codes with their labels. */
  labels?: Map<string, string>;
}

/**
 * The cell as the API would receive the field: a string, boolean, string list or null (empty). Values
 * it cannot read are passed on as they are, so the zod schema names the problem; CellProblem is
 * raised only for what no schema could explain (a formula error, a number that lost digits).
 */
export function readCell(cell: Cell, spec: CellSpec): unknown {
  switch (spec.type) {
    case 'text':
      return cellText(cell);
    case 'code': {
      const t = cellText(cell);
      return t === null ? null : foldFullWidth(t);
    }
    case 'date':
      return toDate(cell);
    case 'datetime':
      return toDateTime(cell);
    case 'month':
      return toMonth(cell);
    case 'amount':
      return toAmount(cell);
    case 'rate':
      return toRate(cell);
    case 'boolean':
      return toBoolean(cell);
    case 'enum': {
      const t = cellText(cell);
      return t === null ? null : toCode(t, spec.labels);
    }
    case 'list': {
      const t = cellText(cell);
      if (t === null) return [];
      return t
        .split(/[;；,，、]/)
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((s) => toCode(s, spec.labels));
    }
  }
}

/** The cell as it would be shown again in a spreadsheet: the error report keeps bad rows this way. */
export function originalText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return dateOf(cell);
  if (typeof cell === 'object') return cell.error;
  return String(cell);
}
