import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  financialStatementPutSchema,
  financialStatementSchema,
  fiscalYearParam,
} from '../../../shared/schemas/value';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './financial-statements.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
/** Writing statements is editing the customer: risk officers read them only (DOMAIN §1). */
const WRITERS = ['rm', 'team_lead', 'admin'] as const;

export function financialStatementsRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/customers/:id/financial-statements',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['financial-statements'],
        summary: "A corporate customer's annual financial statements, newest fiscal year first",
        description:
          'Amounts are yuan; null means not reported. An individual customer has none: 400 naming `kind`.',
        params: idParam,
        response: { 200: z.object({ items: z.array(financialStatementSchema) }), ...errors },
      },
    },
    async (request) => ({
      items: await service.listStatements(deps, viewerOf(request), request.params.id),
    }),
  );

  app.put(
    '/customers/:id/financial-statements/:year',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['financial-statements'],
        summary: "Write a corporate customer's statements of one fiscal year",
        description:
          'The year is written whole: a figure left out is stored as not reported (null). `version` 0 creates the year (201); otherwise send the version you read (200; 409 when someone changed it since, or when the year exists and 0 was sent). Amounts are yuan with at most 2 decimals and may be negative.',
        params: fiscalYearParam,
        body: financialStatementPutSchema,
        response: { 200: financialStatementSchema, 201: financialStatementSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { statement, created } = await service.putStatement(
        deps,
        viewerOf(request),
        request.params.id,
        request.params.year,
        request.body,
        request.ip,
      );
      return reply.status(created ? 201 : 200).send(statement);
    },
  );
}
