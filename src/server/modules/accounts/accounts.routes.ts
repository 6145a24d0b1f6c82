import { z } from 'zod';
import {
  accountListSchema,
  accountMonthSchema,
  accountMonthsQuerySchema,
  accountParams,
  accountSchema,
  customerMonthSchema,
  monthsQuerySchema,
} from '../../../shared/schemas/account';
import { errorBody, idParam } from '../../../shared/schemas/common';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './accounts.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

export function accountsRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/customers/:id/accounts',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['accounts'],
        summary: "The customer's accounts, open first, each with its latest month's figures, and totals",
        description:
          'Account numbers are masked (first 6 and last 4). Amounts are yuan with 2 decimals, summed exactly in fen. `totals` sums the accounts’ figures of the customer’s latest month with figures.',
        params: idParam,
        response: { 200: accountListSchema, ...errors },
      },
    },
    async (request) => service.listAccounts(deps, viewerOf(request), request.params.id),
  );

  app.get(
    '/customers/:id/monthly',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['accounts'],
        summary:
          "The customer's monthly figures by product group (deposit, loan, other), for the balance chart",
        description:
          'The last `months` months that have figures, ascending; months without any figures are left out. Each month sums the average daily balance, net interest contribution and fee income of the customer’s accounts, exactly (in fen).',
        params: idParam,
        querystring: monthsQuerySchema,
        response: { 200: z.object({ items: z.array(customerMonthSchema) }), ...errors },
      },
    },
    async (request) =>
      service.customerMonthly(deps, viewerOf(request), request.params.id, request.query.months),
  );

  app.get(
    '/customers/:id/accounts/:accountId/monthly',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['accounts'],
        summary: "One account's monthly figures, ascending",
        params: accountParams,
        querystring: accountMonthsQuerySchema,
        response: {
          200: z.object({ account: accountSchema, items: z.array(accountMonthSchema) }),
          ...errors,
        },
      },
    },
    async (request) =>
      service.accountMonthly(
        deps,
        viewerOf(request),
        request.params.id,
        request.params.accountId,
        request.query.months,
      ),
  );
}
