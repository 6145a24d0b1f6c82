import { z } from 'zod';
import { IMPORT_KINDS, type ImportKindCode } from './api-key';
import { pageQuery } from './common';
import { customerListQuerySchema } from './customer';

// Imports and exports of bank data (DOMAIN §7.2, §7.3): the API shapes the UI and the bank's machine
// clients rely on. The header names of each kind live with the kind (server/modules/imports/kinds).

export { IMPORT_KINDS, type ImportKindCode };

export const IMPORT_MODES = ['validate', 'commit'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const IMPORT_JOB_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];
export const FILE_FORMATS = ['xlsx', 'csv'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];
export const FILE_LANGS = ['zh-CN', 'en'] as const;
export type FileLang = (typeof FILE_LANGS)[number];

/** Listed errors of one import are capped; `errorCount` is always exact. */
export const MAX_LISTED_ERRORS = 1000;
/** Bad rows kept with their original cells for the error report. */
export const MAX_REPORTED_ROWS = 10_000;

export const importKindParams = z.object({ kind: z.enum(IMPORT_KINDS) });
export const importJobParams = z.object({ jobId: z.coerce.number().int().positive().max(2_147_483_647) });

export const importQuerySchema = z.strictObject({
  mode: z
    .enum(IMPORT_MODES)
    .default('validate')
    .describe('validate: check every row and write nothing; commit: write everything or nothing'),
  sheet: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'XLSX only: the sheet to read, by name or 1-based position; the first visible sheet when absent',
    ),
});

export const importErrorSchema = z.object({
  row: z.number().describe('data row number, counted from 1 after the header row'),
  column: z.string().describe('the column header as written in the file'),
  message: z.string(),
});
export type ImportError = z.output<typeof importErrorSchema>;

const counts = {
  rows: z.number().describe('data rows read'),
  inserted: z.number().describe('rows that are new (commit) or would be (validate)'),
  updated: z.number().describe('rows that change a stored record (commit) or would'),
  unchanged: z.number().describe('rows equal to what is stored'),
  errorCount: z.number().describe('every problem found; `errors` lists the first 1,000'),
};

export const importResultSchema = z.object({
  jobId: z.number(),
  kind: z.enum(IMPORT_KINDS),
  mode: z.enum(IMPORT_MODES),
  status: z.enum(['succeeded', 'failed']),
  fileName: z.string(),
  ...counts,
  errors: z.array(importErrorSchema),
});
export type ImportResult = z.output<typeof importResultSchema>;

export const importAcceptedSchema = z.object({
  jobId: z.number(),
  status: z.literal('running'),
});

export const importJobSummarySchema = z.object({
  jobId: z.number(),
  kind: z.enum(IMPORT_KINDS),
  mode: z.enum(IMPORT_MODES),
  status: z.enum(IMPORT_JOB_STATUSES),
  fileName: z.string(),
  fileHash: z.string().describe('SHA-256 of the uploaded file, hex'),
  ...counts,
  processed: z
    .number()
    .describe(
      'rows read, checked (and, in a commit, written) so far; `rows` is the total once the job has ended',
    ),
  message: z.string().nullable().describe('what the job is doing while it runs; why it failed'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  createdBy: z.string().describe('username, or apikey:<name> for a machine client'),
});
export type ImportJobSummary = z.output<typeof importJobSummarySchema>;

export const importJobSchema = importJobSummarySchema.extend({ errors: z.array(importErrorSchema) });
export type ImportJob = z.output<typeof importJobSchema>;

export const importJobListQuerySchema = z.strictObject({ ...pageQuery });
export const importJobListSchema = z.object({ items: z.array(importJobSummarySchema), total: z.number() });

export const fileQuery = {
  format: z.enum(FILE_FORMATS).default('xlsx'),
  lang: z.enum(FILE_LANGS).default('zh-CN').describe('language of the header row (and of code labels)'),
};

export const templateQuerySchema = z.strictObject(fileQuery);

/** The filters and order of GET /customers, without paging, and the file to write. */
export const customerExportQuerySchema = customerListQuerySchema
  .omit({ page: true, pageSize: true })
  .extend(fileQuery);
export type CustomerExportQuery = z.output<typeof customerExportQuerySchema>;
