import { sql } from 'kysely';
import type { Db } from '../../db/database';

// Amounts stay integer fen here; sums come back from PostgreSQL as NUMERIC strings, so every sum is
// turned into a number (exact: fen totals are far below 2^53).

export function listAccounts(db: Db, customerId: number) {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy(sql`case when closed_on is null then 0 else 1 end`)
    .orderBy('opened_on', 'desc')
    .orderBy('id')
    .execute();
}

export function findAccount(db: Db, customerId: number, accountId: number) {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/** Each of the customer's accounts' latest month with figures. */
export function latestMonthlyOfAccounts(db: Db, customerId: number) {
  return db
    .selectFrom('account_monthly as am')
    .innerJoin('accounts as a', 'a.id', 'am.account_id')
    .select(['am.account_id', 'am.month', 'am.avg_balance', 'am.net_interest_contribution', 'am.fee_income'])
    .where('a.customer_id', '=', customerId)
    .where('am.month', '=', (eb) =>
      eb
        .selectFrom('account_monthly as m2')
        .select((e) => e.fn.max('m2.month').as('month'))
        .whereRef('m2.account_id', '=', 'am.account_id'),
    )
    .execute();
}

/** The latest `limit` months, newest first, in which any of the customer's accounts has figures. */
export async function latestMonthsOfCustomer(db: Db, customerId: number, limit: number) {
  const rows = await db
    .selectFrom('account_monthly as am')
    .innerJoin('accounts as a', 'a.id', 'am.account_id')
    .select('am.month')
    .distinct()
    .where('a.customer_id', '=', customerId)
    .orderBy('am.month', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.month);
}

/** The customer's figures from `fromMonth` on, summed per month and product. */
export async function monthlySumsByProduct(db: Db, customerId: number, fromMonth: string) {
  const rows = await db
    .selectFrom('account_monthly as am')
    .innerJoin('accounts as a', 'a.id', 'am.account_id')
    .select((eb) => [
      'am.month',
      'a.product',
      eb.fn.sum<number | string>('am.avg_balance').as('avg_balance'),
      eb.fn.sum<number | string>('am.net_interest_contribution').as('net_interest_contribution'),
      eb.fn.sum<number | string>('am.fee_income').as('fee_income'),
    ])
    .where('a.customer_id', '=', customerId)
    .where('am.month', '>=', fromMonth)
    .groupBy(['am.month', 'a.product'])
    .orderBy('am.month')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    product: r.product,
    avg_balance: Number(r.avg_balance),
    net_interest_contribution: Number(r.net_interest_contribution),
    fee_income: Number(r.fee_income),
  }));
}

/** One account's months, newest first; the latest `limit` when given. */
export function accountMonths(db: Db, accountId: number, limit?: number) {
  let query = db
    .selectFrom('account_monthly')
    .select(['month', 'avg_balance', 'net_interest_contribution', 'fee_income'])
    .where('account_id', '=', accountId)
    .orderBy('month', 'desc');
  if (limit !== undefined) query = query.limit(limit);
  return query.execute();
}
