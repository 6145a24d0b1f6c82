import { errorBody } from '../../../shared/schemas/common';
import {
  keyPersonsQuerySchema,
  keyPersonsSchema,
  prospectAnalyticsQuerySchema,
  prospectAnalyticsSchema,
  referralNetworkSchema,
} from '../../../shared/schemas/prospect-analytics';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './prospect-analytics.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

// Every role reads these figures, each over their own scope (access.ts): an RM their prospects, a
// team lead the team's, risk officers and administrators the bank's.
export function prospectAnalyticsRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/prospects/analytics',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['prospects'],
        summary:
          'The pipeline over the prospects created in a period: funnel, acquisition rate by RM, team, source and month, time in stage, source effectiveness',
        querystring: prospectAnalyticsQuerySchema,
        response: { 200: prospectAnalyticsSchema, ...errors },
      },
    },
    async (request) => service.prospectAnalytics(deps, viewerOf(request), request.query),
  );

  app.get(
    '/prospects/network',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['prospects'],
        summary:
          'Who introduced whom: customers, prospects (a converted one as its customer), contact persons and key persons the caller may see',
        response: { 200: referralNetworkSchema, ...errors },
      },
    },
    async (request) => service.network(deps, viewerOf(request)),
  );

  app.get(
    '/prospects/key-persons',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['prospects'],
        summary: 'Referrers ranked by the referrals they brought and how many became customers',
        querystring: keyPersonsQuerySchema,
        response: { 200: keyPersonsSchema, ...errors },
      },
    },
    async (request) => service.keyPersons(deps, viewerOf(request), request.query),
  );
}
