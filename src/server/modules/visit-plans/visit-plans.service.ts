import { needMask, type Product } from '../../../shared/codes';
import { bankDate, bankDayStart } from '../../../shared/schemas/common';
import type {
  ObjectiveInput,
  VisitPlan,
  VisitPlanCreate,
  VisitPlanListQuery,
  VisitPlanPatch,
  VisitSummary,
} from '../../../shared/schemas/visit-plan';
import type { Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { type AuditContext, auditContext, changedFields, writeAudit } from '../../http/audit';
import {
  AppError,
  type FieldError,
  forbidden,
  invalidField,
  notFound,
  staleVersion,
} from '../../http/errors';
import { auditView } from '../customers/customers.presenter';
import * as customers from '../customers/customers.repository';
import { requireEditableCustomer } from '../customers/customers.service';
import { recordInteraction, requireEditableSubject } from '../interactions/interactions.service';
import { requireOpenProspect } from '../prospects/prospects.service';
import { insertTask, notify, requireAssignee } from '../tasks/tasks.service';
import {
  objectiveInputOf,
  planAuditView,
  presentPlan,
  presentPlanSummary,
  smartContext,
  smartOf,
  storedTarget,
} from './visit-plans.presenter';
import * as repo from './visit-plans.repository';

// Visit plans 相会计划表 (DOMAIN §4 item 5, issue #5 parts 2–3). An RM drafts a plan for a customer
// they may change, with objectives; submits it when every objective passes the SMART check
// (src/domain/smart.ts); the team lead approves or returns it when the team asks for approval; after
// the visit the RM writes the summary 见面后总结表 (an outcome for each objective, the needs found) and
// the memo 备忘录, whose items become tasks, and the visit is recorded as a contact.

type PlanRow = repo.PlanWithNames;

const EDITABLE: readonly string[] = ['draft', 'returned'];

function checkFuture(deps: AppDeps, startsAt: string, field = 'startsAt') {
  if (Date.parse(startsAt) <= deps.clock().getTime()) {
    throw invalidField(field, 'a visit is planned ahead: it must start in the future');
  }
}

function objectiveRows(objectives: ObjectiveInput[]) {
  const problems: FieldError[] = [];
  const rows = objectives.map((o, i) => {
    const target = storedTarget(o.unit, o.target);
    if (o.target != null && target === null) {
      problems.push({
        path: `body.objectives.${i}.target`,
        message: o.unit === 'count' ? 'a count must be a whole number' : 'must have at most 2 decimals',
      });
    }
    return {
      position: i + 1,
      what: o.what,
      need_tag: o.needTag ?? null,
      product: o.product ?? null,
      metric: o.metric ?? null,
      unit: o.unit ?? null,
      target,
      justification: o.justification ?? null,
      due_on: o.dueOn ?? null,
      outcome: null,
      actual: null,
    };
  });
  if (problems.length > 0) throw new AppError('validation', 400, 'Some objectives are not valid', problems);
  return rows;
}

async function checkContacts(db: Db, customerId: number | null, ids: number[]) {
  const found = new Set(
    customerId === null ? [] : (await repo.contactsOfCustomer(db, customerId, ids)).map((c) => c.id),
  );
  const wrong = ids.flatMap((id, i) => (found.has(id) ? [] : [i]));
  if (wrong.length > 0) {
    throw new AppError(
      'validation',
      400,
      'A contact person of the plan is not this customer’s',
      wrong.map((i) => ({
        path: `body.contactIds.${i}`,
        message:
          customerId === null
            ? 'a prospect has no contact persons on record yet'
            : 'is not a contact person of this customer',
      })),
    );
  }
}

/** What the SMART check reads of the one the plan meets: a customer, or a prospect's own figures. */
async function smartFactsOf(db: Db, row: { customer_id: number | null; prospect_id: number | null }) {
  if (row.customer_id !== null) return (await customers.findCustomerById(db, row.customer_id))!;
  const p = await db
    .selectFrom('prospects')
    .select(['kind', 'annual_revenue', 'financial_assets'])
    .where('id', '=', row.prospect_id!)
    .executeTakeFirstOrThrow();
  return { ...p, need_mask: 0 };
}

/** 400 naming each objective and letter that fails the SMART check. */
function requireSmart(
  customer: Parameters<typeof smartContext>[0],
  startsAt: string,
  products: readonly Product[],
  objectives: ObjectiveInput[],
) {
  const context = smartContext(customer, startsAt, products);
  const problems: FieldError[] = [];
  objectives.forEach((o, i) => {
    const verdict = smartOf(o, context);
    for (const [letter, v] of Object.entries(verdict.letters)) {
      if (!v.ok) problems.push({ path: `body.objectives.${i}.${letter}`, message: v.reason.en });
    }
  });
  if (problems.length > 0) {
    throw new AppError(
      'not_smart',
      400,
      'Every objective must be SMART before the plan is submitted',
      problems,
    );
  }
}

async function load(deps: AppDeps, viewer: Viewer, id: number): Promise<PlanRow> {
  const row = await repo.findVisiblePlan(deps.db, viewer, id);
  if (!row) throw notFound('Visit plan');
  return row;
}

export async function getPlan(deps: AppDeps, viewer: Viewer, id: number): Promise<VisitPlan> {
  const row = await load(deps, viewer, id);
  return present(deps.db, row);
}

async function present(db: Db, row: PlanRow): Promise<VisitPlan> {
  const [objectives, customer, contacts, needsApproval, interaction, memo] = await Promise.all([
    repo.objectivesOf(db, [row.id]),
    smartFactsOf(db, row),
    row.customer_id === null
      ? []
      : repo.contactsOfCustomer(db, row.customer_id, JSON.parse(row.contact_ids_json)),
    repo.teamNeedsApproval(db, row.owner_team_id),
    repo.interactionOfPlan(db, row.id),
    repo.memoTasksOf(db, row.id),
  ]);
  return presentPlan(row, objectives, {
    customer,
    contacts,
    needsApproval,
    interactionId: interaction?.id ?? null,
    memoTaskIds: memo.map((t) => t.id),
  });
}

export async function listPlans(deps: AppDeps, viewer: Viewer, query: VisitPlanListQuery) {
  const { rows, total } = await repo.listPlans(deps.db, viewer, {
    ...query,
    ...(query.from ? { fromAt: bankDayStart(query.from) } : {}),
    ...(query.to ? { toAt: bankDayStart(query.to, 1) } : {}),
  });
  const objectives = await repo.objectivesOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      presentPlanSummary(
        r,
        objectives.filter((o) => o.plan_id === r.id),
      ),
    ),
    total,
  };
}

export async function createPlan(
  deps: AppDeps,
  viewer: Viewer,
  input: VisitPlanCreate & { submit?: boolean },
  ip: string | null,
): Promise<VisitPlan> {
  await requireEditableSubject(deps.db, viewer, input);
  checkFuture(deps, input.startsAt);
  await checkContacts(deps.db, input.customerId ?? null, input.contactIds);
  const objectives = objectiveRows(input.objectives);
  const ctx = auditContext(deps, viewer, ip);
  const row = {
    customer_id: input.customerId ?? null,
    prospect_id: input.prospectId ?? null,
    owner_id: viewer.id,
    status: 'draft',
    starts_at: input.startsAt,
    duration_minutes: input.durationMinutes,
    channel: input.channel,
    place: input.place ?? null,
    contact_ids_json: JSON.stringify(input.contactIds),
    participants_json: JSON.stringify(input.participants),
    timing_rationale: input.timingRationale ?? null,
    entry_point: input.entryPoint ?? null,
    agenda: input.agenda ?? null,
    products_json: JSON.stringify(input.products),
    offer: input.offer ?? null,
    submitted_at: null,
    decided_by: null,
    decided_at: null,
    decision_note: null,
    summary: null,
    needs_found_mask: null,
    completed_at: null,
    version: 1,
    created_at: ctx.at,
    updated_at: ctx.at,
  };
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertPlan(trx, row);
    await repo.replaceObjectives(trx, id, objectives);
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'visit_plan',
      entityId: id,
      customerId: input.customerId ?? null,
      after: { ...planAuditView(row), prospectId: row.prospect_id, objectives: input.objectives },
    });
    return id;
  });
  return getPlan(deps, viewer, id);
}

function requireOwner(viewer: Viewer, row: PlanRow) {
  if (row.owner_id !== viewer.id) throw forbidden('Only the RM who made the plan changes it');
}

export async function updatePlan(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  patch: VisitPlanPatch,
  ip: string | null,
): Promise<VisitPlan> {
  const current = await load(deps, viewer, id);
  requireOwner(viewer, current);
  if (patch.version !== current.version) throw staleVersion();
  if (!EDITABLE.includes(current.status)) {
    throw new AppError(
      'wrong_status',
      409,
      `A ${current.status} plan is not edited; only a draft or a returned one`,
    );
  }
  if (patch.startsAt !== undefined) checkFuture(deps, patch.startsAt);
  if (patch.contactIds) await checkContacts(deps.db, current.customer_id, patch.contactIds);
  const objectives = patch.objectives ? objectiveRows(patch.objectives) : null;
  const set = {
    starts_at: patch.startsAt,
    duration_minutes: patch.durationMinutes,
    channel: patch.channel,
    place: patch.place,
    contact_ids_json: patch.contactIds && JSON.stringify(patch.contactIds),
    participants_json: patch.participants && JSON.stringify(patch.participants),
    timing_rationale: patch.timingRationale,
    entry_point: patch.entryPoint,
    agenda: patch.agenda,
    products_json: patch.products && JSON.stringify(patch.products),
    offer: patch.offer,
  };
  const defined = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  const diff = changedFields(planAuditView(current), planAuditView({ ...current, ...defined }));
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updatePlan(trx, id, current.version, { ...set, updated_at: ctx.at })))
      throw staleVersion();
    if (objectives) await repo.replaceObjectives(trx, id, objectives);
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'visit_plan',
      entityId: id,
      customerId: current.customer_id,
      before: diff.before,
      after: { ...diff.after, ...(patch.objectives ? { objectives: patch.objectives } : {}) },
    });
  });
  return getPlan(deps, viewer, id);
}

/** Moves a plan from one status to another with its version, audited; the writes of the step with it. */
async function transition(
  deps: AppDeps,
  viewer: Viewer,
  current: PlanRow,
  version: number,
  to: string,
  set: Parameters<typeof repo.updatePlan>[3],
  ip: string | null,
  more?: (trx: Db, ctx: AuditContext) => Promise<void>,
) {
  if (version !== current.version) throw staleVersion();
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updatePlan(trx, current.id, version, { ...set, status: to, updated_at: ctx.at }))) {
      throw staleVersion();
    }
    await writeAudit(trx, ctx, {
      action: to === current.status ? 'update' : `status:${to}`,
      entity: 'visit_plan',
      entityId: current.id,
      customerId: current.customer_id,
      before: { status: current.status },
      after: { status: to, ...(set.decision_note ? { note: set.decision_note } : {}) },
    });
    await more?.(trx, ctx);
  });
}

function requireStatus(row: PlanRow, allowed: readonly string[], doing: string) {
  if (!allowed.includes(row.status)) {
    throw new AppError('wrong_status', 409, `A ${row.status} plan cannot be ${doing}`);
  }
}

export async function submitPlan(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  version: number,
  ip: string | null,
) {
  const current = await load(deps, viewer, id);
  requireOwner(viewer, current);
  requireStatus(current, EDITABLE, 'submitted');
  checkFuture(deps, current.starts_at);
  const [objectives, customer] = await Promise.all([
    repo.objectivesOf(deps.db, [id]),
    smartFactsOf(deps.db, current),
  ]);
  requireSmart(
    customer,
    current.starts_at,
    JSON.parse(current.products_json),
    objectives.map(objectiveInputOf),
  );
  const needsApproval =
    viewer.role === 'rm' && (await repo.teamNeedsApproval(deps.db, current.owner_team_id));
  const leads =
    needsApproval && current.owner_team_id !== null
      ? await repo.teamLeads(deps.db, current.owner_team_id)
      : [];
  await transition(
    deps,
    viewer,
    current,
    version,
    needsApproval ? 'pending_approval' : 'planned',
    { submitted_at: deps.clock().toISOString(), decided_by: null, decided_at: null, decision_note: null },
    ip,
    (trx, ctx) =>
      notify(
        trx,
        ctx.at,
        leads.map((l) => ({
          userId: l.id,
          kind: 'plan_submitted' as const,
          params: { customer: current.customer_name, by: viewer.username, startsAt: current.starts_at },
          entity: 'visit_plan' as const,
          entityId: id,
        })),
      ),
  );
  return getPlan(deps, viewer, id);
}

async function decide(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: { version: number; note?: string | null | undefined },
  approve: boolean,
  ip: string | null,
) {
  const current = await load(deps, viewer, id);
  if (viewer.role !== 'team_lead' || current.owner_team_id !== viewer.teamId) {
    throw forbidden('The team lead of the plan’s RM decides on it');
  }
  requireStatus(current, ['pending_approval'], approve ? 'approved' : 'returned');
  const at = deps.clock().toISOString();
  await transition(
    deps,
    viewer,
    current,
    input.version,
    approve ? 'planned' : 'returned',
    { decided_by: viewer.id, decided_at: at, decision_note: input.note ?? null },
    ip,
    (trx, ctx) =>
      notify(trx, ctx.at, [
        {
          userId: current.owner_id,
          kind: approve ? 'plan_approved' : 'plan_returned',
          params: { customer: current.customer_name, by: viewer.username, note: input.note ?? null },
          entity: 'visit_plan',
          entityId: id,
        },
      ]),
  );
  return getPlan(deps, viewer, id);
}

export const approvePlan = (
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: { version: number; note?: string | null },
  ip: string | null,
) => decide(deps, viewer, id, input, true, ip);
export const returnPlan = (
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: { version: number; note: string },
  ip: string | null,
) => decide(deps, viewer, id, input, false, ip);

export async function cancelPlan(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: { version: number; note?: string | null | undefined },
  ip: string | null,
) {
  const current = await load(deps, viewer, id);
  const lead = viewer.role === 'team_lead' && current.owner_team_id === viewer.teamId;
  if (current.owner_id !== viewer.id && !lead) throw forbidden('The plan’s RM or their team lead cancels it');
  requireStatus(current, ['draft', 'pending_approval', 'planned', 'returned'], 'cancelled');
  await transition(
    deps,
    viewer,
    current,
    input.version,
    'cancelled',
    { decision_note: input.note ?? null },
    ip,
  );
  return getPlan(deps, viewer, id);
}

/** The summary after the visit: outcomes, needs found, the memo as tasks, and the visit as a contact. */
export async function completePlan(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: VisitSummary,
  ip: string | null,
) {
  const current = await load(deps, viewer, id);
  requireOwner(viewer, current);
  requireStatus(current, ['planned'], 'completed');
  const customer =
    current.customer_id !== null ? await requireEditableCustomer(deps.db, viewer, current.customer_id) : null;
  if (current.prospect_id !== null) await requireOpenProspect(deps.db, viewer, current.prospect_id);
  const occurredAt = input.occurredAt ?? current.starts_at;
  if (Date.parse(occurredAt) > deps.clock().getTime()) {
    // A visit may take place earlier than planned: then the summary says when.
    throw invalidField('occurredAt', 'the summary is written after the visit has taken place');
  }
  const objectives = await repo.objectivesOf(deps.db, [id]);
  const outcomes = new Map(input.outcomes.map((o, i) => [o.objectiveId, { ...o, index: i }]));
  const problems: FieldError[] = [];
  for (const [objectiveId, o] of outcomes) {
    if (!objectives.some((ob) => ob.id === objectiveId)) {
      problems.push({
        path: `body.outcomes.${o.index}.objectiveId`,
        message: 'is not an objective of this plan',
      });
    }
  }
  objectives.forEach((ob) => {
    if (!outcomes.has(ob.id))
      problems.push({ path: 'body.outcomes', message: `objective ${ob.position} has no outcome` });
  });
  const actuals = new Map<number, number | null>();
  for (const ob of objectives) {
    const o = outcomes.get(ob.id);
    if (!o) continue;
    const actual = storedTarget(ob.unit as never, o.actual ?? null);
    if (o.actual != null && actual === null) {
      problems.push({
        path: `body.outcomes.${o.index}.actual`,
        message: 'must be a number in the objective’s unit',
      });
    }
    actuals.set(ob.id, actual);
  }
  const todayDay = bankDate(deps.clock());
  input.memo.forEach((m, i) => {
    if (m.dueOn < todayDay)
      problems.push({ path: `body.memo.${i}.dueOn`, message: 'must not be in the past' });
  });
  if (problems.length > 0) throw new AppError('validation', 400, 'The summary is not complete', problems);
  for (const [i, m] of input.memo.entries()) {
    if (m.ownerId !== undefined) await requireAssignee(deps.db, viewer, m.ownerId, `memo.${i}.ownerId`);
  }
  const contactIds = JSON.parse(current.contact_ids_json) as number[];
  const found = needMask(input.needsFound);
  await transition(
    deps,
    viewer,
    current,
    input.version,
    'completed',
    { summary: input.summary, needs_found_mask: found, completed_at: deps.clock().toISOString() },
    ip,
    async (trx, ctx) => {
      for (const ob of objectives) {
        const o = outcomes.get(ob.id)!;
        await repo.setOutcome(trx, id, ob.id, o.outcome, actuals.get(ob.id) ?? null);
      }
      await recordInteraction(trx, ctx, viewer.id, {
        customerId: current.customer_id ?? undefined,
        prospectId: current.prospect_id ?? undefined,
        contactId: contactIds[0] ?? null,
        channel: current.channel as never,
        direction: 'outbound',
        occurredAt,
        place: current.place,
        purpose:
          objectives
            .map((o) => o.what)
            .join('；')
            .slice(0, 500) || null,
        maintenanceForm: input.maintenanceForm ?? null,
        summary: input.summary,
        outcome: objectives
          .map((o) => `${o.position}. ${o.what}: ${outcomes.get(o.id)!.outcome}`)
          .join('\n')
          .slice(0, 2000),
        nextStep: input.nextStep ?? null,
        planId: id,
      });
      for (const m of input.memo) {
        await insertTask(trx, ctx, viewer.id, {
          ownerId: m.ownerId ?? viewer.id,
          title: m.title,
          notes: m.notes ?? null,
          dueOn: m.dueOn,
          source: 'memo',
          customerId: current.customer_id,
          prospectId: current.prospect_id,
          planId: id,
        });
      }
      // A prospect's needs are its assessment's; a customer's go to its need tags when asked.
      const added = customer ? found & ~customer.need_mask : 0;
      if (customer && input.addNeedTags && added !== 0) {
        const ok = await customers.updateCustomer(trx, customer.id, customer.version, {
          need_mask: customer.need_mask | found,
          updated_at: ctx.at,
        });
        if (!ok) throw staleVersion();
        const diff = changedFields(
          auditView(customer),
          auditView({ ...customer, need_mask: customer.need_mask | found }),
        );
        await writeAudit(trx, ctx, {
          action: 'update',
          entity: 'customer',
          entityId: customer.id,
          customerId: customer.id,
          before: diff.before,
          after: diff.after,
          reason: `needs found on visit plan #${id}`,
        });
      }
    },
  );
  return getPlan(deps, viewer, id);
}
