import { type ExpressionBuilder, sql } from 'kysely';
import { LOAN_PRODUCTS } from '../../../shared/codes';
import type { DB, Db } from '../../db/database';
import { scopeToViewer, type Viewer } from '../../http/access';

// All Kysely code of the pitfall warnings (DOMAIN §5). The portfolio lists are decided in SQL so they
// stay fast on a bank of 1,000,000 customers: the domain rules of src/domain/pitfalls.ts, written as
// conditions, pick the customers and count them, and the service then builds the evidence of the few
// listed with the rules themselves (pitfalls.test.ts checks the two agree).

const statementColumns = [
  'fiscal_year',
  'total_assets',
  'total_liabilities',
  'owners_equity',
  'net_profit',
  'operating_cash_flow',
  'revenue',
] as const;

/** The customer holds a loan account open on `today` (not closed, or closed after it). */
const hasOpenLoan = (today: string) => (eb: ExpressionBuilder<DB, 'customers'>) =>
  eb.exists(
    eb
      .selectFrom('accounts')
      .select(sql`1`.as('one'))
      .whereRef('accounts.customer_id', '=', 'customers.id')
      .where('accounts.product', 'in', [...LOAN_PRODUCTS])
      .where((w) => w.or([w('accounts.closed_on', 'is', null), w('accounts.closed_on', '>', today)])),
  );

/**
 * The same test as a list of the customers with an open loan, for the whole bank: SQLite reads the
 * accounts once rather than probing them for each of 600,000 corporate customers (1,000,000 customers,
 * load ~9 on 2 cores: 3–5 s against 26–38 s), while a portfolio of a few thousand probes faster than it
 * scans (an RM's list: ~40 ms).
 */
const amongOpenLoans = (today: string) => (eb: ExpressionBuilder<DB, 'customers'>) =>
  eb(
    'customers.id',
    'in',
    eb
      .selectFrom('accounts')
      .select('accounts.customer_id')
      .where('accounts.product', 'in', [...LOAN_PRODUCTS])
      .where((w) => w.or([w('accounts.closed_on', 'is', null), w('accounts.closed_on', '>', today)])),
  );

// ---- one customer

export function findCustomerFacts(db: Db, customerId: number) {
  return db
    .selectFrom('customers')
    .select(['id', 'kind', 'realized_value'])
    .where('id', '=', customerId)
    .executeTakeFirst();
}

export async function customerHasOpenLoan(db: Db, customerId: number, today: string) {
  const row = await db
    .selectFrom('customers')
    .select('customers.id')
    .where('customers.id', '=', customerId)
    .where(hasOpenLoan(today))
    .executeTakeFirst();
  return row !== undefined;
}

/** The yearly costs (fen) of the customers' concessions in force on `today`. */
export function concessionsInForce(db: Db, customerIds: number[], today: string) {
  if (customerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('concessions')
    .select(['customer_id', 'yearly_cost'])
    .where('customer_id', 'in', customerIds)
    .where('starts_on', '<=', today)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
    .execute();
}

/** The statements the rules read, of each customer; newest first. */
export function statementsOf(db: Db, customerIds: number[]) {
  if (customerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('financial_statements')
    .select(['customer_id', ...statementColumns])
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('fiscal_year', 'desc')
    .execute();
}

// ---- the portfolio

export interface PortfolioFilter {
  ownerId?: number;
  today: string;
  limit: number;
}

const portfolio = (db: Db, viewer: Viewer, filter: PortfolioFilter) => {
  const q = scopeToViewer(db.selectFrom('customers'), viewer);
  return filter.ownerId === undefined ? q : q.where('customers.owner_id', '=', filter.ownerId);
};

/**
 * Whether the list covers the whole bank: the roles access.ts lets see every customer, with no owner
 * named. The open-loan test then takes another shape (statementPitfalls).
 */
const wholeBank = (viewer: Viewer, filter: PortfolioFilter) =>
  filter.ownerId === undefined && (viewer.role === 'admin' || viewer.role === 'risk_officer');

/**
 * Customers whose concessions in force cost more than `shareBasisPoints` ÷ 10,000 of their realized
 * value (customers no value run has computed yet are left out), the largest excess first, with the
 * number of them all.
 */
export async function concessionPitfalls(
  db: Db,
  viewer: Viewer,
  filter: PortfolioFilter & { shareBasisPoints: number },
) {
  const realized = sql<number>`customers.realized_value`;
  const cost = sql<number | string>`sum(concessions.yearly_cost)`;
  // cost > share × realized, compared exactly in integers: cost × 10,000 > basis points × realized.
  const excess = sql<number>`${cost} * 10000 - ${filter.shareBasisPoints} * ${realized}`;
  // Joined and grouped from the customers, so a portfolio reads its customers' concessions by index
  // and the whole bank reads the concessions once (bench: 1,000,000 customers, 50,000 concessions).
  const over = portfolio(db, viewer, filter)
    .innerJoin('concessions', 'concessions.customer_id', 'customers.id')
    .where('customers.realized_value', 'is not', null)
    .where('concessions.starts_on', '<=', filter.today)
    .where((eb) =>
      eb.or([eb('concessions.ends_on', 'is', null), eb('concessions.ends_on', '>=', filter.today)]),
    )
    .groupBy([
      'customers.id',
      'customers.code',
      'customers.name',
      'customers.owner_id',
      'customers.realized_value',
    ])
    .having(cost, '>', 0)
    .having((eb) => eb.or([eb(realized, '<=', 0), eb(excess, '>', 0)]))
    .select([
      'customers.id',
      'customers.code',
      'customers.name',
      'customers.owner_id',
      realized.as('realized'),
      cost.as('cost'),
      excess.as('excess'),
    ]);
  const rows = await db
    .selectFrom(over.as('t'))
    .leftJoin('users as owner', 'owner.id', 't.owner_id')
    .select([
      't.id',
      't.code',
      't.name',
      't.owner_id',
      'owner.display_name as owner_name',
      't.realized',
      't.cost',
      sql<number | string>`count(*) over ()`.as('total'),
    ])
    .orderBy('t.excess', 'desc')
    .orderBy('t.id')
    .limit(filter.limit)
    .execute();
  return {
    rows: rows.map((r) => ({ ...r, realized: Number(r.realized), cost: Number(r.cost) })),
    total: rows.length === 0 ? 0 : Number(rows[0]!.total),
  };
}

/**
 * Corporate customers with a loan open on `today` whose statements are missing, stale (the latest
 * fiscal year before `firstCurrentYear`) or worsening: missing first, then the stalest, then
 * worsening; with the number of them all. Worsening follows `worseningSigns` of src/domain/pitfalls.ts:
 * owners' equity at or below zero, or at least two of these against the year before: revenue, net
 * profit, operating cash flow lower, the debt ratio higher (divided in double precision, as JavaScript
 * divides, so both decide alike).
 */
export async function statementPitfalls(
  db: Db,
  viewer: Viewer,
  filter: PortfolioFilter & { firstCurrentYear: number },
) {
  const lower = (column: (typeof statementColumns)[number]) =>
    sql<number>`case when ${sql.ref(`fs1.${column}`)} < ${sql.ref(`fs0.${column}`)} then 1 else 0 end`;
  const debtRatioUp = sql<number>`case when fs1.total_assets > 0 and fs0.total_assets > 0
    and cast(fs1.total_liabilities as double precision) / fs1.total_assets
      > cast(fs0.total_liabilities as double precision) / fs0.total_assets then 1 else 0 end`;
  const problem = sql<'missing' | 'stale' | 'worsening' | null>`case
    when fs1.customer_id is null then 'missing'
    when fs1.fiscal_year < ${filter.firstCurrentYear} then 'stale'
    when fs1.owners_equity <= 0
      or ${lower('revenue')} + ${lower('net_profit')} + ${lower('operating_cash_flow')} + ${debtRatioUp} >= 2
      then 'worsening'
    end`;
  const candidates = portfolio(db, viewer, filter)
    .where('customers.kind', '=', 'corporate')
    .where(wholeBank(viewer, filter) ? amongOpenLoans(filter.today) : hasOpenLoan(filter.today))
    .leftJoin('financial_statements as fs1', (join) =>
      join.onRef('fs1.customer_id', '=', 'customers.id').on('fs1.fiscal_year', '=', (eb) =>
        eb
          .selectFrom('financial_statements as latest')
          .select((e) => e.fn.max('latest.fiscal_year').as('year'))
          .whereRef('latest.customer_id', '=', 'customers.id'),
      ),
    )
    .leftJoin('financial_statements as fs0', (join) =>
      join
        .onRef('fs0.customer_id', '=', 'customers.id')
        .on(sql`fs0.fiscal_year`, '=', sql`fs1.fiscal_year - 1`),
    )
    .select([
      'customers.id',
      'customers.code',
      'customers.name',
      'customers.owner_id',
      'fs1.fiscal_year as latest_year',
      problem.as('problem'),
    ]);
  const rows = await db
    .selectFrom(candidates.as('t'))
    .leftJoin('users as owner', 'owner.id', 't.owner_id')
    .select([
      't.id',
      't.code',
      't.name',
      't.owner_id',
      'owner.display_name as owner_name',
      't.problem',
      sql<number | string>`count(*) over ()`.as('total'),
    ])
    .where('t.problem', 'is not', null)
    .orderBy(sql`case t.problem when 'missing' then 0 when 'stale' then 1 else 2 end`)
    .orderBy('t.latest_year')
    .orderBy('t.id')
    .limit(filter.limit)
    .execute();
  return { rows, total: rows.length === 0 ? 0 : Number(rows[0]!.total) };
}
