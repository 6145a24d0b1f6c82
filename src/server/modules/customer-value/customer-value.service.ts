import { changeOf, inferLifecycle } from '../../../domain/lifecycle';
import { contactStatus, inTimeSince, policyFor } from '../../../domain/maintenance';
import { addMonths, monthRange } from '../../../domain/months';
import type { ParetoResult } from '../../../domain/pareto';
import { suggestRelationshipTier } from '../../../domain/relationship-tier';
import { modelValue, potentialValue } from '../../../domain/value';
import {
  type CreditGrade,
  type CustomerKind,
  type CustomerTier,
  type LifecycleStage,
  type MaintenanceForm,
  needTags,
  type PortfolioScope,
} from '../../../shared/codes';
import { fenToYuan } from '../../../shared/money';
import { bankDate, bankDayStart } from '../../../shared/schemas/common';
import type {
  CustomerValue,
  LifecycleAnalysis,
  MaintenanceSettingsDto,
  ParetoAnalysis,
  PortfolioQuery,
  ValueSettingsDto,
} from '../../../shared/schemas/value';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { AppError, forbidden, notFound } from '../../http/errors';
import { requireVisibleCustomer } from '../customers/customers.service';
import { loyaltyOf } from '../loyalty/loyalty.repository';
import { listSettingsVersions, loadSettings, saveSettings } from '../settings/versioned-settings';
import { moneyEvidence, presentRun } from './customer-value.presenter';
import * as repo from './customer-value.repository';
import { type LifecycleSnapshot, startValues } from './recompute';
import { loadValueRules, MAINTENANCE_SETTINGS, VALUE_SETTINGS } from './value-settings';

// Use cases of customer value (issue #7): one customer's values with their terms, the portfolio
// analyses, the maintenance policy's due contacts and compliance, the settings and the runs.

const yuan = fenToYuan;
const SEES_ALL = new Set(['admin', 'risk_officer']);

// ---- one customer

export async function customerValue(deps: AppDeps, viewer: Viewer, id: number): Promise<CustomerValue> {
  const c = await requireVisibleCustomer(deps.db, viewer, id);
  const { version, rules } = await loadValueRules(deps.db);
  const asOf =
    c.value_as_of ??
    (await repo.latestFiguresMonth(deps.db)) ??
    addMonths(bankDate(deps.clock()).slice(0, 7), -1);
  const trendMonths = monthRange(addMonths(asOf, -23), asOf);
  const [accounts, monthly, earliest, loyalty] = await Promise.all([
    repo.accountsOfCustomer(deps.db, id),
    repo.monthlyOfCustomer(deps.db, id, addMonths(asOf, -34), asOf),
    repo.earliestFiguresMonth(deps.db),
    loyaltyOf(deps.db, id),
  ]);
  const byMonth = new Map(
    monthly.map((m) => [m.month, { balance: Number(m.balance), contribution: Number(m.contribution) }]),
  );
  const sum = (from: string, to: string, pick: 'balance' | 'contribution') =>
    monthRange(from, to).reduce((s, m) => s + (byMonth.get(m)?.[pick] ?? 0), 0);
  const from = addMonths(asOf, -11);
  const realized = sum(from, asOf, 'contribution');
  const held = accounts.map((a) => ({
    product: a.product,
    currency: a.currency,
    openedOn: a.opened_on,
    closedOn: a.closed_on,
  }));
  const end = `${asOf}-31`;
  const open = held.filter((a) => a.openedOn <= end && (a.closedOn === null || a.closedOn > end));
  const inference = inferLifecycle(
    {
      month: asOf,
      accounts: held,
      totals: {
        recentBalance: sum(addMonths(asOf, -2), asOf, 'balance'),
        beforeBalance: sum(addMonths(asOf, -5), addMonths(asOf, -3), 'balance'),
        recentContribution: sum(addMonths(asOf, -2), asOf, 'contribution'),
        beforeContribution: sum(addMonths(asOf, -5), addMonths(asOf, -3), 'contribution'),
      },
    },
    rules.lifecycle,
  );
  const kind = c.kind as CustomerKind;
  const potential = potentialValue(
    {
      kind,
      industry: c.industry,
      annualRevenue: c.annual_revenue,
      financialAssets: c.financial_assets,
      needTags: needTags(c.need_mask),
      openAccounts: open,
      realized,
    },
    rules.value,
  );
  const pick = inference.evidence.measure === 'contribution' ? 'contribution' : 'balance';
  const model = modelValue(
    {
      realized,
      potential: potential.value,
      // the index the last value run scored (issue #8)
      loyalty: loyalty?.loyalty_index == null ? null : loyalty.loyalty_index / 1000,
      growth:
        held.length === 0
          ? null
          : changeOf(
              sum(addMonths(asOf, -2), asOf, pick),
              sum(addMonths(asOf, -5), addMonths(asOf, -3), pick),
            ),
      creditGrade: c.credit_grade as CreditGrade | null,
    },
    rules.value,
  );
  const suggestion = suggestRelationshipTier(
    { kind, openAccounts: open.length, realized, financialAssets: c.financial_assets },
    rules.relationshipTier,
  );
  return {
    asOf: monthly.length > 0 || c.value_as_of ? asOf : null,
    settingsVersion: version,
    stored: {
      realized: c.realized_value === null ? null : yuan(c.realized_value),
      potential: c.potential_value === null ? null : yuan(c.potential_value),
      model: c.model_value === null ? null : c.model_value / 10,
      valueTier: c.value_tier as CustomerValue['stored']['valueTier'],
      asOf: c.value_as_of,
    },
    realized: { value: yuan(realized), from, to: asOf },
    potential: {
      value: yuan(potential.value),
      wallet: yuan(potential.wallet),
      base: {
        ...potential.base,
        amount: potential.base.amount === null ? null : yuan(potential.base.amount),
        estimate: yuan(potential.base.estimate),
      },
      openNeeds: potential.openNeeds.map((n) => ({ tag: n.tag, amount: yuan(n.amount) })),
    },
    model,
    lifecycle: {
      stage: c.lifecycle_stage as LifecycleStage,
      manual: c.lifecycle_manual === 1,
      inferred: inference.stage,
      evidence: moneyEvidence(inference.evidence),
    },
    tierSuggestion: {
      current: c.tier as CustomerTier,
      suggested: suggestion.tier,
      reason: suggestion.reason,
      ...(suggestion.amount !== undefined ? { amount: yuan(suggestion.amount) } : {}),
      ...(suggestion.threshold !== undefined ? { threshold: yuan(suggestion.threshold) } : {}),
    },
    trend: trendMonths.map((m) => ({
      month: m,
      balance: yuan(byMonth.get(m)?.balance ?? 0),
      contribution: yuan(byMonth.get(m)?.contribution ?? 0),
      // A window reaching before the bank's first figures would understate the value: not shown.
      realized12:
        earliest !== null && addMonths(m, -11) < earliest
          ? null
          : yuan(sum(addMonths(m, -11), m, 'contribution')),
    })),
  };
}

// ---- maintenance of one customer

export async function customerMaintenance(deps: AppDeps, viewer: Viewer, id: number) {
  const c = await requireVisibleCustomer(deps.db, viewer, id);
  const { settings } = await loadSettings(deps.db, MAINTENANCE_SETTINGS);
  const policy = policyFor(settings, c.value_tier as 'A' | null, c.kind as CustomerKind);
  if (!policy || c.lifecycle_stage === 'termination') {
    return {
      policy: policy && { ...policy },
      state: null,
      dueOn: null,
      daysLeft: null,
      lastContactOn: null,
      formsUsed: [],
    };
  }
  const today = bankDate(deps.clock());
  const last = await repo.lastContactOf(deps.db, id, settings.channels);
  const lastContactOn = last?.last ? bankDate(new Date(last.last)) : null;
  const status = contactStatus({
    lastContactOn,
    since: bankDate(new Date(c.created_at)),
    maxDays: policy.maxDays,
    dueSoonDays: settings.dueSoonDays,
    today,
  });
  const forms = await repo.formsUsedSince(
    deps.db,
    id,
    bankDayStart(inTimeSince(today, policy.maxDays)),
    settings.channels,
  );
  return {
    policy: {
      valueTier: policy.valueTier,
      maxDays: policy.maxDays,
      forms: policy.forms,
      servicePackage: policy.servicePackage,
    },
    state: status.state,
    dueOn: status.dueOn,
    daysLeft: status.daysLeft,
    lastContactOn,
    formsUsed: forms.map((f) => f.maintenance_form as MaintenanceForm),
  };
}

// ---- due contacts and compliance

type ContactRow = Awaited<ReturnType<typeof repo.contactFacts>>[number];

function statusOf(row: ContactRow, settings: MaintenanceSettingsDto, today: string) {
  const policy = policyFor(settings, row.value_tier as 'A', row.kind as CustomerKind);
  if (!policy) return null;
  const lastContactOn = row.last_contact_at ? bankDate(new Date(row.last_contact_at)) : null;
  return {
    policy,
    ...contactStatus({
      lastContactOn,
      since: bankDate(new Date(row.created_at)),
      maxDays: policy.maxDays,
      dueSoonDays: settings.dueSoonDays,
      today,
    }),
  };
}

export async function dueContacts(
  deps: AppDeps,
  viewer: Viewer,
  query: { ownerId?: number; state?: 'overdue' | 'due_soon'; limit: number },
) {
  const ownerId = query.ownerId ?? viewer.id;
  if (ownerId !== viewer.id) await requireOwnerInScope(deps, viewer, ownerId);
  const { settings } = await loadSettings(deps.db, MAINTENANCE_SETTINGS);
  const today = bankDate(deps.clock());
  const rows = await repo.contactFacts(deps.db, [ownerId], settings.channels);
  const due = rows
    .map((r) => ({ r, s: statusOf(r, settings, today) }))
    .filter(
      (x): x is { r: ContactRow; s: NonNullable<ReturnType<typeof statusOf>> } =>
        x.s !== null && x.s.state !== 'ok',
    );
  const items = due
    .filter((x) => !query.state || x.s.state === query.state)
    .sort((a, b) => a.s.daysLeft - b.s.daysLeft || a.r.id - b.r.id)
    .slice(0, query.limit)
    .map(({ r, s }) => ({
      customer: { id: r.id, code: r.code, name: r.name },
      kind: r.kind as CustomerKind,
      valueTier: r.value_tier as 'A',
      maxDays: s.policy.maxDays,
      lastContactOn: s.lastContactOn,
      dueOn: s.dueOn,
      daysLeft: s.daysLeft,
      state: s.state as 'overdue' | 'due_soon',
    }));
  return {
    overdue: due.filter((x) => x.s.state === 'overdue').length,
    dueSoon: due.filter((x) => x.s.state === 'due_soon').length,
    items,
  };
}

/** A team lead may look at the RMs of the team; those who see all, at anyone; an RM only at themself. */
async function requireOwnerInScope(deps: AppDeps, viewer: Viewer, ownerId: number) {
  if (SEES_ALL.has(viewer.role)) return;
  if (viewer.role === 'team_lead' && viewer.teamId !== null) {
    const members = await repo.usersOfTeams(deps.db, [viewer.teamId]);
    if (members.some((m) => m.id === ownerId)) return;
  }
  throw notFound('User');
}

const emptyCounts = () => ({
  customers: 0,
  inTime: 0,
  overdue: 0,
  neverContacted: 0,
  rate: null as number | null,
});
type Counts = ReturnType<typeof emptyCounts>;
const withRate = (c: Counts) => ({ ...c, rate: c.customers === 0 ? null : c.inTime / c.customers });

export async function compliance(deps: AppDeps, viewer: Viewer, query: { teamId?: number }) {
  let teamIds: number[] | null;
  if (SEES_ALL.has(viewer.role)) teamIds = query.teamId ? [query.teamId] : null;
  else if (viewer.role === 'team_lead' && viewer.teamId !== null) {
    if (query.teamId && query.teamId !== viewer.teamId) throw notFound('Team');
    teamIds = [viewer.teamId];
  } else
    throw forbidden(
      'Compliance with the maintenance policy is for team leads, risk officers and administrators',
    );
  const { settings } = await loadSettings(deps.db, MAINTENANCE_SETTINGS);
  const today = bankDate(deps.clock());
  const owners = await repo.usersOfTeams(deps.db, teamIds);
  const rows =
    owners.length > 0
      ? await repo.contactFacts(
          deps.db,
          owners.map((o) => o.id),
          settings.channels,
        )
      : [];
  const per = new Map(
    owners.map((o) => [
      o.id,
      {
        all: emptyCounts(),
        byTier: { A: emptyCounts(), B: emptyCounts(), C: emptyCounts(), D: emptyCounts() },
      },
    ]),
  );
  const total = emptyCounts();
  for (const r of rows) {
    const s = statusOf(r, settings, today);
    const o = per.get(r.owner_id!);
    if (!s || !o) continue;
    for (const c of [o.all, o.byTier[r.value_tier as 'A'], total]) {
      c.customers++;
      if (s.state === 'overdue') c.overdue++;
      else c.inTime++;
      if (s.lastContactOn === null) c.neverContacted++;
    }
  }
  return {
    asOf: today,
    byOwner: owners.map((o) => {
      const p = per.get(o.id)!;
      return {
        owner: { id: o.id, name: o.display_name },
        team: o.team_id === null ? null : { id: o.team_id, name: o.team_name ?? '' },
        ...withRate(p.all),
        byTier: {
          A: withRate(p.byTier.A),
          B: withRate(p.byTier.B),
          C: withRate(p.byTier.C),
          D: withRate(p.byTier.D),
        },
      };
    }),
    total: withRate(total),
  };
}

// ---- portfolio analyses

export interface Portfolio {
  scope: PortfolioScope;
  id: number;
}

/** The portfolio asked for, if the viewer may look at it (else 404); by default the widest one. */
export async function resolvePortfolio(deps: AppDeps, viewer: Viewer, q: PortfolioQuery): Promise<Portfolio> {
  const scope = q.scope ?? (SEES_ALL.has(viewer.role) ? 'bank' : viewer.role === 'team_lead' ? 'team' : 'rm');
  const id =
    scope === 'bank'
      ? 0
      : (q.scopeId ?? (scope === 'team' ? (viewer.teamId ?? 0) : scope === 'rm' ? viewer.id : 0));
  if (scope !== 'bank' && id === 0)
    throw new AppError('validation_failed', 400, 'scopeId is required', [
      { path: 'scopeId', message: 'is required for this scope' },
    ]);
  if (SEES_ALL.has(viewer.role)) return { scope, id };
  if (scope === 'rm' && id === viewer.id) return { scope, id };
  if (viewer.role === 'team_lead' && viewer.teamId !== null) {
    if (scope === 'team' && id === viewer.teamId) return { scope, id };
    if (scope === 'rm' && (await repo.usersOfTeams(deps.db, [viewer.teamId])).some((u) => u.id === id))
      return { scope, id };
  }
  throw notFound('Portfolio');
}

async function portfolioName(deps: AppDeps, p: Portfolio) {
  if (p.scope === 'bank') return null;
  const [users, teams, branches] = await repo.organisation(deps.db);
  const list =
    p.scope === 'rm'
      ? users.map((u) => ({ id: u.id, name: u.display_name }))
      : p.scope === 'team'
        ? teams
        : branches;
  return list.find((x) => x.id === p.id)?.name ?? null;
}

async function snapshotFor(deps: AppDeps, p: Portfolio, asOf: string | undefined) {
  const row = await repo.snapshot(deps.db, p.scope, p.id, asOf ?? null);
  if (!row)
    throw new AppError(
      'no_analysis',
      404,
      asOf
        ? `No analysis of ${asOf} for this portfolio: an administrator can run the recomputation for that month`
        : 'No analysis yet for this portfolio: an administrator can run the recomputation',
    );
  return row;
}

export async function pareto(deps: AppDeps, viewer: Viewer, q: PortfolioQuery): Promise<ParetoAnalysis> {
  const p = await resolvePortfolio(deps, viewer, q);
  const row = await snapshotFor(deps, p, q.asOf);
  const r = JSON.parse(row.pareto_json) as ParetoResult;
  const history = await repo.snapshotHistory(deps.db, p.scope, p.id);
  return {
    asOf: row.as_of,
    portfolio: { scope: p.scope, id: p.scope === 'bank' ? null : p.id, name: await portfolioName(deps, p) },
    customers: r.customers,
    total: yuan(r.total),
    positiveTotal: yuan(r.positiveTotal),
    top20Share: r.top20Share,
    tierCounts: r.tierCounts,
    tierValues: {
      A: yuan(r.tierValues.A),
      B: yuan(r.tierValues.B),
      C: yuan(r.tierValues.C),
      D: yuan(r.tierValues.D),
    },
    curve: r.curve,
    history: history.map((h) => ({ month: h.as_of, top20Share: h.top20_share, customers: h.customers })),
    months: history.map((h) => h.as_of).reverse(),
  };
}

export async function lifecycleAnalysis(
  deps: AppDeps,
  viewer: Viewer,
  q: PortfolioQuery,
): Promise<LifecycleAnalysis> {
  const p = await resolvePortfolio(deps, viewer, q);
  const row = await snapshotFor(deps, p, q.asOf);
  const l = JSON.parse(row.lifecycle_json) as LifecycleSnapshot;
  const history = await repo.snapshotHistory(deps.db, p.scope, p.id);
  return {
    asOf: row.as_of,
    portfolio: { scope: p.scope, id: p.scope === 'bank' ? null : p.id, name: await portfolioName(deps, p) },
    distribution: Object.entries(l.distribution).map(([stage, count]) => ({
      stage: stage as LifecycleStage,
      count: count ?? 0,
    })),
    manual: l.manual,
    transitions: l.transitions.map(([from, to, count]) => ({ from, to, count })),
    months: history.map((h) => h.as_of).reverse(),
  };
}

/** The portfolios the viewer may analyse. */
export async function portfolios(deps: AppDeps, viewer: Viewer) {
  const [users, teams, branches] = await repo.organisation(deps.db);
  const rmsOf = (teamIds: Set<number> | null) =>
    users
      .filter((u) => u.team_id !== null && (teamIds === null || teamIds.has(u.team_id)))
      .map((u) => ({ id: u.id, name: u.display_name, teamId: u.team_id }));
  if (SEES_ALL.has(viewer.role)) {
    return {
      bank: true,
      branches: branches.map((b) => ({ id: b.id, name: b.name })),
      teams: teams.map((t) => ({ id: t.id, name: t.name, branchId: t.branch_id })),
      rms: rmsOf(null),
    };
  }
  if (viewer.role === 'team_lead' && viewer.teamId !== null) {
    return {
      bank: false,
      branches: [],
      teams: teams
        .filter((t) => t.id === viewer.teamId)
        .map((t) => ({ id: t.id, name: t.name, branchId: t.branch_id })),
      rms: rmsOf(new Set([viewer.teamId])),
    };
  }
  return {
    bank: false,
    branches: [],
    teams: [],
    rms: [{ id: viewer.id, name: viewer.displayName, teamId: viewer.teamId }],
  };
}

// ---- runs

export async function startRun(deps: AppDeps, viewer: Viewer, asOf: string | undefined) {
  if (asOf && asOf > bankDate(deps.clock()).slice(0, 7))
    throw new AppError('validation_failed', 400, 'asOf must not be in the future', [
      { path: 'asOf', message: 'must not be in the future' },
    ]);
  const running = await repo.runningRun(deps.db, new Date(deps.clock().getTime() - 5 * 60_000).toISOString());
  if (running) throw new AppError('run_in_progress', 409, `Run ${running.id} is still running`);
  const id = await startValues(deps, { kind: 'full', asOf, startedBy: viewer.id }, logFailure(deps));
  if (id === null) throw new AppError('run_in_progress', 409, 'Another run is under way');
  return getRun(deps, id);
}

const logFailure = (deps: AppDeps) => (err: unknown) => deps.log?.error({ err }, 'value run failed');

export async function getRun(deps: AppDeps, id: number) {
  const row = await repo.getRun(deps.db, id);
  if (!row) throw notFound('Run');
  return presentRun(row);
}

export async function listRuns(deps: AppDeps) {
  return { items: (await repo.listRuns(deps.db, 20)).map(presentRun) };
}

// ---- settings

export const getValueSettings = (deps: AppDeps) => loadSettings(deps.db, VALUE_SETTINGS);
export const valueSettingsVersions = (deps: AppDeps) => listSettingsVersions(deps.db, VALUE_SETTINGS);
export const getMaintenanceSettings = (deps: AppDeps) => loadSettings(deps.db, MAINTENANCE_SETTINGS);
export const maintenanceSettingsVersions = (deps: AppDeps) =>
  listSettingsVersions(deps.db, MAINTENANCE_SETTINGS);

/** Saves the value settings; every figure is then computed again under them, in the background. */
export async function saveValueSettings(
  deps: AppDeps,
  viewer: Viewer,
  input: { settings: ValueSettingsDto; reason: string; version: number },
  ip: string | null,
) {
  const saved = await saveSettings(deps, viewer, VALUE_SETTINGS, input, ip);
  const runId = await startValues(deps, { kind: 'full', startedBy: viewer.id }, logFailure(deps));
  return { ...saved, runId };
}

export const saveMaintenanceSettings = (
  deps: AppDeps,
  viewer: Viewer,
  input: { settings: MaintenanceSettingsDto; reason: string; version: number },
  ip: string | null,
) => saveSettings(deps, viewer, MAINTENANCE_SETTINGS, input, ip);
