import fs from 'node:fs';
import { sql } from 'kysely';
import {
  type ImportError,
  type ImportJob,
  type ImportKindCode,
  type ImportMode,
  type ImportResult,
  MAX_LISTED_ERRORS,
  MAX_REPORTED_ROWS,
} from '../../../shared/schemas/import';
import type { Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, writeAudit } from '../../http/audit';
import { AppError, notFound } from '../../http/errors';
import { runValues } from '../customer-value/recompute';
import { originalText } from './cells';
import { presentJob, presentJobSummary, type StoredErrors } from './imports.presenter';
import * as repo from './imports.repository';
import {
  type BatchIssue,
  type ImportKind,
  type KindRun,
  type ParsedRow,
  type RowIssue,
  type RunContext,
  resolveHeaders,
  rowReader,
} from './kind';
import { importKind } from './kinds';
import { type Cell, detectFormat, GiB, MiB, openTable, type ReceivedFile, type UploadedFile } from './parse';

// The import of one file (issue #4). Every row is read, validated with the API's schemas, its key
// checked against the rest of the file, and its references and stored record checked in batches,
// every problem collected. A validation writes nothing; a commit does the same pass in one
// transaction, writing each batch's difference from what is stored until the first problem, and rolls
// everything back if there was one. So a file with one bad row writes nothing, and the same file
// imported twice changes nothing the second time. Files up to 5 MiB are answered at once; larger ones
// run in the background of the instance that took the upload, their progress kept in import_jobs
// (and, while a commit's transaction hides it, in that instance's memory).

/**
 * Derived figures of later features (value, tiers, lifecycle, loyalty …) that must be brought up to date
 * after a commit that changed something (DOMAIN §7.2). A failing hook is logged; the import stands.
 */
export const afterImportCommit: Array<(deps: AppDeps, kind: ImportKindCode) => Promise<void>> = [
  // The query planner's statistics follow a large write: PostgreSQL's autovacuum sees to it, SQLite
  // only when asked (it analyses the tables whose size changed a lot, within analysis_limit).
  async (deps) => {
    if (deps.dialect === 'sqlite') await sql`PRAGMA optimize`.execute(deps.db);
  },
  // Values, tiers and lifecycle of the customers the file touched (issue #7): they were marked in the
  // commit's transaction; the run computes them and re-ranks the bank.
  async (deps, kind) => {
    if (kind === 'customers' || kind === 'accounts' || kind === 'account-monthly')
      await runValues(deps, { kind: 'incremental' });
  },
];

export interface ImportLimits {
  /** Larger uploads are refused with 413. */
  maxFileBytes: number;
  /** Larger files are imported in the background and answered 202. */
  syncMaxBytes: number;
  /** Rows checked and written together. */
  batchSize: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: GiB,
  syncMaxBytes: 5 * MiB,
  batchSize: 1000,
};

/** Imports in flight on this instance, so a shutdown can wait for them. */
export class ImportRunner {
  readonly running = new Set<Promise<unknown>>();
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }
  async drain() {
    await Promise.allSettled([...this.running]);
  }
}

export interface ImportRequest {
  kind: ImportKindCode;
  mode: ImportMode;
  sheet: string | undefined;
  file: ReceivedFile;
  ip: string | null;
}

type Started =
  | { status: 200; result: ImportResult }
  | { status: 202; result: { jobId: number; status: 'running' } };

/** Imports an uploaded file; the temp file is removed when the import is done with it. */
export async function startImport(
  deps: AppDeps,
  viewer: Viewer,
  request: ImportRequest,
  limits: ImportLimits,
  runner: ImportRunner,
): Promise<Started> {
  const remove = () => fs.promises.rm(request.file.path, { force: true });
  const at = deps.clock().toISOString();
  const jobId = await repo.insertJob(deps.db, {
    kind: request.kind,
    mode: request.mode,
    fileName: request.file.fileName,
    fileHash: request.file.sha256,
    fileSize: request.file.size,
    createdBy: viewer.id,
    apiKeyId: viewer.apiKey?.id ?? null,
    at,
  });
  let file: UploadedFile;
  try {
    file = {
      ...request.file,
      format: await detectFormat(request.file.path, request.file.fileName, request.file.size),
    };
  } catch (err) {
    await failJob(deps, jobId, err);
    await remove();
    throw err;
  }
  const job: Job = { ...request, file, jobId, viewer, limits };
  if (file.size <= limits.syncMaxBytes) {
    try {
      return { status: 200, result: await runner.track(runImport(deps, job)) };
    } finally {
      await remove();
    }
  }
  if (file.format === 'csv') {
    // A CSV whose header is wrong is refused now, not minutes later in the job. (An XLSX workbook
    // written by Excel keeps its shared strings after its sheets: its header costs a read of the
    // whole file, so the job reports it.)
    try {
      const table = await openTable(file, { sheet: request.sheet });
      await table.close();
      resolveHeaders(importKind(request.kind), table.headers);
    } catch (err) {
      await failJob(deps, jobId, err);
      await remove();
      throw err;
    }
  }
  void runner.track(
    runImport(deps, job)
      .catch((err) => {
        if (!(err instanceof AppError)) deps.log?.error({ err, jobId }, 'import failed');
      })
      .finally(remove),
  );
  return { status: 202, result: { jobId, status: 'running' } };
}

interface Job extends Omit<ImportRequest, 'file'> {
  file: UploadedFile;
  jobId: number;
  viewer: Viewer;
  limits: ImportLimits;
}

interface Counts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

const messageOf = (err: unknown) => (err instanceof AppError ? err.message : 'Internal error').slice(0, 1000);

async function failJob(deps: AppDeps, jobId: number, err: unknown) {
  await repo.updateJob(deps.db, jobId, {
    status: 'failed',
    message: messageOf(err),
    finished_at: deps.clock().toISOString(),
  });
}

async function runImport(deps: AppDeps, job: Job): Promise<ImportResult> {
  const kind = importKind(job.kind);
  const run: RunContext = {
    deps,
    viewer: job.viewer,
    audit: auditContext(deps, job.viewer, job.ip),
    reason: `import #${job.jobId}: ${job.file.fileName}`.slice(0, 1000),
  };
  const progress = progressWriter(deps, job.jobId, job.mode);
  const base = {
    jobId: job.jobId,
    kind: job.kind,
    mode: job.mode,
    fileName: job.file.fileName,
  };
  const failed = async (counts: Counts, problems: Problems, message: string) => {
    const shown = job.mode === 'commit' ? { ...counts, inserted: 0, updated: 0, unchanged: 0 } : counts;
    await finish(deps.db, job.jobId, {
      status: 'failed',
      counts: shown,
      problems,
      message,
      at: deps.clock().toISOString(),
    });
    return {
      ...base,
      status: 'failed' as const,
      ...shown,
      errorCount: problems.count,
      errors: problems.listed(),
    };
  };
  const found = (problems: Problems) =>
    `${problems.count} problem${problems.count > 1 ? 's' : ''} found${job.mode === 'commit' ? '; nothing was written' : ''}`;

  try {
    if (job.mode === 'validate') {
      const { counts, problems } = await passOver(deps.db, kind, job, run, progress, false);
      if (problems.count > 0) return await failed(counts, problems, found(problems));
      await finish(deps.db, job.jobId, {
        status: 'succeeded',
        counts,
        problems,
        message: null,
        at: deps.clock().toISOString(),
      });
      return { ...base, status: 'succeeded', ...counts, errorCount: 0, errors: [] };
    }

    // A commit checks and writes in one pass and one transaction: the first problem stops the writing,
    // the checking goes on to the end of the file, and the transaction is rolled back.
    let planner: KindRun<unknown> | undefined;
    const written = await deps.db.transaction().execute(async (trx) => {
      const pass = await passOver(trx, kind, job, run, progress, true);
      if (pass.problems.count > 0) throw new RolledBack(pass);
      planner = pass.planner;
      const result = pass.counts;
      if (result.inserted + result.updated > 0) {
        // The import's own entry covers the rows it added; changed records have entries of their own.
        await writeAudit(trx, run.audit, {
          action: 'import',
          entity: 'import_job',
          entityId: job.jobId,
          after: {
            kind: job.kind,
            fileName: job.file.fileName,
            fileHash: job.file.sha256,
            rows: result.rows,
            inserted: result.inserted,
            updated: result.updated,
            unchanged: result.unchanged,
          },
        });
      }
      await finish(trx, job.jobId, {
        status: 'succeeded',
        counts: result,
        problems: pass.problems,
        message: null,
        at: deps.clock().toISOString(),
      });
      return result;
    });
    if (written.inserted + written.updated > 0) await refreshDerived(deps, job, planner);
    return { ...base, status: 'succeeded', ...written, errorCount: 0, errors: [] };
  } catch (err) {
    if (err instanceof RolledBack)
      return failed(err.pass.counts, err.pass.problems, found(err.pass.problems));
    if (err instanceof AppError && err.status === 409) {
      // Someone changed a record of the file while it was being written.
      const problems = new Problems(() => '');
      problems.add(0, [], [{ field: '', message: messageOf(err) }]);
      return failed({ rows: 0, inserted: 0, updated: 0, unchanged: 0 }, problems, messageOf(err));
    }
    await failJob(deps, job.jobId, err);
    throw err;
  } finally {
    progress.done();
  }
}

/** Ends a commit's transaction when the file has problems, so nothing of it is written. */
class RolledBack extends Error {
  constructor(readonly pass: { counts: Counts; problems: Problems }) {
    super('the file has problems');
  }
}

async function refreshDerived(deps: AppDeps, job: Job, planner: KindRun<unknown> | undefined) {
  const hooks = afterImportCommit.map((hook) => () => hook(deps, job.kind));
  // The kind's own work after the commit (screening the customers whose risk flags changed …).
  if (planner?.committed) hooks.push(() => planner.committed?.() ?? Promise.resolve());
  for (const hook of hooks) {
    try {
      await hook();
    } catch (err) {
      deps.log?.error(
        { err, jobId: job.jobId, kind: job.kind },
        'refreshing derived figures after an import failed',
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Problems found: all counted, the first 1,000 listed, the first 10,000 bad rows kept for the report.

class Problems {
  count = 0;
  private errors: ImportError[] = [];
  private rows: { row: number; cells: string[]; messages: string[] }[] = [];
  headers: string[] = [];

  constructor(private readonly headerOf: (field: string) => string) {}

  add(row: number, cells: Cell[], issues: RowIssue[]) {
    this.count += issues.length;
    const messages: string[] = [];
    for (const issue of issues) {
      const column = this.headerOf(issue.field);
      this.errors.push({ row, column, message: issue.message });
      messages.push(`${column}: ${issue.message}`);
    }
    this.rows.push({ row, cells: cells.map((c) => originalText(c ?? null)), messages });
    // Batches report after later rows' own problems: keep the lowest rows, trimming now and then.
    if (this.errors.length > 2 * MAX_LISTED_ERRORS) this.errors = this.lowest(this.errors, MAX_LISTED_ERRORS);
    if (this.rows.length > 2 * MAX_REPORTED_ROWS) this.rows = this.lowest(this.rows, MAX_REPORTED_ROWS);
  }

  private lowest<T extends { row: number }>(items: T[], n: number) {
    return items.sort((a, b) => a.row - b.row).slice(0, n);
  }

  listed() {
    return this.lowest(this.errors, MAX_LISTED_ERRORS);
  }

  stored(): StoredErrors {
    return {
      errors: this.listed(),
      report: { headers: this.headers, rows: this.lowest(this.rows, MAX_REPORTED_ROWS) },
    };
  }
}

async function finish(
  db: Db,
  jobId: number,
  outcome: {
    status: 'succeeded' | 'failed';
    counts: Counts;
    problems: Problems;
    message: string | null;
    at: string;
  },
) {
  const { counts, problems } = outcome;
  await repo.updateJob(db, jobId, {
    status: outcome.status,
    rows: counts.rows,
    processed: counts.rows,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    error_count: problems.count,
    errors_json: problems.count > 0 ? JSON.stringify(problems.stored()) : null,
    message: outcome.message,
    finished_at: outcome.at,
  });
}

interface Progress {
  (processed: number): Promise<void>;
  /** The job has ended: its progress is in its row. */
  done(): void;
}

/** Rows handled by the jobs running on this instance, for the ones whose transaction hides them. */
const liveProgress = new Map<number, number>();

/**
 * Progress in import_jobs, at most twice a second. A commit's transaction would hide it from every
 * other connection until the end, and on SQLite it holds the only writer, so a commit's progress is
 * kept in this instance's memory, where its own polls find it (SQLite is one instance by definition);
 * on PostgreSQL it is written to the row outside the transaction too, for the other instances.
 */
function progressWriter(deps: AppDeps, jobId: number, mode: ImportMode): Progress {
  let last = 0;
  const message = mode === 'commit' ? 'writing rows' : 'checking rows';
  const progress = async (processed: number) => {
    liveProgress.set(jobId, processed);
    const now = Date.now();
    if (now - last < 500) return;
    last = now;
    if (mode === 'commit' && deps.dialect === 'sqlite') return;
    await repo.updateJob(deps.db, jobId, { processed, message });
  };
  progress.done = () => {
    liveProgress.delete(jobId);
  };
  return progress;
}

/** A running job's progress as this instance knows it, newer than its row's. */
function withLiveProgress<T extends { id: number; status: string; processed: number }>(row: T): T {
  const live = row.status === 'running' ? liveProgress.get(row.id) : undefined;
  return live === undefined ? row : { ...row, processed: Math.max(row.processed, live) };
}

// ---------------------------------------------------------------------------------------------------
// The pass over a file

/**
 * Reads every row, validates it, finds keys repeated in the file, and lets the kind's planner check
 * references and compare with what is stored, a batch at a time. With `write`, each batch's plan is
 * written, until the first problem: from then on the pass only checks, and the caller rolls back.
 */
async function passOver(
  db: Db,
  kind: ImportKind<unknown>,
  job: Job,
  run: RunContext,
  progress: Progress,
  write: boolean,
): Promise<{ counts: Counts; problems: Problems; planner: KindRun<unknown> }> {
  const table = await openTable(job.file, { sheet: job.sheet });
  try {
    const map = resolveHeaders(kind, table.headers);
    const reader = rowReader(kind, map);
    const problems = new Problems(map.headerOf);
    problems.headers = table.headers;
    const planner: KindRun<unknown> = kind.start(run);
    const keyLabel = kind.key.map((f) => map.headerOf(f)).join(' + ');
    const seenKeys = new Map<string, number>();
    const seenUnique = (kind.unique ?? []).map((field) => ({ field, seen: new Map<string, number>() }));
    const counts: Counts = { rows: 0, inserted: 0, updated: 0, unchanged: 0 };
    let batch: (ParsedRow<unknown> & { cells: Cell[] })[] = [];

    const flush = async () => {
      if (batch.length === 0) return;
      const plan = await planner.plan(db, batch);
      addIssues(problems, batch, plan.issues);
      if (write && problems.count === 0) await plan.write(db);
      counts.inserted += plan.inserted;
      counts.updated += plan.updated;
      counts.unchanged += plan.unchanged;
      batch = [];
    };

    for await (const { row, cells } of table.rows) {
      counts.rows += 1;
      const read = reader.read(cells);
      if (read.issues) {
        problems.add(row, cells, read.issues);
      } else {
        const value = read.value as Record<string, unknown>;
        const key = kind.key.map((f) => String(value[f])).join('\u0000');
        const first = seenKeys.get(key);
        const repeats: RowIssue[] = [];
        if (first !== undefined) {
          repeats.push({
            field: kind.key[0]!,
            message: `repeats row ${first}: ${keyLabel} must differ between rows`,
          });
        } else {
          seenKeys.set(key, row);
        }
        for (const u of seenUnique) {
          const v = value[u.field];
          if (v === null || v === undefined) continue;
          const earlier = u.seen.get(String(v));
          if (earlier !== undefined) {
            repeats.push({
              field: u.field,
              message: `the same as in row ${earlier}: must differ between rows`,
            });
          } else if (first === undefined) {
            u.seen.set(String(v), row);
          }
        }
        if (repeats.length > 0) problems.add(row, cells, repeats);
        else batch.push({ row, value, cells });
        if (batch.length >= job.limits.batchSize) await flush();
      }
      if (counts.rows % 1000 === 0) await progress(counts.rows);
    }
    await flush();
    if (counts.rows === 0) {
      throw new AppError('empty_file', 400, 'The file has a header row but no data rows');
    }
    return { counts, problems, planner };
  } finally {
    await table.close();
  }
}

function addIssues(
  problems: Problems,
  batch: (ParsedRow<unknown> & { cells: Cell[] })[],
  issues: BatchIssue[],
) {
  if (issues.length === 0) return;
  const byRow = new Map<number, RowIssue[]>();
  for (const issue of issues) {
    const list = byRow.get(issue.row) ?? [];
    list.push({ field: issue.field, message: issue.message });
    byRow.set(issue.row, list);
  }
  for (const entry of batch) {
    const list = byRow.get(entry.row);
    if (list) problems.add(entry.row, entry.cells, list);
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading jobs

export async function listJobs(deps: AppDeps, page: number, pageSize: number) {
  const { rows, total } = await repo.listJobs(deps.db, page, pageSize);
  return { items: rows.map((row) => presentJobSummary(withLiveProgress(row))), total };
}

/** A key without the read scope sees only jobs of the kinds it may import. */
async function requireJob(deps: AppDeps, viewer: Viewer, jobId: number) {
  const row = await repo.findJob(deps.db, jobId);
  const scopes = viewer.apiKey?.scopes;
  if (!row || (scopes && !scopes.read && !(scopes.imports as string[]).includes(row.kind))) {
    throw notFound('Import job');
  }
  return row;
}

export async function getJob(deps: AppDeps, viewer: Viewer, jobId: number): Promise<ImportJob> {
  return presentJob(withLiveProgress(await requireJob(deps, viewer, jobId)));
}

export async function errorReportOf(deps: AppDeps, viewer: Viewer, jobId: number) {
  const row = await requireJob(deps, viewer, jobId);
  const stored = row.errors_json ? (JSON.parse(row.errors_json) as StoredErrors) : null;
  return {
    fileName: row.file_name,
    headers: stored?.report.headers ?? [],
    rows: stored?.report.rows ?? [],
  };
}

/**
 * At start-up on SQLite (one instance by definition), a job still `running` was cut off by a stop or
 * a crash: its transaction rolled back, so nothing of it was written. Say so instead of leaving it
 * running forever. On PostgreSQL another instance may be running it, so jobs are left alone there.
 */
export async function failInterruptedJobs(deps: AppDeps): Promise<number> {
  if (deps.dialect !== 'sqlite') return 0;
  return repo.failRunningJobs(
    deps.db,
    'Interrupted: the server stopped before this import finished; nothing was written. Upload the file again.',
    deps.clock().toISOString(),
  );
}
