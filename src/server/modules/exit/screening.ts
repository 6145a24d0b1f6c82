import { type ExpressionBuilder, sql } from 'kysely';
import {
  type RiskFlagFact,
  type ScreeningFacts,
  type ScreeningResult,
  type StatementFigures,
  screenCustomer,
} from '../../../domain/exit-criteria';
import type { CreditGrade, RiskFlagCode } from '../../../shared/codes';
import { bankDate } from '../../../shared/schemas/common';
import { selectArrays } from '../../db/array-rows';
import { bulkInsert } from '../../db/bulk-insert';
import type { DB, Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import { customerVisibleTo, type Viewer } from '../../http/access';
import { criteriaOf, loadExitCriteria } from './exit-settings';

// A screening run (issue #9 part 4): the customers of a scope read in ranges of ids (customers, their
// statements and the risk flags in force, as arrays), each screened by the pure rules of
// src/domain/exit-criteria.ts, and per range one transaction that keeps the run's results (only the
// customers with a trigger or with data missing get a row) and brings the candidates queue up to
// date for the customers screened: a new candidate enters `open` (`planned` when an exit plan is under
// way or a whole exit was completed), one no longer a candidate leaves, a kept-for-now one opens again when a new rule fires.

const CHUNK = 20_000;
const IN_CHUNK = 2_000;
const CANDIDATE_BATCH = 400;
const RESULTS_KEPT_DAYS = 92;
/** SQLite runs each query synchronously: give the event loop a turn between ranges. */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
const ACTIVE_PLAN: readonly string[] = ['draft', 'submitted', 'approved', 'executing'];

export type ScreeningScope = 'bank' | 'portfolio' | 'customers';

export interface ScreenedCustomer extends ScreeningResult {
  customerId: number;
  code: string;
  name: string;
}

export interface ScreeningOptions {
  asOf: string;
  scope: ScreeningScope;
  /** whose portfolio (scope portfolio), or who asked; null for the nightly run */
  viewer: Viewer | null;
  customerIds?: readonly number[];
  /** which results to hand back: none for the nightly run */
  collect: 'all' | 'candidates' | 'none';
}

export interface ScreeningOutcome {
  id: number;
  screened: number;
  candidates: number;
  newCandidates: number;
  insufficient: number;
  results: ScreenedCustomer[];
}

/** Which customers a range covers: an id range, or a list of ids. */
type Slice = { lo: number; hi: number } | { ids: readonly number[] };

const inSlice =
  (slice: Slice, column: string) =>
  <T extends keyof DB>(eb: ExpressionBuilder<DB, T>) =>
    'ids' in slice
      ? eb(sql.ref(column), 'in', slice.ids as number[])
      : eb.and([eb(sql.ref(column), '>=', slice.lo), eb(sql.ref(column), '<=', slice.hi)]);

type CustomerArray = [number, string, string, string, string | null, string | null, string | null, number];
type StatementArray = [
  number,
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
];
type FlagArray = [number, number, string, string, string | null, string | null];
type CandidateArray = [number, string, string, string, number];

const num = (v: unknown) => (v === null ? null : Number(v));

async function readSlice(db: Db, slice: Slice, opts: ScreeningOptions) {
  let customers = db
    .selectFrom('customers')
    .select([
      'customers.id',
      // The code and name only for the results handed back (the nightly run keeps none).
      opts.collect === 'none' ? sql<string>`''`.as('code') : 'customers.code',
      opts.collect === 'none' ? sql<string>`''`.as('name') : 'customers.name',
      'customers.kind',
      'customers.industry',
      'customers.credit_grade',
      'customers.loan_class',
      'customers.foreign_trade',
    ])
    .where(inSlice(slice, 'customers.id'))
    .orderBy('customers.id');
  if (opts.scope === 'portfolio' && opts.viewer) customers = customers.where(customerVisibleTo(opts.viewer));
  const asOfYear = Number(opts.asOf.slice(0, 4));
  const [rows, statements, flags, current, planned] = await Promise.all([
    selectArrays<CustomerArray>(db, customers),
    selectArrays<StatementArray>(
      db,
      db
        .selectFrom('financial_statements')
        .select([
          'customer_id',
          'fiscal_year',
          'current_assets',
          'current_liabilities',
          'total_assets',
          'total_liabilities',
          'owners_equity',
          'net_profit',
          'operating_cash_flow',
        ])
        .where(inSlice(slice, 'financial_statements.customer_id'))
        .where('fiscal_year', '<=', asOfYear),
    ),
    selectArrays<FlagArray>(
      db,
      db
        .selectFrom('risk_flags')
        .select(['customer_id', 'id', 'code', 'recorded_on', 'cleared_on', 'note'])
        .where(inSlice(slice, 'risk_flags.customer_id'))
        .where('recorded_on', '<=', opts.asOf)
        .where((eb) => eb.or([eb('cleared_on', 'is', null), eb('cleared_on', '>', opts.asOf)])),
    ),
    selectArrays<CandidateArray>(
      db,
      db
        .selectFrom('exit_candidates')
        .select(['customer_id', 'rules', 'status', 'result_json', 'version'])
        .where(inSlice(slice, 'exit_candidates.customer_id')),
    ),
    selectArrays<[number]>(
      db,
      db
        .selectFrom('exit_plans')
        .select('customer_id')
        .distinct()
        .where(inSlice(slice, 'exit_plans.customer_id'))
        .where((eb) =>
          eb.or([
            eb('status', 'in', ACTIVE_PLAN as string[]),
            // A completed whole exit: the relationship has ended, the candidate stays with its plan.
            eb.and([
              eb('status', '=', 'completed'),
              eb('content', '=', 'customer'),
              eb('scope', '=', 'whole'),
            ]),
          ]),
        ),
    ),
  ]);
  const statementsOf = new Map<number, StatementFigures[]>();
  for (const s of statements) {
    const id = Number(s[0]);
    const list = statementsOf.get(id) ?? [];
    if (list.length === 0) statementsOf.set(id, list);
    list.push({
      fiscalYear: Number(s[1]),
      currentAssets: num(s[2]),
      currentLiabilities: num(s[3]),
      totalAssets: num(s[4]),
      totalLiabilities: num(s[5]),
      ownersEquity: num(s[6]),
      netProfit: num(s[7]),
      operatingCashFlow: num(s[8]),
    });
  }
  const flagsOf = new Map<number, RiskFlagFact[]>();
  for (const f of flags) {
    const id = Number(f[0]);
    const list = flagsOf.get(id) ?? [];
    if (list.length === 0) flagsOf.set(id, list);
    list.push({
      id: Number(f[1]),
      code: f[2] as RiskFlagCode,
      recordedOn: f[3],
      clearedOn: f[4],
      note: f[5],
    });
  }
  return {
    rows,
    statementsOf,
    flagsOf,
    current: new Map(
      current.map((c) => [Number(c[0]), { rules: c[1], status: c[2], json: c[3], version: Number(c[4]) }]),
    ),
    planned: new Set(planned.map((p) => Number(p[0]))),
  };
}

const rulesText = (r: ScreeningResult) => ` ${r.triggers.map((t) => t.rule).join(' ')} `;
const resultJson = (r: ScreeningResult) =>
  JSON.stringify({ triggers: r.triggers, insufficientData: r.insufficientData, exempt: r.exempt });

/** The slices of the run: ranges of ids over the scope, or the ids asked for. */
async function slicesOf(db: Db, opts: ScreeningOptions): Promise<Slice[]> {
  if (opts.customerIds) {
    const ids = [...new Set(opts.customerIds)].sort((a, b) => a - b);
    const out: Slice[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) out.push({ ids: ids.slice(i, i + IN_CHUNK) });
    return out;
  }
  // Two subqueries: each reads one end of the primary key (min and max in one select scan it).
  const bounds = await sql<{ lo: number | null; hi: number | null }>`
    SELECT (SELECT min(id) FROM customers) AS lo, (SELECT max(id) FROM customers) AS hi`
    .execute(db)
    .then((r) => r.rows[0]);
  if (!bounds || bounds.lo === null || bounds.hi === null) return [];
  const out: Slice[] = [];
  for (let lo = Number(bounds.lo); lo <= Number(bounds.hi); lo += CHUNK) {
    out.push({ lo, hi: Math.min(Number(bounds.hi), lo + CHUNK - 1) });
  }
  return out;
}

/** Runs a screening to the end; the run's record holds its counts. */
export async function runScreening(deps: AppDeps, opts: ScreeningOptions): Promise<ScreeningOutcome> {
  const db = deps.db;
  const settings = await loadExitCriteria(db);
  const criteria = criteriaOf(settings);
  const startedAt = deps.clock().toISOString();
  const today = bankDate(deps.clock());
  // The queue is what is known today: a screening of an earlier day is stored, but moves nothing in it.
  const updatesQueue = opts.asOf >= today;
  const { id } = await db
    .insertInto('exit_screenings')
    .values({
      as_of: opts.asOf,
      scope: opts.scope,
      criteria_version: settings.version,
      started_by: opts.viewer?.id ?? null,
      started_at: startedAt,
      finished_at: null,
      screened: 0,
      candidates: 0,
      new_candidates: 0,
      insufficient: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const out: ScreeningOutcome = {
    id,
    screened: 0,
    candidates: 0,
    newCandidates: 0,
    insufficient: 0,
    results: [],
  };

  for (const slice of await slicesOf(db, opts)) {
    const facts = await readSlice(db, slice, opts);
    const results: { screening_id: number; customer_id: number; candidate: number; result_json: string }[] =
      [];
    const upserts: {
      customer_id: number;
      rules: string;
      result_json: string;
      status: string;
      version: number;
    }[] = [];
    const gone: number[] = [];
    for (const [rawId, code, name, kind, industry, creditGrade, loanClass, foreignTrade] of facts.rows) {
      const customerId = Number(rawId);
      const input: ScreeningFacts = {
        kind: kind as ScreeningFacts['kind'],
        industry,
        creditGrade: creditGrade as CreditGrade | null,
        loanClass,
        foreignTrade: Number(foreignTrade) === 1,
        statements: facts.statementsOf.get(customerId) ?? [],
        flags: facts.flagsOf.get(customerId) ?? [],
      };
      const result = screenCustomer(input, criteria, opts.asOf);
      out.screened++;
      if (result.insufficientData.length > 0) out.insufficient++;
      const before = facts.current.get(customerId);
      if (result.candidate || result.insufficientData.length > 0) {
        results.push({
          screening_id: id,
          customer_id: customerId,
          candidate: result.candidate ? 1 : 0,
          result_json: resultJson(result),
        });
      }
      if (result.candidate) out.candidates++;
      if (updatesQueue && result.candidate) {
        const rules = rulesText(result);
        const json = resultJson(result);
        const hasPlan = facts.planned.has(customerId);
        let status: string;
        if (!before) status = hasPlan ? 'planned' : 'open';
        else if (hasPlan) status = 'planned';
        else if (before.status === 'planned') status = 'open';
        else if (before.status === 'dismissed') {
          const known = new Set(before.rules.trim().split(' '));
          status = result.triggers.some((t) => !known.has(t.rule)) ? 'open' : 'dismissed';
        } else status = before.status;
        if (!before) out.newCandidates++;
        if (!before || before.rules !== rules || before.json !== json || before.status !== status) {
          upserts.push({
            customer_id: customerId,
            rules,
            result_json: json,
            status,
            version: before?.version ?? 1,
          });
        }
      } else if (updatesQueue && before) gone.push(customerId);
      if (
        opts.collect === 'all' ||
        (opts.collect === 'candidates' && (result.candidate || result.insufficientData.length > 0))
      ) {
        out.results.push({ customerId, code, name, ...result });
      }
    }
    await db.transaction().execute(async (trx) => {
      await bulkInsert(trx, 'exit_screening_results', results);
      for (let i = 0; i < gone.length; i += IN_CHUNK) {
        await trx
          .deleteFrom('exit_candidates')
          .where('customer_id', 'in', gone.slice(i, i + IN_CHUNK))
          .execute();
      }
      for (let i = 0; i < upserts.length; i += CANDIDATE_BATCH) {
        const batch = upserts.slice(i, i + CANDIDATE_BATCH);
        await trx
          .insertInto('exit_candidates')
          .values(
            batch.map((u) => ({
              customer_id: u.customer_id,
              rules: u.rules,
              result_json: u.result_json,
              since: today,
              screening_id: id,
              status: u.status,
              status_note: null,
              status_by: null,
              status_at: null,
              version: u.version,
            })),
          )
          .onConflict((oc) =>
            oc
              .column('customer_id')
              .doUpdateSet((eb) => ({
                rules: eb.ref('excluded.rules'),
                result_json: eb.ref('excluded.result_json'),
                screening_id: eb.ref('excluded.screening_id'),
                status: eb.ref('excluded.status'),
                version: sql<number>`exit_candidates.version + 1`,
              }))
              // Only over the row as it was read: a decision taken meanwhile (kept for now, a plan)
              // stands, and the next screening brings the rules up to date.
              .where('exit_candidates.version', '=', sql<number>`excluded.version`),
          )
          .execute();
      }
    });
    await yieldToRequests();
  }

  await db
    .updateTable('exit_screenings')
    .set({
      finished_at: deps.clock().toISOString(),
      screened: out.screened,
      candidates: out.candidates,
      new_candidates: out.newCandidates,
      insufficient: out.insufficient,
    })
    .where('id', '=', id)
    .execute();
  // The results of runs older than a quarter go (the runs themselves stay, with their counts): a
  // bank's nightly run keeps tens of thousands of rows.
  if (opts.scope === 'bank') {
    const cutoff = new Date(deps.clock().getTime() - RESULTS_KEPT_DAYS * 86_400_000).toISOString();
    await db
      .deleteFrom('exit_screening_results')
      .where(
        'screening_id',
        'in',
        db.selectFrom('exit_screenings').select('id').where('started_at', '<', cutoff),
      )
      .execute();
  }
  return out;
}
