import type { z } from 'zod';
import type { ExitTrigger } from '../../../domain/exit-criteria';
import {
  type CreditGrade,
  type ExitCandidateStatus,
  type ExitRule,
  exitGroupOf,
  type Role,
} from '../../../shared/codes';
import { fenToYuan } from '../../../shared/money';
import { bankDate } from '../../../shared/schemas/common';
import type {
  CandidateDto,
  candidateListQuery,
  candidatePatchSchema,
  ExitTriggerDto,
  ScreeningDto,
  screeningRequestSchema,
} from '../../../shared/schemas/exit';
import type { AppDeps } from '../../deps';
import { SEES_ALL, type Viewer } from '../../http/access';
import { auditContext, writeAudit } from '../../http/audit';
import { conflict, forbidden, notFound, staleVersion } from '../../http/errors';
import { requireVisibleCustomer } from '../customers/customers.service';
import { runScreening } from './screening';
import * as repo from './screening.repository';

// Screening on request and the candidates queue (issue #9 part 4, DOMAIN §7.2). A run covers the
// caller's visible portfolio (the whole bank for a risk officer or an administrator) or the customers
// named; every run updates the queue for the customers it screened. A risk officer or a team lead
// may keep a candidate for now (with a note); a new rule firing opens it again.

export type ScreeningRequest = z.output<typeof screeningRequestSchema>;
export type CandidateListQuery = z.output<typeof candidateListQuery>;
export type CandidatePatch = z.output<typeof candidatePatchSchema>;

const DECIDERS: readonly Role[] = ['risk_officer', 'team_lead'];
const SCREENINGS_LISTED = 50;

const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });
const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? fen : fenToYuan(Number(fen));

/** The evidence as the API shows it: amounts in yuan (the rules read fen). */
export function presentTrigger(t: ExitTrigger): ExitTriggerDto {
  const e = t.evidence;
  return {
    rule: t.rule,
    evidence: {
      ...e,
      ...(e.currentAssets !== undefined && { currentAssets: fenToYuan(e.currentAssets) }),
      ...(e.currentLiabilities !== undefined && { currentLiabilities: fenToYuan(e.currentLiabilities) }),
      ...(e.totalAssets !== undefined && { totalAssets: fenToYuan(e.totalAssets) }),
      ...(e.totalLiabilities !== undefined && { totalLiabilities: fenToYuan(e.totalLiabilities) }),
      ...(e.years && {
        years: e.years.map((y) => ({
          ...y,
          ...('netProfit' in y && { netProfit: yuan(y.netProfit) }),
          ...('ownersEquity' in y && { ownersEquity: yuan(y.ownersEquity) }),
          ...('operatingCashFlow' in y && { operatingCashFlow: yuan(y.operatingCashFlow) }),
        })),
      }),
    },
  };
}

interface StoredResult {
  triggers: ExitTrigger[];
  insufficientData: ExitRule[];
  exempt: ExitRule[];
}

function presentScreening(row: repo.ScreeningRow): ScreeningDto {
  return {
    id: row.id,
    asOf: row.as_of,
    scope: row.scope as ScreeningDto['scope'],
    criteriaVersion: row.criteria_version,
    startedBy: person(row.started_by, row.started_by_name),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    screened: row.screened,
    candidates: row.candidates,
    newCandidates: row.new_candidates,
    insufficient: row.insufficient,
  };
}

function presentCandidate(row: repo.CandidateRow): CandidateDto {
  const stored = JSON.parse(row.result_json) as StoredResult;
  return {
    customer: {
      id: row.customer_id,
      code: row.code,
      name: row.name,
      kind: row.kind as CandidateDto['customer']['kind'],
      industry: row.industry,
      creditGrade: row.credit_grade as CreditGrade | null,
      loanClass: row.loan_class,
      owner: person(row.owner_id, row.owner_name),
    },
    since: row.since,
    screeningId: row.screening_id,
    triggers: stored.triggers.map(presentTrigger),
    insufficientData: stored.insufficientData,
    exempt: stored.exempt,
    status: row.status as ExitCandidateStatus,
    statusNote: row.status_note,
    statusBy: person(row.status_by, row.status_by_name),
    statusAt: row.status_at,
    planId: row.plan_id === null ? null : Number(row.plan_id),
    version: row.version,
  };
}

/** POST /exit-screenings: screens the portfolio or the customers named, and answers every result. */
export async function screen(deps: AppDeps, viewer: Viewer, input: ScreeningRequest) {
  const asOf = input.asOf ?? bankDate(deps.clock());
  if (input.customerIds) {
    const seen = await repo.visibleIds(deps.db, viewer, input.customerIds);
    if (input.customerIds.some((id) => !seen.has(id))) throw notFound('Customer');
  }
  const scope = input.customerIds ? 'customers' : SEES_ALL.includes(viewer.role) ? 'bank' : 'portfolio';
  const outcome = await runScreening(deps, {
    asOf,
    scope,
    viewer,
    customerIds: input.customerIds,
    collect: input.only,
  });
  const run = presentScreening((await repo.findScreening(deps.db, outcome.id))!);
  return {
    ...run,
    runId: run.id,
    results: outcome.results.map((r) => ({
      customerId: r.customerId,
      code: r.code,
      name: r.name,
      candidate: r.candidate,
      triggers: r.triggers.map(presentTrigger),
      insufficientData: r.insufficientData,
      exempt: r.exempt,
    })),
  };
}

const SCREEN_CHUNK = 10_000;

/** Screens the customers again today (their risk data changed), in runs of at most 10,000. */
export async function screenCustomers(deps: AppDeps, customerIds: Iterable<number>) {
  const ids = [...new Set(customerIds)].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += SCREEN_CHUNK) {
    await runScreening(deps, {
      asOf: bankDate(deps.clock()),
      scope: 'customers',
      viewer: null,
      customerIds: ids.slice(i, i + SCREEN_CHUNK),
      collect: 'none',
    });
  }
}

/**
 * Screens one customer again after its risk data changed, so the queue follows at once. A failure is
 * logged, not answered: the change itself was written, and the nightly run screens everyone.
 */
export async function screenAfterChange(deps: AppDeps, customerId: number) {
  try {
    await screenCustomers(deps, [customerId]);
  } catch (err) {
    deps.log?.error({ err, customerId }, 'exit screening after a change failed');
  }
}

export async function listScreenings(deps: AppDeps) {
  return { items: (await repo.listScreenings(deps.db, SCREENINGS_LISTED)).map(presentScreening) };
}

export async function getScreening(deps: AppDeps, id: number) {
  const row = await repo.findScreening(deps.db, id);
  if (!row) throw notFound('Screening');
  return presentScreening(row);
}

export async function listCandidates(deps: AppDeps, viewer: Viewer, query: CandidateListQuery) {
  const { page, pageSize, ...filter } = query;
  const [{ rows, total }, ruleSets, last] = await Promise.all([
    repo.listCandidates(deps.db, viewer, filter, page, pageSize),
    repo.candidateRuleSets(deps.db, viewer, filter),
    repo.lastBankScreening(deps.db),
  ]);
  const byRule: Record<string, number> = {};
  const byGroup: Record<string, number> = {};
  for (const { rules, n } of ruleSets) {
    const set = rules.trim().split(' ').filter(Boolean) as ExitRule[];
    for (const rule of set) byRule[rule] = (byRule[rule] ?? 0) + Number(n);
    for (const group of new Set(set.map(exitGroupOf))) byGroup[group] = (byGroup[group] ?? 0) + Number(n);
  }
  return {
    items: rows.map(presentCandidate),
    total,
    byRule,
    byGroup,
    lastScreening: last ? presentScreening(last) : null,
  };
}

/** Keeps a candidate for now (dismissed, with a note) or opens it again: risk officers and team leads. */
export async function patchCandidate(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  input: CandidatePatch,
  ip: string | null,
) {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  const row = await repo.findCandidate(deps.db, customerId);
  if (!row) throw notFound('Exit candidate');
  if (!DECIDERS.includes(viewer.role))
    throw forbidden('Risk officers and team leads decide about candidates');
  if (row.version !== input.version) throw staleVersion();
  if (row.status === 'planned') throw conflict('An exit plan is under way for this customer');
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateCandidateStatus(trx, customerId, input.version, {
      status: input.status,
      status_note: input.note ?? null,
      status_by: viewer.id,
      status_at: ctx.at,
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'exit_candidate',
      entityId: customerId,
      customerId,
      before: { status: row.status, note: row.status_note },
      after: { status: input.status, note: input.note ?? null },
    });
  });
  const { rows } = await repo.listCandidates(deps.db, viewer, { customerId }, 1, 1);
  return presentCandidate(rows[0]!);
}
