import { z } from 'zod';
import { errorBody } from '../../../shared/schemas/common';
import { customerExportQuerySchema } from '../../../shared/schemas/import';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './exports.service';
import { contentDisposition } from './table-file';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

export function exportsRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/customers/export',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['customers'],
        summary: 'The customers the caller may see, filtered as the list is, as an XLSX or CSV file',
        description:
          'Takes the filters and order of GET /customers (no paging): every matching row, streamed. Identifiers are masked as in the list (DOMAIN §9); headers and code labels in Chinese, or English with lang=en. CSV is UTF-8 with a BOM, so Excel shows Chinese correctly. The export is audited.',
        querystring: customerExportQuerySchema,
        response: { 200: z.any().describe('the XLSX or CSV file'), ...errors },
      },
    },
    async (request, reply) => {
      const file = await service.exportCustomers(deps, viewerOf(request), request.query, request.ip);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  );
}
