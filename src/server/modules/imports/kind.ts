import type { z } from 'zod';
import type { CodeLabel } from '../../../shared/codes';
import type { FileLang, ImportKindCode } from '../../../shared/schemas/import';
import type { Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import type { AuditContext } from '../../http/audit';
import { AppError } from '../../http/errors';
import { CellProblem, type CellType, labelIndex, readCell } from './cells';
import type { Cell } from './parse';

// The import framework's contract with each kind of file (DOMAIN §7.3). A kind is one module under
// kinds/: its columns (the header names are a contract), the API's zod schema of each field, its
// natural key, and a planner that checks references and compares with what is stored, batch by
// batch, and writes the difference. Later features add their kinds the same way (kinds/index.ts).

export interface ImportColumn {
  /** The field's API name (camelCase), which its zod schema validates. */
  field: string;
  /** The English header of DOMAIN §7.3. */
  name: string;
  /** The Chinese header of DOMAIN §7.3. */
  zh: string;
  /** Further headers accepted for the column. */
  aliases?: readonly string[];
  /** The column must be present and every cell in it filled. */
  required?: boolean;
  type: CellType;
  /** enum and list columns: codes with their labels, any of which a cell may hold. */
  labels?: Record<string, CodeLabel>;
  /** The API's schema of the field; an empty cell arrives as null (or `emptyAs`). */
  schema: z.ZodType;
  /** What an empty cell means for a field that cannot be empty (tier → potential). */
  emptyAs?: unknown;
  /** The template's example value, per language when a label is shown. */
  example: string | Record<FileLang, string>;
}

export interface RowIssue {
  field: string;
  message: string;
}

export interface ParsedRow<T> {
  row: number;
  value: T;
}

export interface BatchIssue extends RowIssue {
  row: number;
}

/** What one batch of valid rows would do, and the writes that do it. */
export interface BatchPlan {
  issues: BatchIssue[];
  inserted: number;
  updated: number;
  unchanged: number;
  write(trx: Db): Promise<void>;
}

export interface RunContext {
  deps: AppDeps;
  viewer: Viewer;
  audit: AuditContext;
  /** Written as the reason of the audit entries of the records an import changes. */
  reason: string;
}

export interface KindRun<T> {
  plan(db: Db, rows: ParsedRow<T>[]): Promise<BatchPlan>;
  /**
   * After a commit that wrote something, once its transaction is done: work that follows from what
   * this run wrote (the risk-flags kind screens the customers whose flags changed). A failure is
   * logged; the import stands.
   */
  committed?(): Promise<void>;
}

export interface ImportKind<T = Record<string, unknown>> {
  code: ImportKindCode;
  columns: readonly ImportColumn[];
  /** Fields of the natural key: a key seen twice in one file is an error on the second row. */
  key: readonly string[];
  /** Further fields whose values must differ between rows of one file. */
  unique?: readonly string[];
  /** Rules across the fields of one row. */
  check?(row: T): RowIssue[];
  /** One pass over a file: the planner may cache what it looked up (owners by username …). */
  start(ctx: RunContext): KindRun<T>;
}

export const defineKind = <T>(kind: ImportKind<T>) => kind;

// ---------------------------------------------------------------------------------------------------
// Headers

/** Columns the framework itself writes (the error report's), ignored when a report comes back fixed. */
const REPORT_HEADERS = new Set(['错误', 'error', 'errors']);

/** Header text compared without case, width or the difference between space, hyphen and underscore. */
export const headerKey = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s\-_]+/g, '_');

export interface MappedColumn {
  column: ImportColumn;
  index: number;
  /** The header as written in the file. */
  header: string;
}

export interface HeaderMap {
  columns: MappedColumn[];
  ignored: Set<number>;
  headerOf(field: string): string;
}

export function resolveHeaders(kind: ImportKind<unknown>, headers: string[]): HeaderMap {
  const lookup = new Map<string, ImportColumn>();
  for (const column of kind.columns) {
    for (const h of [column.name, column.zh, ...(column.aliases ?? [])]) lookup.set(headerKey(h), column);
  }
  const columns: MappedColumn[] = [];
  const ignored = new Set<number>();
  const unknown: string[] = [];
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const [index, header] of headers.entries()) {
    if (header === '') continue; // a column without a header must be empty (rowReader)
    const key = headerKey(header);
    if (REPORT_HEADERS.has(key)) {
      ignored.add(index);
      continue;
    }
    const column = lookup.get(key);
    if (!column) {
      unknown.push(header);
      continue;
    }
    const earlier = seen.get(column.field);
    if (earlier !== undefined) {
      duplicates.push(`“${earlier}” and “${header}”`);
      continue;
    }
    seen.set(column.field, header);
    columns.push({ column, index, header });
  }
  if (duplicates.length > 0) {
    throw new AppError('duplicate_columns', 400, `The same column appears twice: ${duplicates.join(', ')}`);
  }
  const label = (c: ImportColumn) => `${c.name} (${c.zh})`;
  const missing = kind.columns.filter((c) => c.required && !seen.has(c.field));
  if (unknown.length > 0 || missing.length > 0) {
    // Unknown columns are refused, not ignored: a misspelt header would otherwise drop its data silently.
    const problems = [
      ...(unknown.length > 0
        ? [`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((h) => `“${h}”`).join(', ')}`]
        : []),
      ...(missing.length > 0
        ? [`missing required column${missing.length > 1 ? 's' : ''} ${missing.map(label).join(', ')}`]
        : []),
    ];
    const message = `${problems.join('; ')}. A ${kind.code} file takes ${kind.columns.map(label).join(', ')}`;
    throw new AppError(
      unknown.length > 0 ? 'unknown_columns' : 'missing_columns',
      400,
      message.charAt(0).toUpperCase() + message.slice(1),
      [
        ...unknown.map((h) => ({ path: h, message: 'unknown column' })),
        ...missing.map((c) => ({ path: c.name, message: 'required column is missing' })),
      ],
    );
  }
  const byField = new Map(columns.map((c) => [c.column.field, c.header]));
  const names = new Map(kind.columns.map((c) => [c.field, c.name]));
  return {
    columns,
    ignored,
    headerOf: (field) => byField.get(field) ?? names.get(field) ?? field,
  };
}

// ---------------------------------------------------------------------------------------------------
// Rows

export interface RowReader<T> {
  read(cells: Cell[]): { value: T; issues?: undefined } | { value?: undefined; issues: RowIssue[] };
}

type Parsed = { success: true; data: unknown } | { success: false; error: z.ZodError };

/**
 * One field's schema with a memory of the answers for values seen before: bank files repeat their
 * kinds, tiers, dates and owners on every row. A column whose values rarely repeat (codes, names)
 * soon stops remembering.
 */
function memoized(schema: z.ZodType) {
  let cache: Map<string, Parsed> | null = new Map();
  let lookups = 0;
  let hits = 0;
  return (value: unknown): Parsed => {
    if (cache === null) return schema.safeParse(value) as Parsed;
    const key = Array.isArray(value) ? `[${value.join('\u0000')}` : `${typeof value}:${String(value)}`;
    lookups += 1;
    const known = cache.get(key);
    if (known) {
      hits += 1;
      return known;
    }
    const parsed = schema.safeParse(value) as Parsed;
    cache.set(key, parsed);
    if (cache.size >= 4096) cache = hits * 2 < lookups ? null : new Map();
    return parsed;
  };
}

/** Reads rows of a file whose headers are mapped: cells as the API's fields, then its zod schemas. */
export function rowReader<T>(kind: ImportKind<T>, map: HeaderMap): RowReader<T> {
  const specs = map.columns.map((m) => ({
    ...m,
    cell: { type: m.column.type, ...(m.column.labels ? { labels: labelIndex(m.column.labels) } : {}) },
    parse: memoized(m.column.schema),
  }));
  const mapped = new Set(map.columns.map((m) => m.index));
  return {
    read(cells) {
      const issues: RowIssue[] = [];
      const value: Record<string, unknown> = {};
      for (const spec of specs) {
        const field = spec.column.field;
        let input: unknown;
        try {
          input = readCell(cells[spec.index] ?? null, spec.cell);
        } catch (err) {
          if (!(err instanceof CellProblem)) throw err;
          issues.push({ field, message: err.message });
          continue;
        }
        if (input === null) {
          if (spec.column.required) {
            issues.push({ field, message: 'is required' });
            continue;
          }
          if (spec.column.emptyAs !== undefined) input = spec.column.emptyAs;
        }
        const parsed = spec.parse(input);
        if (parsed.success) {
          value[field] = parsed.data;
          continue;
        }
        // The first problem of a cell says enough: a malformed date need not also be "not in the past".
        const issue = parsed.error.issues[0]!;
        const at = issue.path.length > 0 ? ` (item ${Number(issue.path[0]) + 1})` : '';
        issues.push({ field, message: `${issue.message}${at}` });
      }
      for (let i = 0; i < cells.length; i++) {
        if (mapped.has(i) || map.ignored.has(i)) continue;
        const c = cells[i];
        if (c !== null && c !== undefined && !(typeof c === 'string' && c.trim() === '')) {
          issues.push({ field: `#${i + 1}`, message: `a value in column ${i + 1}, which has no header` });
        }
      }
      if (issues.length > 0) return { issues };
      const more = kind.check?.(value as T) ?? [];
      return more.length > 0 ? { issues: more } : { value: value as T };
    },
  };
}

/** The example row of a template, in the language of its headers. */
export const exampleOf = (column: ImportColumn, lang: FileLang) =>
  typeof column.example === 'string' ? column.example : column.example[lang];
