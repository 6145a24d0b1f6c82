import { z } from 'zod';
import { errorBody, idParam, positiveId } from '../../../shared/schemas/common';
import {
  candidateListQuery,
  candidateListSchema,
  candidatePatchSchema,
  candidateSchema,
  exitCriteriaPutSchema,
  exitCriteriaSchema,
  exitPlanActionSchema,
  exitPlanCompleteSchema,
  exitPlanCreateSchema,
  exitPlanDecisionSchema,
  exitPlanListQuery,
  exitPlanPatchSchema,
  exitPlanSchema,
  exitPlanSummarySchema,
  exitReportQuery,
  exitReportSchema,
  exitStepPatchSchema,
  riskFlagClearSchema,
  riskFlagCreateSchema,
  riskFlagSchema,
  screeningAnswerSchema,
  screeningRequestSchema,
  screeningSchema,
  watchItemSchema,
  watchListQuery,
} from '../../../shared/schemas/exit';
import type { AppDeps } from '../../deps';
import { ALL_ROLES, viewerOf } from '../../http/auth';
import type { ZodApp } from '../../http/zod-app';
import { startValues } from '../customer-value/recompute';
import * as settings from './exit-settings';
import * as plans from './plans.service';
import * as report from './report.service';
import * as flags from './risk-flags.service';
import * as screening from './screening.service';

// Relationship exit (issue #9, DOMAIN §6 and §7.2).

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const TAGS = ['exit'];
/** Risk data is recorded by those who serve and those who watch the customer (DOMAIN §6.1). */
const FLAG_WRITERS = ['rm', 'team_lead', 'risk_officer'] as const;
/** Exit plans are drafted and carried out by RMs and team leads; the workflow names who decides. */
const PLANNERS = ['rm', 'team_lead'] as const;
const DECIDERS = ['team_lead', 'risk_officer'] as const;
const planParams = idParam;
const versionQuery = z.object({ version: z.coerce.number().int().positive() });

export function exitRoutes(app: ZodApp, deps: AppDeps) {
  // ---- exit criteria settings
  app.get(
    '/settings/exit-criteria',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: 'The exit criteria in force (version 0: the built-in default)',
        description:
          'Restricted industries (GB/T 4754: a section letter matches all its divisions, a division only itself), ' +
          'the EX3 thresholds, the consecutive years, the one-year benchmark loan rates by the day they apply from, ' +
          'and whether a team lead reviews exit plans before the risk officer.',
        response: { 200: exitCriteriaSchema, ...errors },
      },
    },
    async () => settings.loadExitCriteria(deps.db),
  );
  app.get(
    '/settings/exit-criteria/versions',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: 'Every version of the exit criteria, newest first: who, when and why',
        response: { 200: z.object({ items: z.array(exitCriteriaSchema) }), ...errors },
      },
    },
    async () => settings.exitCriteriaVersions(deps),
  );
  app.put(
    '/settings/exit-criteria',
    {
      config: { access: ['admin'] },
      schema: {
        tags: TAGS,
        summary: 'Save a new version of the exit criteria',
        description:
          'Fields left out keep the value in force. Send the `version` you read to be told (409) when someone ' +
          'saved meanwhile, and a `reason`. The next screening uses the new version.',
        body: exitCriteriaPutSchema,
        response: { 200: exitCriteriaSchema, ...errors },
      },
    },
    async (request) => settings.saveExitCriteria(deps, viewerOf(request), request.body, request.ip),
  );

  // ---- risk flags
  app.get(
    '/customers/:id/risk-flags',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary:
          "The customer's risk flags (EX1 assessments, EX4 adverse records, EX5 nominations), newest first",
        params: idParam,
        response: { 200: z.object({ items: z.array(riskFlagSchema) }), ...errors },
      },
    },
    async (request) => flags.listFlags(deps, viewerOf(request), request.params.id),
  );
  app.post(
    '/customers/:id/risk-flags',
    {
      config: { access: FLAG_WRITERS },
      schema: {
        tags: TAGS,
        summary: 'Record a risk flag on the customer; the customer is screened again at once',
        description:
          '`recordedOn` defaults to today and must not be in the future; an `EX5.OTHER` nomination needs its reason ' +
          'in `note`. The same code on the same day twice: 409.',
        params: idParam,
        body: riskFlagCreateSchema,
        response: { 201: riskFlagSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await flags.recordFlag(deps, viewerOf(request), request.params.id, request.body, request.ip)),
  );
  app.post(
    '/customers/:id/risk-flags/:flagId/clear',
    {
      config: { access: FLAG_WRITERS },
      schema: {
        tags: TAGS,
        summary: 'Clear a risk flag: from that day on it no longer triggers',
        params: idParam.extend({ flagId: positiveId }),
        body: riskFlagClearSchema,
        response: { 200: riskFlagSchema, ...errors },
      },
    },
    async (request) =>
      flags.clearFlag(
        deps,
        viewerOf(request),
        request.params.id,
        request.params.flagId,
        request.body,
        request.ip,
      ),
  );

  // ---- screening
  app.post(
    '/exit-screenings',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: 'Screen the portfolio (or the customers named) against the exit criteria',
        description:
          'Screens the caller’s visible portfolio (the whole bank for a risk officer or an administrator) or ' +
          '`customerIds` (404 when one is not visible) on `asOf` (default today). The run is stored and, for today, the ' +
          'candidates queue brought up to date for the customers screened. Each result lists the rules that ' +
          'make the customer a candidate with their evidence (amounts in yuan, ratios as fractions), the EX3 ' +
          'conditions that lack data (`insufficientData`) and those that do not apply (`exempt`: the debt ratio ' +
          'of a foreign-trade enterprise). `only: candidates` leaves out the customers with nothing to report.',
        body: screeningRequestSchema,
        response: { 200: screeningAnswerSchema, ...errors },
      },
    },
    async (request) => screening.screen(deps, viewerOf(request), request.body),
  );
  app.get(
    '/exit-screenings',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: 'The latest screening runs over a bank or a portfolio, newest first',
        response: { 200: z.object({ items: z.array(screeningSchema) }), ...errors },
      },
    },
    async () => screening.listScreenings(deps),
  );
  app.get(
    '/exit-screenings/:id',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: 'One screening run: when, on which criteria version, and its counts',
        params: idParam,
        response: { 200: screeningSchema, ...errors },
      },
    },
    async (request) => screening.getScreening(deps, request.params.id),
  );
  app.get(
    '/exit-candidates',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary:
          'The exit candidates the viewer sees, newest first, with the rules that fired and their evidence',
        description:
          'Filter by `rule` or `group` (EX1–EX5), `status` (open, planned, dismissed), `since` (first found on or ' +
          'after that day), owner or a name/code fragment. `byRule` counts the candidates per rule before the rule filter.',
        querystring: candidateListQuery,
        response: { 200: candidateListSchema, ...errors },
      },
    },
    async (request) => screening.listCandidates(deps, viewerOf(request), request.query),
  );
  app.patch(
    '/exit-candidates/:id',
    {
      config: { access: DECIDERS },
      schema: {
        tags: TAGS,
        summary: 'Keep a candidate for now (dismissed, with a note) or open it again; `id` is the customer’s',
        description: 'A dismissed candidate opens again by itself when a rule it did not have fires.',
        params: idParam,
        body: candidatePatchSchema,
        response: { 200: candidateSchema, ...errors },
      },
    },
    async (request) =>
      screening.patchCandidate(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );

  // ---- exit plans
  app.get(
    '/exit-plans',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: 'Exit plans of the customers the viewer sees, most recently changed first',
        description:
          '`toDecide=true`: the submitted plans waiting for the viewer’s decision (team lead or risk officer).',
        querystring: exitPlanListQuery,
        response: { 200: z.object({ items: z.array(exitPlanSummarySchema), total: z.number() }), ...errors },
      },
    },
    async (request) => plans.listPlans(deps, viewerOf(request), request.query),
  );
  app.post(
    '/exit-plans',
    {
      config: { access: PLANNERS },
      schema: {
        tags: TAGS,
        summary: 'Draft an exit plan for a customer',
        description:
          'The six dimensions (content, willingness, scope, business lines, object — the customer’s kind — and ' +
          'means), the reasons, the steps with owners and due dates, and a target date not in the past. The ' +
          'customer’s current screening triggers are kept as the plan’s evidence. One plan under way per ' +
          'customer (409).',
        body: exitPlanCreateSchema,
        response: { 201: exitPlanSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await plans.createPlan(deps, viewerOf(request), request.body, request.ip)),
  );
  app.get(
    '/exit-plans/:id',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: 'One exit plan with its evidence, steps and history',
        params: planParams,
        response: { 200: exitPlanSchema, ...errors },
      },
    },
    async (request) => plans.getPlan(deps, viewerOf(request), request.params.id),
  );
  app.patch(
    '/exit-plans/:id',
    {
      config: { access: PLANNERS },
      schema: {
        tags: TAGS,
        summary: 'Edit a draft plan (the steps, when given, replace the old ones)',
        params: planParams,
        body: exitPlanPatchSchema,
        response: { 200: exitPlanSchema, ...errors },
      },
    },
    async (request) => plans.updatePlan(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );
  app.delete(
    '/exit-plans/:id',
    {
      config: { access: PLANNERS },
      schema: {
        tags: TAGS,
        summary: 'Delete a draft plan (`?version=` the one read)',
        params: planParams,
        querystring: versionQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await plans.deletePlan(deps, viewerOf(request), request.params.id, request.query.version, request.ip);
      return reply.status(204).send(null);
    },
  );
  const action = (
    path: string,
    summary: string,
    run: typeof plans.submitPlan,
    access: readonly ('rm' | 'team_lead' | 'risk_officer')[] = PLANNERS,
  ) =>
    app.post(
      `/exit-plans/:id/${path}`,
      {
        config: { access },
        schema: {
          tags: TAGS,
          summary,
          params: planParams,
          body: exitPlanActionSchema,
          response: { 200: exitPlanSchema, ...errors },
        },
      },
      async (request) => run(deps, viewerOf(request), request.params.id, request.body, request.ip),
    );
  action(
    'submit',
    'Submit a draft for approval (to the team lead first when the settings ask for it)',
    plans.submitPlan,
  );
  action('revise', 'Take a rejected plan back to draft to revise it', plans.revisePlan);
  action('start', 'Start carrying out an approved plan', plans.startPlan);
  app.post(
    '/exit-plans/:id/decide',
    {
      config: { access: DECIDERS },
      schema: {
        tags: TAGS,
        summary: 'Approve or reject a submitted plan',
        description:
          'At the team-lead stage the customer’s team lead approves (the plan moves on to the risk officer) or ' +
          'rejects; at the risk stage a risk officer decides. Anyone else: 403. A rejection says why in `note`.',
        params: planParams,
        body: exitPlanDecisionSchema,
        response: { 200: exitPlanSchema, ...errors },
      },
    },
    async (request) => plans.decidePlan(deps, viewerOf(request), request.params.id, request.body, request.ip),
  );
  app.patch(
    '/exit-plans/:id/steps/:stepId',
    {
      config: { access: PLANNERS },
      schema: {
        tags: TAGS,
        summary: 'Mark a step of an approved or executing plan done (or not), with a note',
        params: planParams.extend({ stepId: positiveId }),
        body: exitStepPatchSchema,
        response: { 200: exitPlanSchema, ...errors },
      },
    },
    async (request) =>
      plans.updateStep(
        deps,
        viewerOf(request),
        request.params.id,
        request.params.stepId,
        request.body,
        request.ip,
      ),
  );
  app.post(
    '/exit-plans/:id/complete',
    {
      config: { access: PLANNERS },
      schema: {
        tags: TAGS,
        summary: 'Complete an executing plan once every step is done',
        description:
          'A whole exit (content customer, scope whole) ends the relationship: the value run started at once ' +
          'sets the lifecycle to termination and records the churn with reason bank_exit.',
        params: planParams,
        body: exitPlanCompleteSchema,
        response: { 200: exitPlanSchema, ...errors },
      },
    },
    async (request) =>
      plans.completePlan(deps, viewerOf(request), request.params.id, request.body, request.ip, () => {
        void startValues(deps, { kind: 'incremental' }, (err) =>
          deps.log?.error({ err }, 'value run failed'),
        );
      }),
  );

  // ---- views
  app.get(
    '/exit-watch-list',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary: 'Customers whose loans are classified special mention 关注, with where they stand on exit',
        querystring: watchListQuery,
        response: { 200: z.object({ items: z.array(watchItemSchema), total: z.number() }), ...errors },
      },
    },
    async (request) => report.watchList(deps, viewerOf(request), request.query),
  );
  app.get(
    '/exit-report',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags: TAGS,
        summary:
          'The portfolio exit report: plans and balances leaving, by status, reason, means, scope and month',
        description:
          'Plans created between `from` and `to` (bank days, both optional) of the customers of the portfolio ' +
          '(default the viewer’s widest). Balances are the customer’s loans (asset) and deposits (liability) ' +
          'when the plan was submitted, in yuan. `leaving` counts approved, executing and completed plans.',
        querystring: exitReportQuery,
        response: { 200: exitReportSchema, ...errors },
      },
    },
    async (request) => report.exitReport(deps, viewerOf(request), request.query),
  );
}
