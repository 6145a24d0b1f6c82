import { z } from 'zod';
import { errorBody, idParam, pageQuery } from '../../../shared/schemas/common';
import {
  publicSurveySchema,
  surveyActionCreateSchema,
  surveyAnswersSchema,
  surveyCampaignAdvanceSchema,
  surveyCampaignCreateSchema,
  surveyCampaignListQuery,
  surveyCampaignSchema,
  surveyLinkCreateSchema,
  surveyLinkSchema,
  surveyResponseCreateSchema,
  surveyResultsSchema,
  surveyTargetSchema,
  surveyTemplateCreateSchema,
  surveyTemplatePatchSchema,
  surveyTemplateSchema,
} from '../../../shared/schemas/survey';
import { taskSchema } from '../../../shared/schemas/task';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import { contentDisposition } from '../exports/table-file';
import * as service from './surveys.service';

// Satisfaction surveys (DOMAIN §5, issue #8 parts 1–2).

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['surveys'];
/** Who designs surveys, runs campaigns and sets follow-up actions. */
const LEADS = ['team_lead', 'admin'] as const;
/** Who enters answers and sends links: those who serve customers, not risk officers (DOMAIN §1). */
const WRITERS = ['rm', 'team_lead', 'admin'] as const;
const tokenParam = z.object({ token: z.string().max(200) });

export function surveysRoutes(app: ZodApp, deps: AppDeps) {
  // ---- templates

  app.get(
    '/survey-templates',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'Survey templates: weighted items in weighted dimensions, and open questions',
        response: { 200: z.object({ items: z.array(surveyTemplateSchema) }), ...errors },
      },
    },
    async () => service.listTemplates(deps),
  );

  app.post(
    '/survey-templates',
    {
      config: { access: LEADS },
      schema: {
        tags,
        summary: 'Create a survey template',
        description:
          'Keys are unique within dimensions, items and questions; every item names one of the dimensions, and every dimension has an item.',
        body: surveyTemplateCreateSchema,
        response: { 201: surveyTemplateSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createTemplate(deps, viewerOf(request), request.body, request.ip)),
  );

  app.get(
    '/survey-templates/:id',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'A survey template',
        params: idParam,
        response: { 200: surveyTemplateSchema, ...errors },
      },
    },
    async (request) => service.getTemplate(deps, request.params.id),
  );

  app.patch(
    '/survey-templates/:id',
    {
      config: { access: LEADS },
      schema: {
        tags,
        summary: 'Change a survey template; send the version you read (409 when stale)',
        description: 'Campaigns keep the copy they were created with: editing a template never changes them.',
        params: idParam,
        body: surveyTemplatePatchSchema,
        response: { 200: surveyTemplateSchema, ...errors },
      },
    },
    async (request) =>
      service.updateTemplate(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  // ---- campaigns

  app.get(
    '/survey-campaigns',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'Survey campaigns, newest first',
        description:
          'An RM sees the campaigns with a customer of theirs among the targets; team leads, risk officers and admins see all. `targets` and `responses` count the customers the caller may see.',
        querystring: surveyCampaignListQuery,
        response: { 200: z.object({ items: z.array(surveyCampaignSchema), total: z.number() }), ...errors },
      },
    },
    async (request) => service.listCampaigns(deps, viewerOf(request), request.query),
  );

  app.post(
    '/survey-campaigns',
    {
      config: { access: LEADS },
      schema: {
        tags,
        summary: 'Create a campaign from a template and draw its sample at random from the segment',
        description:
          'The sample is up to `sampleSize` customers of the segment (value tiers, lifecycle stages, kinds, branches of the owners’ teams; an empty list means any) among those the caller may see. The campaign starts at step `plan`. A segment that matches nobody is refused (400, field `segment`).',
        body: surveyCampaignCreateSchema,
        response: { 201: surveyCampaignSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createCampaign(deps, viewerOf(request), request.body, request.ip)),
  );

  app.get(
    '/survey-campaigns/:id',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'A campaign with its steps',
        params: idParam,
        response: { 200: surveyCampaignSchema, ...errors },
      },
    },
    async (request) => service.getCampaign(deps, viewerOf(request), request.params.id),
  );

  app.post(
    '/survey-campaigns/:id/advance',
    {
      config: { access: LEADS },
      schema: {
        tags,
        summary: 'Move the campaign to its next step (plan → fieldwork → analysis → report → follow_up)',
        description:
          'Any step but the very next one answers 400 with code `step_skipped` on field `step`; a stale version 409.',
        params: idParam,
        body: surveyCampaignAdvanceSchema,
        response: { 200: surveyCampaignSchema, ...errors },
      },
    },
    async (request) =>
      service.advanceCampaign(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.get(
    '/survey-campaigns/:id/targets',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary:
          'The sampled customers the caller may see, whether they answered, how, and their latest link',
        params: idParam,
        querystring: z.object(pageQuery),
        response: { 200: z.object({ items: z.array(surveyTargetSchema), total: z.number() }), ...errors },
      },
    },
    async (request) => service.listTargets(deps, viewerOf(request), request.params.id, request.query),
  );

  app.post(
    '/survey-campaigns/:id/responses',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: 'Enter a target customer’s answers (during fieldwork)',
        description:
          'Every item answered exactly once, expectation and perception 1–7; open questions optional. 409 `campaign_not_in_fieldwork` outside fieldwork, 409 `already_responded` for a second response. Answers the target.',
        params: idParam,
        body: surveyResponseCreateSchema,
        response: { 201: surveyTargetSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.enterResponse(deps, viewerOf(request), request.params.id, request.body, request.ip),
        ),
  );

  app.post(
    '/survey-campaigns/:id/links',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: 'A one-time link for a target customer to answer on their phone (during plan or fieldwork)',
        description:
          'The token is shown once (only its hash is kept). The link works once, while the campaign is in fieldwork, until it expires after the campaign’s `linkDays`. A new link for the same customer ends the earlier unused ones.',
        params: idParam,
        body: surveyLinkCreateSchema,
        response: { 201: surveyLinkSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createLink(deps, viewerOf(request), request.params.id, request.body, request.ip)),
  );

  app.get(
    '/survey-campaigns/:id/results',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary:
          'Satisfaction per item, dimension, segment and customer, with the importance–performance chart',
        description:
          'Over the responses of the customers the caller may see. Item: Σ perceived ÷ Σ expected; dimension: item-weighted mean; overall: dimension-weighted mean (DOMAIN §5).',
        params: idParam,
        response: { 200: surveyResultsSchema, ...errors },
      },
    },
    async (request) => service.campaignResults(deps, viewerOf(request), request.params.id),
  );

  app.get(
    '/survey-campaigns/:id/report.xlsx',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: 'The results as an XLSX report, with Chinese and English headers; audited',
        params: idParam,
        response: { 200: z.any().describe('the XLSX file'), ...errors },
      },
    },
    async (request, reply) => {
      const file = await service.campaignReport(deps, viewerOf(request), request.params.id, request.ip);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.buffer);
    },
  );

  app.post(
    '/survey-campaigns/:id/actions',
    {
      config: { access: LEADS },
      schema: {
        tags,
        summary: 'A follow-up action (step follow_up): a task for the assignee, source `survey`',
        description: 'Outside the follow-up step: 409 `campaign_not_in_follow_up`.',
        params: idParam,
        body: surveyActionCreateSchema,
        response: { 201: taskSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createAction(deps, viewerOf(request), request.params.id, request.body, request.ip),
        ),
  );

  // ---- the customer's one-time link: no session, no CSRF token; the token is the credential

  const publicErrors = { 400: errorBody, 404: errorBody, 409: errorBody, 410: errorBody };

  app.get(
    '/public/surveys/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The survey behind a one-time link: its wording only, nothing of the customer or the bank',
        description:
          '404 unknown token; 410 `link_used` or `link_expired`; 409 `campaign_not_open` (plan), `campaign_closed` (after fieldwork) or `already_responded`.',
        security: [],
        params: tokenParam,
        response: { 200: publicSurveySchema, ...publicErrors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return service.getPublicSurvey(deps, request.params.token);
    },
  );

  app.post(
    '/public/surveys/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The customer’s answers through a one-time link; the link is used up',
        description:
          'The errors of the GET, and 400 for answers that do not fit the survey. Nothing is written on an error.',
        security: [],
        params: tokenParam,
        body: surveyAnswersSchema,
        response: { 201: z.object({ submittedAt: z.string() }), ...publicErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .header('cache-control', 'no-store')
        .send(await service.submitPublicSurvey(deps, request.params.token, request.body, request.ip)),
  );
}
