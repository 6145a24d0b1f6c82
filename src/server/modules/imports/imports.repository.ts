import type { Updateable } from 'kysely';
import type { Db, ImportJobTable } from '../../db/database';

// Import jobs: one row per uploaded file, whoever sent it and whatever came of it. The rows' own
// reads and writes live with their kinds (kinds/).

export interface NewJob {
  kind: string;
  mode: string;
  fileName: string;
  fileHash: string;
  fileSize: number;
  createdBy: number | null;
  apiKeyId: number | null;
  at: string;
}

export async function insertJob(db: Db, job: NewJob) {
  const { id } = await db
    .insertInto('import_jobs')
    .values({
      kind: job.kind,
      mode: job.mode,
      status: 'running',
      file_name: job.fileName,
      file_hash: job.fileHash,
      file_size: job.fileSize,
      rows: 0,
      processed: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      error_count: 0,
      errors_json: null,
      message: null,
      created_by: job.createdBy,
      api_key_id: job.apiKeyId,
      created_at: job.at,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateJob(
  db: Db,
  id: number,
  set: Omit<Updateable<ImportJobTable>, 'id' | 'kind' | 'mode' | 'created_at' | 'created_by'>,
) {
  await db.updateTable('import_jobs').set(set).where('id', '=', id).execute();
}

const summaryColumns = [
  'import_jobs.id',
  'import_jobs.kind',
  'import_jobs.mode',
  'import_jobs.status',
  'import_jobs.file_name',
  'import_jobs.file_hash',
  'import_jobs.file_size',
  'import_jobs.rows',
  'import_jobs.processed',
  'import_jobs.inserted',
  'import_jobs.updated',
  'import_jobs.unchanged',
  'import_jobs.error_count',
  'import_jobs.message',
  'import_jobs.created_at',
  'import_jobs.finished_at',
  'import_jobs.api_key_id',
] as const;

function jobs(db: Db) {
  return db
    .selectFrom('import_jobs')
    .leftJoin('users', 'users.id', 'import_jobs.created_by')
    .leftJoin('api_keys', 'api_keys.id', 'import_jobs.api_key_id')
    .select([...summaryColumns, 'users.username as created_by_username', 'api_keys.name as api_key_name']);
}

export type JobSummaryRow = Awaited<ReturnType<typeof listJobs>>['rows'][number];

export async function listJobs(db: Db, page: number, pageSize: number) {
  const rows = await jobs(db)
    .orderBy('import_jobs.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const { total } = await db
    .selectFrom('import_jobs')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

export function findJob(db: Db, id: number) {
  return jobs(db).select('import_jobs.errors_json').where('import_jobs.id', '=', id).executeTakeFirst();
}

/** Marks every job still running as failed with this message; answers how many. */
export async function failRunningJobs(db: Db, message: string, now: string) {
  const result = await db
    .updateTable('import_jobs')
    .set({ status: 'failed', message, finished_at: now })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
