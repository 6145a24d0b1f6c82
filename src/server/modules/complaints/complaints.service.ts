import type { z } from 'zod';
import { deadlineFor, hoursToResolve, isBreached, needsEscalation } from '../../../domain/complaints';
import { addMonths, monthIndex, monthRange } from '../../../domain/months';
import {
  FEEDBACK_CATEGORIES,
  type FeedbackCategory,
  type FeedbackKind,
  type FeedbackSeverity,
  type Role,
} from '../../../shared/codes';
import { bankDate, bankDayStart } from '../../../shared/schemas/common';
import type {
  Complaint,
  ComplaintSettingsDto,
  complaintCreateSchema,
  complaintDashboardQuery,
  complaintDashboardSchema,
  complaintPatchSchema,
} from '../../../shared/schemas/complaint';
import type { Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, changedFields, writeAudit } from '../../http/audit';
import { forbidden, invalidField, notFound, staleVersion } from '../../http/errors';
import { markDirty } from '../customer-value/customer-value.repository';
import { requireEditableCustomer, requireVisibleCustomer } from '../customers/customers.service';
import { listSettingsVersions, loadSettings, saveSettings } from '../settings/versioned-settings';
import { notify } from '../tasks/tasks.service';
import { COMPLAINT_SETTINGS, loadComplaintDeadlines } from './complaint-settings';
import { complaintAuditView, presentComplaint } from './complaints.presenter';
import * as repo from './complaints.repository';
import { escalateOverdue } from './escalation';

// Complaints, suggestions and praise 投诉和建议制度 (issue #8 part 3, DOMAIN §5): entered by whoever
// serves the customer, each with a deadline by its severity (praise: none), handled by an assignee
// (by default the customer's RM), escalated to the team lead when the deadline passes, resolved with
// a resolution, and rated by the customer's satisfaction with the fix.
//
// Reopening a resolved case is for a team lead or an administrator: it clears the resolution, who
// resolved it when, and the satisfaction with the fix (the audit log keeps them).

export type ComplaintCreate = z.output<typeof complaintCreateSchema>;
export type ComplaintPatch = z.output<typeof complaintPatchSchema>;
export type ComplaintDashboardQuery = z.output<typeof complaintDashboardQuery>;
type ComplaintDashboard = z.output<typeof complaintDashboardSchema>;

const HOUR_MS = 3_600_000;
const ALERT_ITEMS = 50;
/** The longest dashboard period, in months (ten years). */
const MAX_DASHBOARD_MONTHS = 120;
const REOPENERS: readonly Role[] = ['team_lead', 'admin'];

/**
 * Escalates now what is overdue; a failure is logged, not answered: the case was written, and the
 * minute's sweep tries again.
 */
async function escalateNow(deps: AppDeps, ids?: readonly number[]) {
  try {
    await escalateOverdue(deps, ids ? { ids } : {});
  } catch (err) {
    deps.log?.error({ err }, 'complaint escalation failed');
  }
}

async function requireComplaint(deps: AppDeps, viewer: Viewer, id: number) {
  const row = await repo.findVisibleComplaint(deps.db, viewer, id);
  if (!row) throw notFound('Complaint');
  return row;
}

/** The user as a viewer, to ask access.ts what they see. */
const asViewer = (u: repo.UserRow): Viewer => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role as Role,
  teamId: u.team_id,
  locale: u.locale,
  sessionId: null,
  csrfToken: null,
});

/**
 * Whom the viewer may hand a case: themself; for a team lead an active RM or lead of their team,
 * for an administrator any active RM or lead; in every case someone who sees the customer, so the
 * assignee can open the case they are given. An RM takes cases, never hands them to others.
 */
async function checkAssignee(db: Db, viewer: Viewer, assigneeId: number, customerId: number) {
  if (assigneeId === viewer.id) return;
  if (viewer.role === 'rm') {
    throw invalidField('assigneeId', 'a relationship manager may assign a case only to themself');
  }
  const user = await repo.findUser(db, assigneeId);
  if (user?.active !== 1 || (user.role !== 'rm' && user.role !== 'team_lead')) {
    throw invalidField('assigneeId', 'must be an active relationship manager or team lead');
  }
  if (viewer.role === 'team_lead' && user.team_id !== viewer.teamId) {
    throw invalidField('assigneeId', 'must be a member of your team');
  }
  if (!(await repo.isCustomerVisible(db, asViewer(user), customerId))) {
    throw invalidField('assigneeId', 'must be someone who sees the customer');
  }
}

/** The customer's RM when active, otherwise whoever enters the case. */
async function defaultAssignee(db: Db, viewer: Viewer, ownerId: number | null) {
  if (ownerId === null) return viewer.id;
  const owner = await repo.findUser(db, ownerId);
  return owner && owner.active === 1 ? owner.id : viewer.id;
}

const assignedNotification = (
  userId: number,
  id: number,
  c: { subject: string; kind: string; deadline_at: string | null; customer_name: string },
  by: string,
) => ({
  userId,
  kind: 'complaint_assigned' as const,
  params: {
    subject: c.subject,
    kind: c.kind,
    customerName: c.customer_name,
    deadlineAt: c.deadline_at,
    by,
  },
  entity: 'complaint' as const,
  entityId: id,
});

export async function getComplaint(deps: AppDeps, viewer: Viewer, id: number): Promise<Complaint> {
  return presentComplaint(await requireComplaint(deps, viewer, id), deps.clock());
}

export async function listComplaints(deps: AppDeps, viewer: Viewer, query: repo.ComplaintListQuery) {
  const now = deps.clock();
  const { rows, total } = await repo.listComplaints(deps.db, viewer, query, now.toISOString());
  return { items: rows.map((r) => presentComplaint(r, now)), total };
}

export async function customerComplaints(deps: AppDeps, viewer: Viewer, customerId: number) {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  const now = deps.clock();
  return {
    items: (await repo.listCustomerComplaints(deps.db, customerId)).map((r) => presentComplaint(r, now)),
  };
}

export async function createComplaint(
  deps: AppDeps,
  viewer: Viewer,
  input: ComplaintCreate,
  ip: string | null,
): Promise<Complaint> {
  const customer = await requireEditableCustomer(deps.db, viewer, input.customerId);
  const now = deps.clock();
  const receivedAt = input.receivedAt ?? now.toISOString();
  if (Date.parse(receivedAt) > now.getTime()) throw invalidField('receivedAt', 'must not be in the future');
  const assigneeId =
    input.assigneeId === undefined
      ? await defaultAssignee(deps.db, viewer, customer.owner_id)
      : input.assigneeId;
  if (input.assigneeId !== undefined) await checkAssignee(deps.db, viewer, assigneeId, input.customerId);
  const deadlineAt = deadlineFor(
    input.kind,
    input.severity,
    receivedAt,
    await loadComplaintDeadlines(deps.db),
  );
  const ctx = auditContext(deps, viewer, ip);
  const row = {
    customer_id: input.customerId,
    kind: input.kind,
    channel: input.channel,
    category: input.category,
    severity: input.severity,
    status: 'open',
    subject: input.subject,
    description: input.description,
    received_at: receivedAt,
    deadline_at: deadlineAt,
    assignee_id: assigneeId,
    escalated_at: null,
    escalated_to: null,
    resolution: null,
    resolved_at: null,
    resolved_by: null,
    fix_satisfaction: null,
    version: 1,
    created_by: viewer.id,
    created_at: ctx.at,
    updated_at: ctx.at,
  };
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertComplaint(trx, row);
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'complaint',
      entityId: id,
      customerId: input.customerId,
      after: complaintAuditView(row),
    });
    // A complaint weighs on the customer's loyalty (attitude after a problem) at the next value run.
    await markDirty(trx, [input.customerId], ctx.at);
    if (assigneeId !== viewer.id) {
      await notify(trx, ctx.at, [
        assignedNotification(assigneeId, id, { ...row, customer_name: customer.name }, viewer.username),
      ]);
    }
    return id;
  });
  // Entered long after it was received: already past its deadline, so escalated at once.
  if (needsEscalation({ deadlineAt, resolvedAt: null, escalatedAt: null }, deps.clock())) {
    await escalateNow(deps, [id]);
  }
  return getComplaint(deps, viewer, id);
}

export async function updateComplaint(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  patch: ComplaintPatch,
  ip: string | null,
): Promise<Complaint> {
  // Risk officers only read (the route refuses them); everyone else edits what they see.
  const current = await requireComplaint(deps, viewer, id);
  const { version, ...changes } = patch;
  if (version !== current.version) throw staleVersion();
  const now = deps.clock();
  const status = changes.status ?? current.status;
  const reopening = current.status === 'resolved' && status === 'open';
  const resolving = current.status === 'open' && status === 'resolved';
  if (reopening && !REOPENERS.includes(viewer.role)) {
    throw forbidden('Only a team lead or an administrator reopens a resolved case');
  }
  const severity = changes.severity ?? (current.severity as FeedbackSeverity);
  const deadlineAt =
    severity === current.severity
      ? current.deadline_at
      : deadlineFor(
          current.kind as FeedbackKind,
          severity,
          current.received_at,
          await loadComplaintDeadlines(deps.db),
        );
  const assigneeId = changes.assigneeId ?? current.assignee_id;
  const reassigned = assigneeId !== current.assignee_id && assigneeId !== null;
  if (reassigned) await checkAssignee(deps.db, viewer, assigneeId, current.customer_id);
  const resolution =
    changes.resolution !== undefined ? changes.resolution : reopening ? null : current.resolution;
  if (status === 'resolved' && resolution === null) {
    throw invalidField('resolution', 'is required to resolve a case: say how it was resolved');
  }
  const fixSatisfaction =
    changes.fixSatisfaction !== undefined
      ? changes.fixSatisfaction
      : reopening
        ? null
        : current.fix_satisfaction;
  if (changes.fixSatisfaction != null) {
    if (current.kind === 'praise') throw invalidField('fixSatisfaction', 'praise has no fix to rate');
    if (status !== 'resolved') {
      throw invalidField('fixSatisfaction', 'can be recorded only once the case is resolved');
    }
  }
  const at = now.toISOString();
  const next = {
    ...current,
    category: changes.category ?? current.category,
    severity,
    status,
    deadline_at: deadlineAt,
    assignee_id: assigneeId,
    resolution,
    resolved_at: resolving ? at : reopening ? null : current.resolved_at,
    resolved_by: resolving ? viewer.id : reopening ? null : current.resolved_by,
    fix_satisfaction: fixSatisfaction,
  };
  const diff = changedFields(complaintAuditView(current), complaintAuditView(next));
  if (!diff.changed) return presentComplaint(current, now);
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateComplaint(trx, id, version, {
      category: next.category,
      severity: next.severity,
      status: next.status,
      deadline_at: next.deadline_at,
      assignee_id: next.assignee_id,
      resolution: next.resolution,
      resolved_at: next.resolved_at,
      resolved_by: next.resolved_by,
      fix_satisfaction: next.fix_satisfaction,
      updated_at: ctx.at,
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, ctx, {
      action: resolving ? 'resolve' : reopening ? 'reopen' : 'update',
      entity: 'complaint',
      entityId: id,
      customerId: current.customer_id,
      before: diff.before,
      after: diff.after,
    });
    await markDirty(trx, [current.customer_id], ctx.at);
    if (reassigned && assigneeId !== viewer.id) {
      await notify(trx, ctx.at, [assignedNotification(assigneeId, id, next, viewer.username)]);
    }
  });
  // A higher severity (a shorter deadline) or a reopened case may already be overdue.
  if (
    needsEscalation(
      { deadlineAt: next.deadline_at, resolvedAt: next.resolved_at, escalatedAt: current.escalated_at },
      deps.clock(),
    )
  ) {
    await escalateNow(deps, [id]);
  }
  return getComplaint(deps, viewer, id);
}

// ---- the day page

/** Open cases with a deadline assigned or escalated to the viewer: the breached first, then by deadline. */
export async function complaintAlerts(deps: AppDeps, viewer: Viewer) {
  await escalateNow(deps);
  const now = deps.clock();
  const soon = new Date(now.getTime() + 24 * HOUR_MS).toISOString();
  const { rows, breached, dueSoon } = await repo.listAlerts(
    deps.db,
    viewer,
    now.toISOString(),
    soon,
    ALERT_ITEMS,
  );
  return { breached, dueSoon, items: rows.map((r) => presentComplaint(r, now)) };
}

// ---- the dashboard

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The p-quantile (0…1) of the values by linear interpolation between closest ranks; null for none. */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

function checkMonth(month: string, field: string) {
  try {
    monthIndex(month);
  } catch {
    throw invalidField(`querystring.${field}`, 'is not a real month');
  }
}

/**
 * Figures of the cases received in the period (bank months, Asia/Shanghai): counts of every kind by
 * category, branch (of the customer owner's team) and month; resolution times and the share resolved
 * within the deadline over the resolved cases that have a deadline (complaints and suggestions);
 * the mean satisfaction with the fix over the cases rated.
 */
export function summarizeComplaints(
  cases: readonly repo.DashboardCase[],
  months: readonly string[],
  now: Date,
): Omit<ComplaintDashboard, 'from' | 'to'> {
  const breachedOf = (c: repo.DashboardCase) =>
    isBreached({ deadlineAt: c.deadline_at, resolvedAt: c.resolved_at }, now);
  const hoursOf = (c: repo.DashboardCase) => hoursToResolve(c.received_at, c.resolved_at);
  const handled = cases.filter((c) => c.deadline_at !== null && c.resolved_at !== null);
  const hours = handled.map((c) => hoursOf(c)!);

  const categories = new Map<FeedbackCategory, { count: number; open: number; breached: number }>();
  const branches = new Map<
    number | null,
    { name: string; count: number; breached: number; hours: number[] }
  >();
  const byMonth = new Map(months.map((m) => [m, { complaint: 0, suggestion: 0, praise: 0 }]));
  for (const c of cases) {
    const breached = breachedOf(c);
    const cat = categories.get(c.category as FeedbackCategory) ?? { count: 0, open: 0, breached: 0 };
    cat.count += 1;
    if (c.status === 'open') cat.open += 1;
    if (breached) cat.breached += 1;
    categories.set(c.category as FeedbackCategory, cat);
    const branch = branches.get(c.branch_id) ?? {
      name: c.branch_name ?? '',
      count: 0,
      breached: 0,
      hours: [],
    };
    branch.count += 1;
    if (breached) branch.breached += 1;
    if (c.deadline_at !== null && c.resolved_at !== null) branch.hours.push(hoursOf(c)!);
    branches.set(c.branch_id, branch);
    const month = byMonth.get(bankDate(new Date(c.received_at)).slice(0, 7));
    if (month) month[c.kind as FeedbackKind] += 1;
  }
  const order = FEEDBACK_CATEGORIES.codes as readonly string[];
  const median = quantile(hours, 0.5);
  const p90 = quantile(hours, 0.9);
  const rated = cases.map((c) => c.fix_satisfaction).filter((s): s is number => s !== null);
  const meanRating = mean(rated);
  return {
    total: cases.length,
    open: cases.filter((c) => c.status === 'open').length,
    breached: cases.filter(breachedOf).length,
    escalated: cases.filter((c) => c.escalated_at !== null).length,
    byCategory: [...categories]
      .map(([category, v]) => ({ category, ...v }))
      .sort((a, b) => b.count - a.count || order.indexOf(a.category) - order.indexOf(b.category)),
    byBranch: [...branches]
      .map(([id, v]) => {
        const h = mean(v.hours);
        return {
          branch: id === null ? null : { id, name: v.name },
          count: v.count,
          breached: v.breached,
          meanHoursToResolve: h === null ? null : round(h, 1),
        };
      })
      .sort((a, b) => b.count - a.count || (a.branch?.id ?? Infinity) - (b.branch?.id ?? Infinity)),
    byMonth: [...byMonth].map(([month, v]) => ({ month, ...v })),
    resolution: {
      resolved: handled.length,
      medianHours: median === null ? null : round(median, 1),
      p90Hours: p90 === null ? null : round(p90, 1),
      withinDeadlineShare:
        handled.length === 0 ? null : round(handled.filter((c) => !breachedOf(c)).length / handled.length, 4),
    },
    fixSatisfaction: { n: rated.length, mean: meanRating === null ? null : round(meanRating, 2) },
  };
}

export async function complaintDashboard(
  deps: AppDeps,
  viewer: Viewer,
  query: ComplaintDashboardQuery,
): Promise<ComplaintDashboard> {
  const now = deps.clock();
  if (query.from) checkMonth(query.from, 'from');
  if (query.to) checkMonth(query.to, 'to');
  const to = query.to ?? bankDate(now).slice(0, 7);
  const from = query.from ?? addMonths(to, -11);
  if (from > to) throw invalidField('querystring.from', `must not be after the end of the period (${to})`);
  if (monthIndex(to) - monthIndex(from) >= MAX_DASHBOARD_MONTHS) {
    throw invalidField('querystring.from', `the period may span at most ${MAX_DASHBOARD_MONTHS} months`);
  }
  const cases = await repo.dashboardCases(
    deps.db,
    viewer,
    bankDayStart(`${from}-01`),
    bankDayStart(`${addMonths(to, 1)}-01`),
    query.branchId,
  );
  return { from, to, ...summarizeComplaints(cases, monthRange(from, to), now) };
}

// ---- settings

export const getComplaintSettings = (deps: AppDeps) => loadSettings(deps.db, COMPLAINT_SETTINGS);
export const complaintSettingsVersions = (deps: AppDeps) => listSettingsVersions(deps.db, COMPLAINT_SETTINGS);
export const saveComplaintSettings = (
  deps: AppDeps,
  viewer: Viewer,
  input: { settings: ComplaintSettingsDto; reason: string; version: number },
  ip: string | null,
) => saveSettings(deps, viewer, COMPLAINT_SETTINGS, input, ip);
