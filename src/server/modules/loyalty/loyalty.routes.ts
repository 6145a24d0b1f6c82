import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  churnAnalysisQuery,
  churnAnalysisSchema,
  churnListQuery,
  churnRecordPatchSchema,
  churnRecordSchema,
  customerLoyaltySchema,
  loyaltyAnalysisQuery,
  loyaltyAnalysisSchema,
  loyaltyAssessmentCreateSchema,
  loyaltyAssessmentSchema,
  loyaltySettingsUpdateSchema,
  loyaltySettingsVersionSchema,
} from '../../../shared/schemas/loyalty';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as service from './loyalty.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
/** Those who may edit relationship data: not risk officers (DOMAIN §1). */
const WRITERS = ['rm', 'team_lead', 'admin'] as const;
const tags = ['churn and loyalty'];

export function loyaltyRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/customers/:id/loyalty',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "The customer's loyalty: the index and the six measures of DOMAIN §5, with the levers",
        description:
          'Index and scores are those of the last value run (`asOf`); the evidence is read now. ' +
          'Scores are 0…1, null while unknown.',
        params: idParam,
        response: { 200: customerLoyaltySchema, ...errors },
      },
    },
    async (request) => service.customerLoyalty(deps, viewerOf(request), request.params.id),
  );

  app.post(
    '/customers/:id/loyalty-assessments',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: "Record the RM's assessment of the customer's price sensitivity and attitude to competitors",
        description: 'Both 1–5, 5 the most loyal answer. The next value run scores it.',
        params: idParam,
        body: loyaltyAssessmentCreateSchema,
        response: { 201: loyaltyAssessmentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await service.addAssessment(
        deps,
        viewerOf(request),
        request.params.id,
        request.body,
        request.ip,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/analytics/loyalty',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'Loyalty of a portfolio: mean index, distribution, the six measures, acquisition and churn',
        description:
          'Default portfolio: the bank for risk officers and administrators, the team for a lead, the ' +
          'RM’s own otherwise. The acquisition rate (issue #6) is null for a branch.',
        querystring: loyaltyAnalysisQuery,
        response: { 200: loyaltyAnalysisSchema, ...errors },
      },
    },
    async (request) => service.loyaltyAnalysis(deps, viewerOf(request), request.query),
  );

  app.get(
    '/churn',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary:
          'The churn rate of a portfolio per month and over the period, with causes, reasons and segments',
        description:
          'Churn rate = customers lost in the period ÷ customers at its start (DOMAIN §5). A customer is ' +
          'at the start of a month when its first product was opened before the month and not every ' +
          'product was closed before it. Default period: the 12 months ending last month.',
        querystring: churnAnalysisQuery,
        response: { 200: churnAnalysisSchema, ...errors },
      },
    },
    async (request) => service.churnAnalysis(deps, viewerOf(request), request.query),
  );

  app.get(
    '/churn/records',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'The customers found lost, newest first, with why they left when recorded',
        querystring: churnListQuery,
        response: { 200: z.object({ items: z.array(churnRecordSchema), total: z.number() }), ...errors },
      },
    },
    async (request) => service.listChurnRecords(deps, viewerOf(request), request.query),
  );

  app.patch(
    '/churn/records/:id',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: 'Record why a lost customer left',
        params: idParam,
        body: churnRecordPatchSchema,
        response: { 200: churnRecordSchema, ...errors },
      },
    },
    async (request) =>
      service.recordChurnReason(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.get(
    '/settings/loyalty',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'The loyalty settings in force (version 0: the built-in default)',
        response: { 200: loyaltySettingsVersionSchema, ...errors },
      },
    },
    async () => service.getLoyaltySettings(deps),
  );
  app.get(
    '/settings/loyalty/versions',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'Every version of the loyalty settings, newest first: who, when and why',
        response: { 200: z.object({ items: z.array(loyaltySettingsVersionSchema) }), ...errors },
      },
    },
    async () => service.loyaltySettingsVersions(deps),
  );
  app.put(
    '/settings/loyalty',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary:
          'Save a new version of the loyalty settings, with the reason; every loyalty is computed again',
        body: loyaltySettingsUpdateSchema,
        response: {
          200: loyaltySettingsVersionSchema.extend({
            runId: z
              .number()
              .nullable()
              .describe('the run computing every figure again; null when one was under way'),
          }),
          ...errors,
        },
      },
    },
    async (request) => service.saveLoyaltySettings(deps, viewerOf(request), request.body, request.ip),
  );
}
