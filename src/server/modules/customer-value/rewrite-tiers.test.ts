import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestContext,
  dialects,
  insertAccount,
  type TestContext,
} from '../../../../tests/support/test-app';
import { addMonths, monthRange } from '../../../domain/months';
import { paretoTiers } from '../../../domain/pareto';
import { runValues } from './recompute';

// A run that rewrites every customer's values writes each one's tier with its values, as the tiers of
// a sample of ranges put them, then corrects those the ranking of the whole bank places otherwise
// (recompute.ts). Twelve customers 5,000 ids apart make twelve ranges; the sample takes ten of them
// and leaves out the customer worth the most, so it guesses every cut too low.

const AS_OF = '2026-06';
const SPREAD = 5_000;
/** Yuan of contribution a month of customer k: 10 … 20 for k = 0 … 10 (15 the one left out), then 1,000. */
const YUAN = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 1_000];

describe.each(dialects())('the tiers of a run that rewrites every value on %s', (dialect) => {
  let ctx: TestContext;
  const ids: number[] = [];

  /** The next customer gets an id past `id` − 1. */
  const nextIdFrom = async (id: number) => {
    if (dialect === 'sqlite') {
      await sql`DELETE FROM sqlite_sequence WHERE name = 'customers'`.execute(ctx.deps.db);
      await sql`INSERT INTO sqlite_sequence (name, seq) VALUES ('customers', ${id - 1})`.execute(ctx.deps.db);
    } else {
      await sql`SELECT setval(pg_get_serial_sequence('customers', 'id'), ${id - 1})`.execute(ctx.deps.db);
    }
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const [rm1] = await ctx.loginAll('rm1');
    const { max } = await ctx.deps.db
      .selectFrom('customers')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    const first = Math.ceil((Number(max ?? 0) + 1) / SPREAD) * SPREAD + 1;
    const months = monthRange(addMonths(AS_OF, -11), AS_OF);
    for (const [k, yuan] of YUAN.entries()) {
      await nextIdFrom(first + k * SPREAD);
      const res = await rm1!.post('/customers', buildCustomer());
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
      const account = await insertAccount(ctx.deps.db, res.json().id);
      await ctx.deps.db
        .insertInto('account_monthly')
        .values(
          months.map((month) => ({
            account_id: account,
            month,
            avg_balance: 100_000,
            net_interest_contribution: yuan * 100,
            fee_income: 0,
          })),
        )
        .execute();
    }
  });
  afterAll(() => ctx.close());

  it('ends with the tiers of the whole bank’s ranking, each customer counted once', async () => {
    expect(ids.map((id) => id - ids[0]!)).toEqual(YUAN.map((_, k) => k * SPREAD));
    const bank = await ctx.deps.db.selectFrom('customers').select('id').execute();
    const run = await runValues(ctx.deps, { kind: 'full', asOf: AS_OF });
    expect(run).toMatchObject({ status: 'succeeded', processed: bank.length, changed: bank.length });
    const rows = await ctx.deps.db
      .selectFrom('customers')
      .select(['id', 'realized_value', 'value_tier'])
      .orderBy('id')
      .execute();
    const expected = paretoTiers(
      rows.map((r) => r.id),
      rows.map((r) => Number(r.realized_value)),
    ).tiers;
    expect(rows.map((r) => r.value_tier)).toEqual(expected);
    // The customer worth the most alone holds 80%; B reaches 95% with those of 14 yuan and more.
    const tierOf = new Map(rows.map((r) => [r.id, r.value_tier]));
    expect(ids.map((id) => tierOf.get(id))).toEqual([
      ...['C', 'C', 'C', 'C'],
      ...['B', 'B', 'B', 'B', 'B', 'B', 'B'],
      'A',
    ]);
  });
});
