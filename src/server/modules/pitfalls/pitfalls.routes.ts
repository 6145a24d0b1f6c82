import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import { pitfallSchema, pitfallsQuerySchema, portfolioPitfallSchema } from '../../../shared/schemas/value';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './pitfalls.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

const RULES = `Concessions: the yearly cost of the concessions in force today is more than the configured share (value settings \`concessionShare\`, default 30%) of the customer's realized value; exactly the share is not a warning, any cost with no positive realized value is. Evidence: \`yearlyCost\`, \`realized\` (yuan), \`share\`, \`ratio\` (null when realized ≤ 0).
Statements: a corporate customer with a loan account open today (working-capital, fixed-asset or mortgage) whose latest financial statements are \`missing\`, \`stale\` (a fiscal year's statements are current until the end of the month \`statementMaxAgeMonths\`, default 15, after 31 December: FY2024 until 2026-03-31) or \`worsening\` (owners' equity ≤ 0, or at least two of: revenue, net profit, operating cash flow lower than the year before, debt ratio higher). Evidence: \`problem\`, \`latestYear\`, \`currentUntil\` (stale), \`signs\` (worsening).`;

export function pitfallsRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/customers/:id/pitfalls',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['pitfalls'],
        summary: "The customer's pitfall warnings (DOMAIN §5): excessive concessions, unsound statements",
        description: RULES,
        params: idParam,
        response: { 200: z.object({ items: z.array(pitfallSchema) }), ...errors },
      },
    },
    async (request) => service.pitfallsOfCustomer(deps, viewerOf(request), request.params.id),
  );

  app.get(
    '/pitfalls',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['pitfalls'],
        summary: "The pitfall warnings of the caller's portfolio, or of one owner's customers in it",
        description: `Concessions first, the largest excess over the share first; then statements: missing, the stalest, worsening. \`total\` counts every warning; \`items\` holds the first \`limit\`.\n${RULES}`,
        querystring: pitfallsQuerySchema,
        response: {
          200: z.object({ items: z.array(portfolioPitfallSchema), total: z.number() }),
          ...errors,
        },
      },
    },
    async (request) => service.portfolioPitfalls(deps, viewerOf(request), request.query),
  );
}
