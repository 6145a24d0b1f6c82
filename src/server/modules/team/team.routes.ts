import { errorBody } from '../../../shared/schemas/common';
import { teamOverviewQuerySchema, teamOverviewSchema } from '../../../shared/schemas/day';
import type { AppDeps } from '../../deps';
import { viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import { teamOverview } from './team.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

export function teamRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/team/overview',
    {
      config: { access: ['team_lead', 'admin'] },
      schema: {
        tags: ['team'],
        summary:
          'A team over a period: plans by status, objective attainment and contacts per customer, per RM',
        querystring: teamOverviewQuerySchema,
        response: { 200: teamOverviewSchema, ...errors },
      },
    },
    async (request) => teamOverview(deps, viewerOf(request), request.query),
  );
}
