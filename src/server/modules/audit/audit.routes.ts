import { z } from 'zod';
import { auditPageSchema as pageSchema } from '../../../shared/schemas/audit';
import { bankDayStart, errorBody, idParam, isoDate, pageQuery } from '../../../shared/schemas/common';
import type { AppDeps } from '../../deps';
import { viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import { browseAudit, customerAudit } from './audit.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

export function auditRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/audit',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered (administrators)',
        querystring: z.strictObject({
          ...pageQuery,
          actorId: z.coerce.number().int().positive().optional(),
          entity: z.string().max(32).optional(),
          entityId: z.string().max(64).optional(),
          action: z.string().max(32).optional(),
          customerId: z.coerce.number().int().positive().optional(),
          from: isoDate.optional().describe('first day included, YYYY-MM-DD (bank time, Asia/Shanghai)'),
          to: isoDate.optional().describe('last day included, YYYY-MM-DD (bank time, Asia/Shanghai)'),
        }),
        response: { 200: pageSchema, ...errors },
      },
    },
    async (request) => {
      const { page, pageSize, from, to, ...filter } = request.query;
      return browseAudit(
        deps,
        { ...filter, from: from && bankDayStart(from), to: to && bankDayStart(to, 1) },
        page,
        pageSize,
      );
    },
  );

  app.get(
    '/customers/:id/audit',
    {
      config: { access: ['team_lead', 'risk_officer', 'admin'] },
      schema: {
        tags: ['audit'],
        summary: "One customer's change history, newest first",
        params: idParam,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageSchema, ...errors },
      },
    },
    async (request) =>
      customerAudit(deps, viewerOf(request), request.params.id, request.query.page, request.query.pageSize),
  );
}
