import type {
  ImportError,
  ImportJob,
  ImportJobStatus,
  ImportJobSummary,
  ImportKindCode,
  ImportMode,
} from '../../../shared/schemas/import';
import type { JobSummaryRow } from './imports.repository';

/** What a job keeps of its problems: the listed errors, and the bad rows as they were in the file. */
export interface StoredErrors {
  errors: ImportError[];
  report: { headers: string[]; rows: { row: number; cells: string[]; messages: string[] }[] };
}

export function presentJobSummary(row: JobSummaryRow): ImportJobSummary {
  return {
    jobId: row.id,
    kind: row.kind as ImportKindCode,
    mode: row.mode as ImportMode,
    status: row.status as ImportJobStatus,
    fileName: row.file_name,
    fileHash: row.file_hash,
    rows: row.rows,
    processed: row.processed,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    errorCount: row.error_count,
    message: row.message,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    createdBy:
      row.api_key_id !== null
        ? `apikey:${row.api_key_name ?? row.api_key_id}`
        : (row.created_by_username ?? ''),
  };
}

export function presentJob(row: JobSummaryRow & { errors_json: string | null }): ImportJob {
  const stored = row.errors_json ? (JSON.parse(row.errors_json) as StoredErrors) : null;
  return { ...presentJobSummary(row), errors: stored?.errors ?? [] };
}
