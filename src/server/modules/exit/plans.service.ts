import type { z } from 'zod';
import type { ExitTrigger } from '../../../domain/exit-criteria';
import type { ExitPlanStatus, ExitRule, Role } from '../../../shared/codes';
import { fenToYuan } from '../../../shared/money';
import { bankDate } from '../../../shared/schemas/common';
import type {
  ExitPlanDto,
  ExitPlanSummaryDto,
  exitPlanActionSchema,
  exitPlanCompleteSchema,
  exitPlanCreateSchema,
  exitPlanDecisionSchema,
  exitPlanListQuery,
  exitPlanPatchSchema,
  exitStepPatchSchema,
} from '../../../shared/schemas/exit';
import type { Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, writeAudit } from '../../http/audit';
import { badRequest, conflict, forbidden, invalidField, notFound, staleVersion } from '../../http/errors';
import { markDirty } from '../customer-value/customer-value.repository';
import { requireEditableCustomer } from '../customers/customers.service';
import { loadExitCriteria } from './exit-settings';
import * as repo from './plans.repository';
import { findCandidate, markCandidatePlanned } from './screening.repository';
import { presentTrigger } from './screening.service';

// Exit plans 退出方案 (issue #9 part 5, DOMAIN §6): an RM (or their team lead) drafts a plan for a
// customer, from a screening candidate (its triggers are kept as the plan's evidence) or by hand, with
// the six dimensions, the reasons, the steps with owners and dates, and a target date. Workflow:
//   draft → submitted → approved | rejected → executing → completed
// A risk officer decides; when the exit criteria settings ask for it, the customer's team lead
// approves first (the plan stays `submitted`, its review stage moves from team_lead to risk). A
// rejected plan may be revised (back to draft). Completing a whole exit (content customer, scope
// whole) ends the relationship: the next value run sets the lifecycle to termination and records the
// churn with reason bank_exit (issue #8), and that run is asked for at once.

export type ExitPlanCreate = z.output<typeof exitPlanCreateSchema>;
export type ExitPlanPatch = z.output<typeof exitPlanPatchSchema>;
export type ExitPlanAction = z.output<typeof exitPlanActionSchema>;
export type ExitPlanDecision = z.output<typeof exitPlanDecisionSchema>;
export type ExitPlanComplete = z.output<typeof exitPlanCompleteSchema>;
export type ExitStepPatch = z.output<typeof exitStepPatchSchema>;
export type ExitPlanListQuery = z.output<typeof exitPlanListQuery>;

const PLANNERS: readonly Role[] = ['rm', 'team_lead'];
const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });
const list = <T extends string>(text: string) => (text === '' ? [] : (text.split(',') as T[]));
const yuan = (fen: number | null) => (fen === null ? null : fenToYuan(Number(fen)));

/** Content `customer` with scope `whole`: every business with the customer ends. */
export const isWholeExit = (p: { content: string; scope: string }) =>
  p.content === 'customer' && p.scope === 'whole';

function summary(row: repo.PlanRow): Omit<ExitPlanDto, 'steps' | 'history' | 'triggers'> {
  return {
    id: row.id,
    customer: {
      id: row.customer_id,
      code: row.customer_code,
      name: row.customer_name,
      kind: row.customer_kind as ExitPlanDto['customer']['kind'],
      owner: person(row.owner_id, row.owner_name),
    },
    status: row.status as ExitPlanStatus,
    reviewStage: row.review_stage as ExitPlanDto['reviewStage'],
    content: row.content as ExitPlanDto['content'],
    willingness: row.willingness as ExitPlanDto['willingness'],
    scope: row.scope as ExitPlanDto['scope'],
    businessLines: list(row.business_lines),
    object: row.object as ExitPlanDto['object'],
    means: list(row.means),
    reasons: list(row.reasons),
    reasonNote: row.reason_note,
    targetDate: row.target_date,
    assetBalance: yuan(row.asset_balance),
    liabilityBalance: yuan(row.liability_balance),
    completedOn: row.completed_on,
    createdBy: { id: row.created_by, name: row.created_by_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

const triggersOf = (row: repo.PlanRow) => JSON.parse(row.triggers_json) as ExitTrigger[];

async function present(db: Db, row: repo.PlanRow): Promise<ExitPlanDto> {
  const [steps, events] = await Promise.all([repo.listSteps(db, row.id), repo.listEvents(db, row.id)]);
  return {
    ...summary(row),
    triggers: triggersOf(row).map(presentTrigger),
    steps: steps.map((s) => ({
      id: s.id,
      kind: s.kind as ExitPlanDto['steps'][number]['kind'],
      title: s.title,
      owner: { id: s.owner_id, name: s.owner_name },
      dueOn: s.due_on,
      doneOn: s.done_on,
      note: s.note,
    })),
    history: events.map((e) => ({
      action: e.action,
      fromStatus: e.from_status as ExitPlanStatus | null,
      toStatus: e.to_status as ExitPlanStatus,
      note: e.note,
      by: person(e.by_user, e.by_name),
      at: e.at,
    })),
  };
}

async function requirePlan(db: Db, viewer: Viewer, id: number) {
  const row = await repo.findPlan(db, viewer, id);
  if (!row) throw notFound('Exit plan');
  return row;
}

function requirePlanner(viewer: Viewer) {
  if (!PLANNERS.includes(viewer.role))
    throw forbidden('Exit plans are drafted and carried out by RMs and team leads');
}

function requireStatus(row: repo.PlanRow, ...allowed: ExitPlanStatus[]) {
  if (!allowed.includes(row.status as ExitPlanStatus)) {
    throw conflict(`The plan is ${row.status}; this needs it ${allowed.join(' or ')}`);
  }
}

/** Checks the steps' owners and dates; answers the rows to write. */
async function stepRows(db: Db, steps: ExitPlanCreate['steps'], done: Map<number, string | null>) {
  const owners = await repo.activeUsers(db, [...new Set(steps.map((s) => s.ownerId))]);
  steps.forEach((s, i) => {
    if (!owners.has(s.ownerId)) throw invalidField(`steps.${i}.ownerId`, 'must be an active user');
  });
  return steps.map((s, i) => ({
    position: i + 1,
    kind: s.kind,
    title: s.title,
    owner_id: s.ownerId,
    due_on: s.dueOn,
    done_on: s.id === undefined ? null : (done.get(s.id) ?? null),
    note: s.note ?? null,
  }));
}

function checkDates(input: { targetDate?: string }, today: string) {
  if (input.targetDate !== undefined && input.targetDate < today) {
    throw invalidField('targetDate', 'must not be in the past');
  }
}

async function transition(
  deps: AppDeps,
  viewer: Viewer,
  row: repo.PlanRow,
  input: { version: number; note?: string | null },
  action: string,
  to: ExitPlanStatus,
  set: Parameters<typeof repo.updatePlan>[3],
  ip: string | null,
  after?: (trx: Db) => Promise<void>,
) {
  if (row.version !== input.version) throw staleVersion();
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updatePlan(trx, row.id, input.version, { ...set, status: to, updated_at: ctx.at });
    if (!ok) throw staleVersion();
    await repo.insertEvent(trx, {
      plan_id: row.id,
      action,
      from_status: row.status,
      to_status: to,
      note: input.note ?? null,
      by_user: viewer.id,
      at: ctx.at,
    });
    await writeAudit(trx, ctx, {
      action,
      entity: 'exit_plan',
      entityId: row.id,
      customerId: row.customer_id,
      before: { status: row.status, reviewStage: row.review_stage },
      after: { status: to, ...(set.review_stage !== undefined && { reviewStage: set.review_stage }) },
      reason: input.note ?? undefined,
    });
    await after?.(trx);
  });
  return getPlan(deps, viewer, row.id);
}

export async function getPlan(deps: AppDeps, viewer: Viewer, id: number) {
  return present(deps.db, await requirePlan(deps.db, viewer, id));
}

export async function listPlans(deps: AppDeps, viewer: Viewer, query: ExitPlanListQuery) {
  const stage = query.toDecide
    ? viewer.role === 'risk_officer'
      ? 'risk'
      : viewer.role === 'team_lead'
        ? 'team_lead'
        : null
    : undefined;
  if (stage === null) return { items: [], total: 0 };
  const { rows, total } = await repo.listPlans(
    deps.db,
    viewer,
    { status: query.status, customerId: query.customerId, stage },
    query.page,
    query.pageSize,
  );
  const items: ExitPlanSummaryDto[] = rows.map((r) => ({
    ...summary(r),
    stepsDone: Number(r.steps_done ?? 0),
    stepsTotal: Number(r.steps_total ?? 0),
    rules: [...new Set(triggersOf(r).map((t) => t.rule))] as ExitRule[],
  }));
  return { items, total };
}

export async function createPlan(deps: AppDeps, viewer: Viewer, input: ExitPlanCreate, ip: string | null) {
  requirePlanner(viewer);
  const customer = await requireEditableCustomer(deps.db, viewer, input.customerId);
  checkDates(input, bankDate(deps.clock()));
  const ctx = auditContext(deps, viewer, ip);
  const id = await deps.db.transaction().execute(async (trx) => {
    const active = await repo.activePlanOf(trx, input.customerId);
    if (active) {
      throw conflict(
        `An exit plan (#${active.id}, ${active.status}) is already under way for this customer`,
        [{ path: 'customerId', message: 'has an exit plan under way' }],
      );
    }
    const candidate = await findCandidate(trx, input.customerId);
    const triggers = candidate
      ? (JSON.parse(candidate.result_json) as { triggers: ExitTrigger[] }).triggers
      : [];
    const steps = await stepRows(trx, input.steps, new Map());
    const balances = await repo.balancesOf(trx, input.customerId);
    const id = await repo.insertPlan(trx, {
      customer_id: input.customerId,
      status: 'draft',
      content: input.content,
      willingness: input.willingness,
      scope: input.scope,
      business_lines: input.businessLines.join(','),
      object: customer.kind,
      means: input.means.join(','),
      reasons: input.reasons.join(','),
      reason_note: input.reasonNote ?? null,
      triggers_json: JSON.stringify(triggers),
      target_date: input.targetDate,
      review_stage: null,
      asset_balance: balances.asset,
      liability_balance: balances.liability,
      completed_on: null,
      created_by: viewer.id,
      version: 1,
      created_at: ctx.at,
      updated_at: ctx.at,
    });
    await repo.replaceSteps(trx, id, steps);
    await repo.insertEvent(trx, {
      plan_id: id,
      action: 'create',
      from_status: null,
      to_status: 'draft',
      note: null,
      by_user: viewer.id,
      at: ctx.at,
    });
    await markCandidatePlanned(trx, input.customerId, true);
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'exit_plan',
      entityId: id,
      customerId: input.customerId,
      after: { ...input, rules: triggers.map((t) => t.rule) },
    });
    return id;
  });
  return getPlan(deps, viewer, id);
}

export async function updatePlan(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: ExitPlanPatch,
  ip: string | null,
) {
  requirePlanner(viewer);
  const row = await requirePlan(deps.db, viewer, id);
  requireStatus(row, 'draft');
  if (row.version !== input.version) throw staleVersion();
  checkDates(input, bankDate(deps.clock()));
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updatePlan(trx, id, input.version, {
      ...(input.content && { content: input.content }),
      ...(input.willingness && { willingness: input.willingness }),
      ...(input.scope && { scope: input.scope }),
      ...(input.businessLines && { business_lines: input.businessLines.join(',') }),
      ...(input.means && { means: input.means.join(',') }),
      ...(input.reasons && { reasons: input.reasons.join(',') }),
      ...(input.reasonNote !== undefined && { reason_note: input.reasonNote }),
      ...(input.targetDate && { target_date: input.targetDate }),
      updated_at: ctx.at,
    });
    if (!ok) throw staleVersion();
    if (input.steps) await repo.replaceSteps(trx, id, await stepRows(trx, input.steps, new Map()));
    const { version: _v, ...changes } = input;
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'exit_plan',
      entityId: id,
      customerId: row.customer_id,
      after: changes,
    });
  });
  return getPlan(deps, viewer, id);
}

export async function deletePlan(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  version: number,
  ip: string | null,
) {
  requirePlanner(viewer);
  const row = await requirePlan(deps.db, viewer, id);
  requireStatus(row, 'draft');
  if (row.version !== version) throw staleVersion();
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    await repo.deletePlan(trx, id);
    await markCandidatePlanned(trx, row.customer_id, false);
    await writeAudit(trx, ctx, {
      action: 'delete',
      entity: 'exit_plan',
      entityId: id,
      customerId: row.customer_id,
    });
  });
}

export async function submitPlan(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: ExitPlanAction,
  ip: string | null,
) {
  requirePlanner(viewer);
  const row = await requirePlan(deps.db, viewer, id);
  requireStatus(row, 'draft');
  checkDates({ targetDate: row.target_date }, bankDate(deps.clock()));
  const [{ teamLeadReview }, balances] = await Promise.all([
    loadExitCriteria(deps.db),
    repo.balancesOf(deps.db, row.customer_id),
  ]);
  // A team lead's own plan needs no review by themselves.
  const stage = teamLeadReview && viewer.role !== 'team_lead' ? 'team_lead' : 'risk';
  return transition(
    deps,
    viewer,
    row,
    input,
    'submit',
    'submitted',
    {
      review_stage: stage,
      asset_balance: balances.asset,
      liability_balance: balances.liability,
    },
    ip,
  );
}

export async function decidePlan(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: ExitPlanDecision,
  ip: string | null,
) {
  const row = await requirePlan(deps.db, viewer, id);
  const stage = row.review_stage;
  const decider = stage === 'team_lead' ? 'team_lead' : 'risk_officer';
  if (viewer.role !== decider) {
    throw forbidden(
      stage === 'team_lead'
        ? "The customer's team lead reviews this plan first"
        : 'A risk officer approves or rejects exit plans',
    );
  }
  requireStatus(row, 'submitted');
  if (input.decision === 'reject') {
    return transition(deps, viewer, row, input, 'reject', 'rejected', { review_stage: null }, ip, (trx) =>
      markCandidatePlanned(trx, row.customer_id, false),
    );
  }
  if (stage === 'team_lead') {
    return transition(deps, viewer, row, input, 'review', 'submitted', { review_stage: 'risk' }, ip);
  }
  return transition(deps, viewer, row, input, 'approve', 'approved', { review_stage: null }, ip);
}

export async function revisePlan(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: ExitPlanAction,
  ip: string | null,
) {
  requirePlanner(viewer);
  const row = await requirePlan(deps.db, viewer, id);
  requireStatus(row, 'rejected');
  const active = await repo.activePlanOf(deps.db, row.customer_id);
  if (active) throw conflict(`Another exit plan (#${active.id}) is under way for this customer`);
  return transition(deps, viewer, row, input, 'revise', 'draft', {}, ip, (trx) =>
    markCandidatePlanned(trx, row.customer_id, true),
  );
}

export async function startPlan(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: ExitPlanAction,
  ip: string | null,
) {
  requirePlanner(viewer);
  const row = await requirePlan(deps.db, viewer, id);
  requireStatus(row, 'approved');
  return transition(deps, viewer, row, input, 'start', 'executing', {}, ip);
}

export async function updateStep(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  stepId: number,
  input: ExitStepPatch,
  ip: string | null,
) {
  requirePlanner(viewer);
  const row = await requirePlan(deps.db, viewer, id);
  const steps = await repo.listSteps(deps.db, id);
  const step = steps.find((s) => s.id === stepId);
  if (!step) throw notFound('Step');
  requireStatus(row, 'approved', 'executing');
  if (row.version !== input.version) throw staleVersion();
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updatePlan(trx, id, input.version, { updated_at: ctx.at });
    if (!ok) throw staleVersion();
    await repo.updateStep(trx, id, stepId, {
      done_on: input.doneOn,
      ...(input.note !== undefined && { note: input.note }),
    });
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'exit_plan_step',
      entityId: stepId,
      customerId: row.customer_id,
      before: { doneOn: step.done_on, note: step.note },
      after: { doneOn: input.doneOn, ...(input.note !== undefined && { note: input.note }) },
    });
  });
  return getPlan(deps, viewer, id);
}

/**
 * Completes an executing plan once every step is done. A whole exit marks the customer for the
 * value run, which ends the relationship (termination, churn with reason bank_exit); `onWholeExit`
 * starts that run.
 */
export async function completePlan(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: ExitPlanComplete,
  ip: string | null,
  onWholeExit: () => void,
) {
  requirePlanner(viewer);
  const row = await requirePlan(deps.db, viewer, id);
  requireStatus(row, 'executing');
  const open = (await repo.listSteps(deps.db, id)).filter((s) => s.done_on === null);
  if (open.length > 0) {
    throw badRequest(`steps: ${open.length} step(s) are not done yet`, [
      { path: 'steps', message: `not done: ${open.map((s) => s.title).join('; ')}` },
    ]);
  }
  const completedOn = input.completedOn ?? bankDate(deps.clock());
  const whole = isWholeExit(row);
  const plan = await transition(
    deps,
    viewer,
    row,
    input,
    'complete',
    'completed',
    { completed_on: completedOn },
    ip,
    async (trx) => {
      if (whole) await markDirty(trx, [row.customer_id], deps.clock().toISOString());
    },
  );
  if (whole) onWholeExit();
  return plan;
}
