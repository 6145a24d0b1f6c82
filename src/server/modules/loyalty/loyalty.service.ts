import type { z } from 'zod';
import { churnRate } from '../../../domain/churn';
import { addMonths, monthRange } from '../../../domain/months';
import {
  type ChurnCause,
  type ChurnReason,
  CUSTOMER_KINDS,
  type CustomerKind,
  VALUE_TIERS,
  type ValueTier,
} from '../../../shared/codes';
import { bankDate, bankDayStart } from '../../../shared/schemas/common';
import type {
  churnAnalysisQuery,
  churnListQuery,
  churnRecordPatchSchema,
  LoyaltySettingsDto,
  loyaltyAnalysisQuery,
  loyaltyAssessmentCreateSchema,
} from '../../../shared/schemas/loyalty';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, writeAudit } from '../../http/audit';
import { invalidField, notFound, staleVersion } from '../../http/errors';
import { markDirty } from '../customer-value/customer-value.repository';
import { resolvePortfolio } from '../customer-value/customer-value.service';
import { startValues } from '../customer-value/recompute';
import { requireEditableCustomer, requireVisibleCustomer } from '../customers/customers.service';
import { prospectAnalytics } from '../prospect-analytics/prospect-analytics.service';
import { listSettingsVersions, loadSettings, saveSettings } from '../settings/versioned-settings';
import { presentAssessment, presentChurnRecord } from './loyalty.presenter';
import * as repo from './loyalty.repository';
import { LOYALTY_SETTINGS, loadLoyaltyRules } from './loyalty-settings';
import { lookbackStart, readLoyaltyFacts } from './run-facts';

// Churn and loyalty (issue #8 parts 4–5, DOMAIN §5). The value run scores every customer's loyalty
// and finds the customers lost (run-facts.ts); this module answers for one customer, for portfolios,
// records why a customer left and keeps the RM's assessments and the versioned settings.

const MEASURE_COLUMNS = [
  'repeat_purchases',
  'price_sensitivity',
  'competitor_attitude',
  'problem_attitude',
  'growth',
  'retention',
] as const;
const fromPerMille = (x: number | null | undefined) => (x == null ? null : x / 1000);

export async function customerLoyalty(deps: AppDeps, viewer: Viewer, id: number) {
  await requireVisibleCustomer(deps.db, viewer, id);
  const today = bankDate(deps.clock());
  const month = today.slice(0, 7);
  const { version, loyalty: settings } = await loadLoyaltyRules(deps.db);
  const [stored, assessments, levers, churn, facts, accounts] = await Promise.all([
    repo.loyaltyOf(deps.db, id),
    repo.assessmentsOf(deps.db, id),
    repo.leversOf(deps.db, id, bankDayStart(`${addMonths(month, -12)}${today.slice(7)}`)),
    repo.latestChurnOf(deps.db, id),
    readLoyaltyFacts(deps.db, { ids: [id] }, month),
    repo.openedSince(deps.db, id),
  ]);
  const asOf = stored?.as_of ?? null;
  const windowStart = `${addMonths(asOf ?? month, -11)}-01`;
  const complaints = facts.complaints.get(id);
  const assessment = facts.assessments.get(id);
  const perceived = facts.perceptions.get(id);
  const evidence: Record<(typeof MEASURE_COLUMNS)[number], Record<string, unknown>> = {
    repeat_purchases: {
      purchases12m: accounts.filter((a) => a.opened_on >= windowStart).length,
      productsEver: accounts.length,
      target: settings.repeatPurchaseTarget,
    },
    price_sensitivity: { assessment: assessment?.price ?? null, survey: perceived?.price ?? null },
    competitor_attitude: {
      assessment: assessment?.competitor ?? null,
      survey: perceived?.competitor ?? null,
    },
    problem_attitude: {
      complaints: complaints?.complaints ?? 0,
      fixSatisfaction: complaints?.fixSatisfaction ?? null,
      stayed: churn === undefined,
    },
    growth: { growthSpan: settings.growthSpan },
    retention: { lost: churn !== undefined },
  };
  return {
    customerId: id,
    index: fromPerMille(stored?.loyalty_index),
    asOf,
    settingsVersion: version,
    measures: MEASURE_COLUMNS.map((measure) => ({
      measure,
      weight: settings.weights[measure],
      score: fromPerMille(stored?.[measure]),
      evidence: evidence[measure],
    })),
    levers,
    assessments: assessments.map(presentAssessment),
    churn: churn
      ? {
          id: churn.id,
          lostMonth: churn.lost_month,
          cause: churn.cause as ChurnCause,
          reason: churn.reason as ChurnReason | null,
        }
      : null,
  };
}

export async function addAssessment(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  input: z.output<typeof loyaltyAssessmentCreateSchema>,
  ip: string | null,
) {
  await requireEditableCustomer(deps.db, viewer, customerId);
  const ctx = auditContext(deps, viewer, ip);
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = {
      customer_id: customerId,
      price_sensitivity: input.priceSensitivity,
      competitor_attitude: input.competitorAttitude,
      note: input.note ?? null,
      assessed_by: viewer.id,
      assessed_at: ctx.at,
    };
    const newId = await repo.insertAssessment(trx, row);
    await writeAudit(trx, ctx, {
      entity: 'loyalty_assessment',
      entityId: newId,
      action: 'create',
      after: row,
    });
    await markDirty(trx, [customerId], ctx.at);
    return newId;
  });
  const rows = await repo.assessmentsOf(deps.db, customerId);
  return presentAssessment(rows.find((r) => r.id === id)!);
}

// ---- churn

type ChurnListQuery = z.output<typeof churnListQuery>;

export async function listChurnRecords(deps: AppDeps, viewer: Viewer, q: ChurnListQuery) {
  let query = repo.visibleChurnRecords(deps.db, viewer);
  if (q.scope) {
    const p = await resolvePortfolio(deps, viewer, q);
    query = query.where(repo.inPortfolio(p.scope, p.id, 'customers.owner_id'));
  }
  if (q.from) query = query.where('r.lost_month', '>=', q.from);
  if (q.to) query = query.where('r.lost_month', '<=', q.to);
  if (q.cause) query = query.where('r.cause', '=', q.cause);
  if (q.reason === 'none') query = query.where('r.reason', 'is', null);
  else if (q.reason) query = query.where('r.reason', '=', q.reason);
  if (q.complainedBefore)
    query = query.where(repo.complaintsBefore, q.complainedBefore === 'true' ? '>' : '=', 0);
  const [{ n }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    repo
      .churnRecordColumns(query)
      .orderBy('r.lost_month', 'desc')
      .orderBy('r.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
  ]);
  return { items: rows.map(presentChurnRecord), total: Number(n) };
}

export async function recordChurnReason(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: z.output<typeof churnRecordPatchSchema>,
  ip: string | null,
) {
  const found = await repo
    .churnRecordColumns(repo.visibleChurnRecords(deps.db, viewer).where('r.id', '=', id))
    .executeTakeFirst();
  if (!found) throw notFound('Churn record');
  await requireEditableCustomer(deps.db, viewer, found.customer_id);
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const changed = await repo.updateChurnReason(trx, id, input.version, {
      reason: input.reason,
      note: input.note ?? null,
      recorded_by: viewer.id,
      recorded_at: ctx.at,
    });
    if (!changed) throw staleVersion();
    await writeAudit(trx, ctx, {
      entity: 'churn_record',
      entityId: id,
      action: 'update',
      before: { reason: found.reason, note: found.note },
      after: { reason: input.reason, note: input.note ?? null },
    });
  });
  const row = await repo
    .churnRecordColumns(repo.visibleChurnRecords(deps.db, viewer).where('r.id', '=', id))
    .executeTakeFirstOrThrow();
  return presentChurnRecord(row);
}

type ChurnAnalysisQuery = z.output<typeof churnAnalysisQuery>;

/** The churn rate per month and over the period; by default the 12 months ending last month. */
export async function churnAnalysis(deps: AppDeps, viewer: Viewer, q: ChurnAnalysisQuery) {
  const p = await resolvePortfolio(deps, viewer, q);
  const thisMonth = bankDate(deps.clock()).slice(0, 7);
  const to = q.to ?? addMonths(thisMonth, -1);
  const from = q.from ?? addMonths(to, -11);
  if (to < from) throw invalidField('querystring.to', 'must not be before from');
  const months = monthRange(from, to);
  if (months.length > 60) throw invalidField('querystring.from', 'a period of at most 60 months');
  const [spans, lostRows] = await Promise.all([
    repo.activeSpans(deps.db, p.scope, p.id),
    repo
      .churnRecordsQuery(deps.db, p.scope, p.id)
      .where('r.lost_month', '>=', from)
      .where('r.lost_month', '<=', to)
      .select((eb) => [
        'r.lost_month',
        'r.cause',
        'r.reason',
        'c.value_tier',
        'c.kind',
        eb.fn.countAll<number>().as('n'),
        eb.fn
          .sum<number>(eb.case().when(repo.complaintsBefore, '>', 0).then(1).else(0).end())
          .as('complained'),
      ])
      .groupBy(['r.lost_month', 'r.cause', 'r.reason', 'c.value_tier', 'c.kind'])
      .execute(),
  ]);
  // Active at the start of a month: first product before the month, not every product closed before it.
  const activeAt = (month: string, keep: (s: (typeof spans)[number]) => boolean = () => true) =>
    spans.reduce(
      (n, s) =>
        keep(s) && s.first_month < month && (s.closed_month === null || s.closed_month >= month)
          ? n + Number(s.n)
          : n,
      0,
    );
  const lostIn = (keep: (r: (typeof lostRows)[number]) => boolean) =>
    lostRows.reduce((n, r) => (keep(r) ? n + Number(r.n) : n), 0);
  const atStart = activeAt(from);
  const lost = lostIn(() => true);
  const count = <K extends string>(keyOf: (r: (typeof lostRows)[number]) => K) => {
    const m = new Map<K, number>();
    for (const r of lostRows) m.set(keyOf(r), (m.get(keyOf(r)) ?? 0) + Number(r.n));
    return m;
  };
  const segment = <K extends string | null>(
    keys: readonly K[],
    spanKey: (s: (typeof spans)[number]) => K,
    lostKey: (r: (typeof lostRows)[number]) => K,
  ) =>
    keys.map((key) => {
      const a = activeAt(from, (s) => spanKey(s) === key);
      const l = lostIn((r) => lostKey(r) === key);
      return { key, atStart: a, lost: l, rate: churnRate(l, a) };
    });
  return {
    scope: p.scope,
    scopeId: p.scope === 'bank' ? null : p.id,
    from,
    to,
    rate: churnRate(lost, atStart),
    atStart,
    lost,
    months: months.map((month) => {
      const a = activeAt(month);
      const l = lostIn((r) => r.lost_month === month);
      return { month, atStart: a, lost: l, rate: churnRate(l, a) };
    }),
    byCause: [...count((r) => r.cause as ChurnCause)].map(([cause, n]) => ({ cause, count: n })),
    byReason: [...count((r) => r.reason ?? '')].map(([reason, n]) => ({
      reason: reason === '' ? null : (reason as ChurnReason),
      count: n,
    })),
    // Codes as the database holds them (the tier, null before any run).
    byValueTier: segment(
      [...VALUE_TIERS.codes, null],
      (s) => s.value_tier as ValueTier | null,
      (r) => r.value_tier as ValueTier | null,
    ),
    byKind: segment(
      CUSTOMER_KINDS.codes,
      (s) => s.kind as CustomerKind,
      (r) => r.kind as CustomerKind,
    ),
    lostAfterComplaint: lostRows.reduce((n, r) => n + Number(r.complained ?? 0), 0),
  };
}

// ---- loyalty of a portfolio

export async function loyaltyAnalysis(
  deps: AppDeps,
  viewer: Viewer,
  q: z.output<typeof loyaltyAnalysisQuery>,
) {
  const p = await resolvePortfolio(deps, viewer, q);
  const today = bankDate(deps.clock());
  const month = today.slice(0, 7);
  const yearAgo = `${addMonths(month, -12)}${today.slice(7)}`;
  const [figures, buckets, complainers, churn12, prospects] = await Promise.all([
    repo.loyaltyFigures(deps.db, p.scope, p.id),
    repo.loyaltyDistribution(deps.db, p.scope, p.id),
    repo.complainers(deps.db, p.scope, p.id, `${lookbackStart(month)}`),
    churnAnalysis(deps, viewer, { scope: p.scope, scopeId: p.scope === 'bank' ? undefined : p.id }),
    p.scope === 'branch'
      ? null
      : prospectAnalytics(deps, viewer, {
          from: yearAgo,
          to: today,
          ownerId: p.scope === 'rm' ? p.id : undefined,
          teamId: p.scope === 'team' ? p.id : undefined,
        }),
  ]);
  const distribution = Array.from({ length: 10 }, () => 0);
  for (const b of buckets) distribution[Math.min(9, Math.max(0, Number(b.bucket)))]! += Number(b.n);
  const f = figures as unknown as Record<string, number | string | null>;
  return {
    scope: p.scope,
    scopeId: p.scope === 'bank' ? null : p.id,
    customers: Number(figures.customers),
    measured: Number(figures.measured),
    meanIndex: figures.mean_index === null ? null : Number(figures.mean_index) / 1000,
    distribution,
    measures: MEASURE_COLUMNS.map((measure) => ({
      measure,
      mean: f[`${measure}_mean`] == null ? null : Number(f[`${measure}_mean`]) / 1000,
      known: Number(f[`${measure}_known`] ?? 0),
    })),
    acquisitionRate: prospects?.acquisition.overall.rate ?? null,
    churnRate12m: churn12.rate,
    stayedAfterComplaint:
      Number(complainers.complained) === 0
        ? null
        : Number(complainers.stayed) / Number(complainers.complained),
  };
}

// ---- settings

export const getLoyaltySettings = (deps: AppDeps) => loadSettings(deps.db, LOYALTY_SETTINGS);
export const loyaltySettingsVersions = (deps: AppDeps) => listSettingsVersions(deps.db, LOYALTY_SETTINGS);

/** Saves the loyalty settings; every customer's loyalty (and model value) is then computed again. */
export async function saveLoyaltySettings(
  deps: AppDeps,
  viewer: Viewer,
  input: { settings: LoyaltySettingsDto; reason: string; version: number },
  ip: string | null,
) {
  const saved = await saveSettings(deps, viewer, LOYALTY_SETTINGS, input, ip);
  const runId = await startValues(deps, { kind: 'full', startedBy: viewer.id }, (err) =>
    deps.log?.error({ err }, 'value run after a loyalty settings change failed'),
  );
  return { ...saved, runId };
}
