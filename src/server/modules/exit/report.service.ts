import type { z } from 'zod';
import {
  EXIT_MEANS,
  EXIT_PLAN_STATUSES,
  EXIT_REASONS,
  EXIT_SCOPES,
  type ExitPlanStatus,
  type ExitRule,
} from '../../../shared/codes';
import { fenToYuan } from '../../../shared/money';
import type {
  ExitReportDto,
  exitReportQuery,
  watchItemSchema,
  watchListQuery,
} from '../../../shared/schemas/exit';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { invalidField } from '../../http/errors';
import { resolvePortfolio } from '../customer-value/customer-value.service';
import * as repo from './plans.repository';

// The portfolio exit report (issue #9 part 6): how many plans and how much balance is leaving or has
// left, by status, reason, means, scope and month of completion; and the watch list of the customers
// whose loans are classified special mention 关注 (not yet an exit rule, watched before they become one).

export type ExitReportQuery = z.output<typeof exitReportQuery>;
export type WatchListQuery = z.output<typeof watchListQuery>;

interface Cell {
  plans: number;
  asset: number;
  liability: number;
}
const empty = (): Cell => ({ plans: 0, asset: 0, liability: 0 });
const yuanCell = (c: Cell) => ({
  plans: c.plans,
  assetBalance: fenToYuan(c.asset),
  liabilityBalance: fenToYuan(c.liability),
});
const LEAVING: ReadonlySet<string> = new Set(['approved', 'executing', 'completed']);

export async function exitReport(deps: AppDeps, viewer: Viewer, q: ExitReportQuery): Promise<ExitReportDto> {
  if (q.from && q.to && q.from > q.to) throw invalidField('querystring.to', 'must not be before from');
  const p = await resolvePortfolio(deps, viewer, q);
  const [plans, candidates] = await Promise.all([
    repo.reportPlans(deps.db, p.scope, p.id, q.from, q.to),
    repo.candidateCounts(deps.db, p.scope, p.id),
  ]);
  const byStatus = new Map<string, Cell>(EXIT_PLAN_STATUSES.codes.map((s) => [s, empty()]));
  const byReason = new Map<string, Cell>(EXIT_REASONS.codes.map((r) => [r, empty()]));
  const byMeans = new Map<string | null, Cell>([...EXIT_MEANS.codes, null].map((m) => [m, empty()]));
  const byScope = new Map<string, Cell>(EXIT_SCOPES.codes.map((s) => [s, empty()]));
  const byMonth = new Map<string, Cell>();
  const leaving = empty();
  const completed = empty();
  const add = (c: Cell, asset: number, liability: number) => {
    c.plans++;
    c.asset += asset;
    c.liability += liability;
  };
  for (const plan of plans) {
    const asset = Number(plan.asset_balance ?? 0);
    const liability = Number(plan.liability_balance ?? 0);
    add(byStatus.get(plan.status)!, asset, liability);
    if (!LEAVING.has(plan.status)) continue;
    add(leaving, asset, liability);
    for (const r of plan.reasons.split(',')) if (byReason.has(r)) add(byReason.get(r)!, asset, liability);
    const means = plan.means === '' ? [null] : plan.means.split(',');
    for (const m of means) if (byMeans.has(m)) add(byMeans.get(m)!, asset, liability);
    add(byScope.get(plan.scope)!, asset, liability);
    if (plan.status === 'completed') {
      add(completed, asset, liability);
      const month = (plan.completed_on ?? '').slice(0, 7);
      if (!byMonth.has(month)) byMonth.set(month, empty());
      add(byMonth.get(month)!, asset, liability);
    }
  }
  const count = (status: string) => Number(candidates.find((c) => c.status === status)?.n ?? 0);
  return {
    scope: p.scope,
    scopeId: p.scope === 'bank' ? null : p.id,
    from: q.from ?? null,
    to: q.to ?? null,
    byStatus: Object.fromEntries([...byStatus].map(([s, c]) => [s, yuanCell(c)])),
    leaving: yuanCell(leaving),
    completed: yuanCell(completed),
    byReason: [...byReason].map(([reason, c]) => ({
      reason: reason as ExitReportDto['byReason'][number]['reason'],
      ...yuanCell(c),
    })),
    byMeans: [...byMeans].map(([means, c]) => ({
      means: means as ExitReportDto['byMeans'][number]['means'],
      ...yuanCell(c),
    })),
    byScope: [...byScope].map(([scope, c]) => ({
      scope: scope as ExitReportDto['byScope'][number]['scope'],
      ...yuanCell(c),
    })),
    byMonth: [...byMonth]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, c]) => ({ month, ...yuanCell(c) })),
    candidates: { open: count('open'), planned: count('planned'), dismissed: count('dismissed') },
  };
}

export async function watchList(deps: AppDeps, viewer: Viewer, q: WatchListQuery) {
  const { rows, total } = await repo.watchList(deps.db, viewer, q.q, q.page, q.pageSize);
  const ids = rows.map((r) => r.id);
  const planIds = rows.flatMap((r) => (r.plan_id === null ? [] : [Number(r.plan_id)]));
  const [balances, statuses] = await Promise.all([
    repo.loanBalances(deps.db, ids),
    repo.planStatuses(deps.db, planIds),
  ]);
  const items: z.output<typeof watchItemSchema>[] = rows.map((r) => {
    const planId = r.plan_id === null ? null : Number(r.plan_id);
    return {
      customer: {
        id: r.id,
        code: r.code,
        name: r.name,
        kind: r.kind as 'corporate' | 'individual',
        owner: r.owner_id === null ? null : { id: r.owner_id, name: r.owner_name ?? '' },
      },
      creditGrade: r.credit_grade,
      loanBalance: fenToYuan(balances.get(r.id) ?? 0),
      candidate: r.rules !== null,
      rules: (r.rules?.trim().split(' ').filter(Boolean) ?? []) as ExitRule[],
      activeFlags: Number(r.active_flags ?? 0),
      planId,
      planStatus: planId === null ? null : ((statuses.get(planId) as ExitPlanStatus | undefined) ?? null),
    };
  });
  return { items, total };
}
