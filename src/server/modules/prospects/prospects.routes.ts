import { z } from 'zod';
import { errorBody, idParam } from '../../../shared/schemas/common';
import {
  assessmentInputSchema,
  boardQuerySchema,
  boardSchema,
  convertSchema,
  duplicateSchema,
  mergeSchema,
  profileChangeSchema,
  profileUpdateSchema,
  profileVersionSchema,
  prospectCreateSchema,
  prospectDetailSchema,
  prospectListQuerySchema,
  prospectMoveSchema,
  prospectPatchSchema,
  prospectSummarySchema,
  tacticInputSchema,
} from '../../../shared/schemas/prospect';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import * as profiles from './ideal-customer-profile';
import * as service from './prospects.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const WORKERS = ['rm', 'team_lead'] as const;

export function prospectsRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    '/prospects',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['prospects'],
        summary: 'Prospects the caller may see: paginated, sorted and filtered on the server',
        description: '`q` finds a name fragment, or exactly a prospect code or ID number.',
        querystring: prospectListQuerySchema,
        response: {
          200: z.object({
            items: z.array(prospectSummarySchema),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
          ...errors,
        },
      },
    },
    async (request) => service.listProspects(deps, viewerOf(request), request.query),
  );

  app.get(
    '/prospects/board',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['prospects'],
        summary: 'The pipeline as a kanban board: per status, how many and the best-fitting few',
        querystring: boardQuerySchema,
        response: { 200: boardSchema, ...errors },
      },
    },
    async (request) => service.board(deps, viewerOf(request), request.query),
  );

  app.post(
    '/prospects',
    {
      config: { access: WORKERS },
      schema: {
        tags: ['prospects'],
        summary: 'Record a prospect with where it came from; its fit score is computed at once',
        description:
          '409 `duplicate` when a customer or prospect has the same ID number; 409 `possible_duplicate` (with `error.details.duplicates`) when one of the same region has a very similar name, unless `acknowledgeDuplicates` is true.',
        body: prospectCreateSchema,
        response: { 201: prospectDetailSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createProspect(deps, viewerOf(request), request.body, request.ip)),
  );

  app.get(
    '/prospects/:id',
    {
      config: { access: ALL_ROLES, apiKey: 'read' },
      schema: {
        tags: ['prospects'],
        summary: 'One prospect: fit, assessment, tactics, stage history and the moves allowed now',
        params: idParam,
        response: { 200: prospectDetailSchema, ...errors },
      },
    },
    async (request) => service.getProspect(deps, viewerOf(request), request.params.id),
  );

  app.patch(
    '/prospects/:id',
    {
      config: { access: WORKERS },
      schema: {
        tags: ['prospects'],
        summary: 'Change a prospect’s facts (the fit score follows)',
        params: idParam,
        body: prospectPatchSchema,
        response: { 200: prospectDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.updateProspect(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.post(
    '/prospects/:id/moves',
    {
      config: { access: WORKERS },
      schema: {
        tags: ['prospects'],
        summary: 'Move a prospect to another stage, disqualify it (with a reason) or reopen it',
        description:
          '400 `stage_rule` when a stage’s entry rule refuses: `error.details` names the stage and the reason in Chinese and English.',
        params: idParam,
        body: prospectMoveSchema,
        response: { 200: prospectDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.moveProspect(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.put(
    '/prospects/:id/assessment',
    {
      config: { access: WORKERS },
      schema: {
        tags: ['prospects'],
        summary: 'The customer assessment 客户评估: needs, wallet, risks and the decision',
        params: idParam,
        body: assessmentInputSchema,
        response: { 200: prospectDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.assessProspect(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.post(
    '/prospects/:id/tactics',
    {
      config: { access: WORKERS },
      schema: {
        tags: ['prospects'],
        summary:
          'Record how the relationship is approached: meeting needs, linked marketing, indirect expansion',
        params: idParam,
        body: tacticInputSchema,
        response: { 200: prospectDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.addTactic(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.post(
    '/prospects/:id/convert',
    {
      config: { access: WORKERS },
      schema: {
        tags: ['prospects'],
        summary:
          'Convert into a customer (lifecycle development): its contacts, plans, tasks and referral move with it',
        params: idParam,
        body: convertSchema,
        response: {
          200: z.object({ customerId: z.number(), prospect: prospectDetailSchema }),
          ...errors,
        },
      },
    },
    async (request) =>
      service.convertProspect(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.get(
    '/prospects/:id/duplicates',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['prospects'],
        summary: 'Customers and prospects with the same ID number, or a very similar name in the same region',
        params: idParam,
        response: { 200: z.object({ items: z.array(duplicateSchema) }), ...errors },
      },
    },
    async (request) => service.listDuplicates(deps, viewerOf(request), request.params.id),
  );

  app.post(
    '/prospects/:id/merge',
    {
      config: { access: WORKERS },
      schema: {
        tags: ['prospects'],
        summary: 'Merge a duplicate into another prospect or a customer: its records move there',
        params: idParam,
        body: mergeSchema,
        response: { 200: prospectDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.mergeProspect(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  app.get(
    '/settings/ideal-customer-profile',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['prospects'],
        summary: 'The ideal-customer profile in force (version 0: the built-in default)',
        response: { 200: profileVersionSchema, ...errors },
      },
    },
    async () => profiles.getProfile(deps),
  );

  app.get(
    '/settings/ideal-customer-profile/versions',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: ['prospects'],
        summary: 'Every version of the profile, newest first: who changed it, when and why',
        response: { 200: z.object({ items: z.array(profileVersionSchema) }), ...errors },
      },
    },
    async () => profiles.listProfiles(deps),
  );

  app.put(
    '/settings/ideal-customer-profile',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['prospects'],
        summary: 'Save a new version of the profile (with the reason); open prospects are rescored',
        body: profileUpdateSchema,
        response: { 200: profileChangeSchema, ...errors },
      },
    },
    async (request) => profiles.updateProfile(deps, viewerOf(request), request.body, request.ip),
  );
}
