import { errorBody } from '../../../shared/schemas/common';
import { dayQuerySchema, daySchema } from '../../../shared/schemas/day';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import { dayOf } from './day.service';

const errors = { 400: errorBody, 401: errorBody };

export function dayRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/day',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['day'],
        summary:
          'The caller’s day (工作台): visits, overdue and due tasks, memos to follow up, recent contacts …',
        querystring: dayQuerySchema,
        response: { 200: daySchema, ...errors },
      },
    },
    async (request) => dayOf(deps, viewerOf(request), request.query.date),
  );
}
