import { z } from 'zod';
import { errorBody } from '../../../shared/schemas/common';
import {
  importAcceptedSchema,
  importJobListQuerySchema,
  importJobListSchema,
  importJobParams,
  importJobSchema,
  importKindParams,
  importQuerySchema,
  importResultSchema,
  templateQuerySchema,
} from '../../../shared/schemas/import';
import type { AppDeps } from '../../deps';
import { viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import { CONTENT_TYPES, contentDisposition } from '../exports/table-file';
import * as service from './imports.service';

export type { ImportLimits } from './imports.service';

import { receiveUpload } from './parse';
import { errorReportFile, templateFile } from './templates';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const ADMIN = ['admin'] as const;
const file = (what: string) => z.any().describe(what);

const IMPORT_DESCRIPTION = `Send one CSV or XLSX file as multipart/form-data in the field \`file\` (at most 1 GiB).
CSV may be UTF-8 (with or without BOM) or GB18030; XLSX is read from its first visible sheet, or \`?sheet=\`.
The header row names the columns of DOMAIN §7.3, in English or Chinese, in any order and case; a column the kind does not know is refused (400), so that a misspelt header cannot drop its data silently, and a missing required column too. An empty cell clears the field (or sets its default); a column left out leaves the field as stored.
Natural keys: customers \`code\`; contacts \`customer_code\` + \`name\` + \`role\`; accounts \`account_no\`; account-monthly \`account_no\` + \`month\`; interactions \`ref\`; prospects \`code\`; financial-statements \`customer_code\` + \`fiscal_year\` (corporate customers only); risk-flags \`customer_code\` + \`code\` + \`recorded_on\` (a \`cleared_on\` clears the flag; the customers whose flags changed are screened again). A key twice in one file is an error. References must already be stored: import customers first, then contacts, accounts, financial-statements and risk-flags, then account-monthly; a prospect's introducer (\`referrer_prospect_code\`) is stored or in an earlier row of the file.
\`validate\` checks every row and writes nothing; \`commit\` writes everything or, if any row has a problem, nothing. Rows equal to what is stored are counted as unchanged and not written, so importing the same file twice changes nothing.
Files up to 5 MiB are answered at once (200); larger ones answer 202 with a job to poll at GET /imports/{jobId}.`;

export function importsRoutes(app: ZodApp, deps: AppDeps, options: Partial<service.ImportLimits> = {}) {
  const limits = { ...service.DEFAULT_IMPORT_LIMITS, ...options };
  const runner = new service.ImportRunner();
  app.addHook('onClose', async () => runner.drain());

  app.post(
    '/imports/:kind',
    {
      config: { access: ADMIN, apiKey: 'import' },
      schema: {
        tags: ['imports'],
        summary:
          'Import a CSV or XLSX file of customers, contacts, accounts, monthly figures, contact records, prospects or financial statements',
        description: IMPORT_DESCRIPTION,
        consumes: ['multipart/form-data'],
        params: importKindParams,
        querystring: importQuerySchema,
        response: {
          200: importResultSchema,
          202: importAcceptedSchema,
          ...errors,
          413: errorBody,
          415: errorBody,
        },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const file = await receiveUpload(request, limits.maxFileBytes);
      const started = await service.startImport(
        deps,
        viewer,
        {
          kind: request.params.kind,
          mode: request.query.mode,
          sheet: request.query.sheet,
          file,
          ip: request.ip,
        },
        limits,
        runner,
      );
      return reply.status(started.status).send(started.result);
    },
  );

  app.get(
    '/imports',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['imports'],
        summary: 'Imports, newest first (without their errors)',
        querystring: importJobListQuerySchema,
        response: { 200: importJobListSchema, ...errors },
      },
    },
    async (request) => service.listJobs(deps, request.query.page, request.query.pageSize),
  );

  app.get(
    '/imports/:jobId',
    {
      config: { access: ADMIN, apiKey: ['read', 'import'] },
      schema: {
        tags: ['imports'],
        summary: 'One import: its status and progress while it runs, its counts and errors when done',
        params: importJobParams,
        response: { 200: importJobSchema, ...errors },
      },
    },
    async (request) => service.getJob(deps, viewerOf(request), request.params.jobId),
  );

  app.get(
    '/imports/:jobId/error-report',
    {
      config: { access: ADMIN, apiKey: ['read', 'import'] },
      schema: {
        tags: ['imports'],
        summary: 'The bad rows of an import as they were in the file, with an error column (XLSX)',
        description:
          'Keeps the first 10,000 bad rows. The 错误 column is ignored when the fixed file is imported again.',
        params: importJobParams,
        response: { 200: file('XLSX: the bad rows and their 错误 column'), ...errors },
      },
    },
    async (request, reply) => {
      const report = await service.errorReportOf(deps, viewerOf(request), request.params.jobId);
      const file = await errorReportFile(report);
      return reply
        .header('content-type', CONTENT_TYPES.xlsx)
        .header('content-disposition', contentDisposition(file.fileName))
        .send(file.body);
    },
  );

  app.get(
    '/imports/templates/:kind',
    {
      config: { access: ADMIN, apiKey: 'read' },
      schema: {
        tags: ['imports'],
        summary: 'A template of a kind of import: its header row in Chinese or English, and an example row',
        params: importKindParams,
        querystring: templateQuerySchema,
        response: { 200: file('the template, XLSX or CSV'), ...errors },
      },
    },
    async (request, reply) => {
      const file = await templateFile(request.params.kind, request.query.format, request.query.lang);
      return reply
        .header('content-type', CONTENT_TYPES[request.query.format])
        .header('content-disposition', contentDisposition(file.fileName))
        .send(file.body);
    },
  );
}
