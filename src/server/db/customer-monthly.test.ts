import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestContext,
  dialects,
  insertAccount,
  type TestContext,
} from '../../../tests/support/test-app';
import { monthIndex, monthText } from '../../domain/months';
import { createRandom } from './demo/random';

// customer_monthly, the roll-up of account_monthly per customer and month the value run reads
// (migration 008), is kept by the database's triggers: whatever writes account_monthly or moves an
// account to another customer, the roll-up equals the aggregate of account_monthly, to the fen.

describe.each(dialects())('customer_monthly on %s', (dialect) => {
  let ctx: TestContext;
  const customers: number[] = [];

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const rm1 = await ctx.login('rm1');
    for (let i = 0; i < 3; i++) {
      const res = await rm1.post('/customers', buildCustomer());
      expect(res.statusCode, res.body).toBe(201);
      customers.push(res.json().id as number);
    }
  });
  afterAll(() => ctx.close());

  const db = () => ctx.deps.db;

  const newAccount = (customerId: number) => insertAccount(db(), customerId);

  /** The roll-up as stored, and as the aggregate of account_monthly computes it, in the same order. */
  const both = async () => {
    const stored = await db()
      .selectFrom('customer_monthly')
      .select(['customer_id', 'month_index', 'accounts', 'avg_balance', 'contribution'])
      .orderBy('customer_id')
      .orderBy('month_index')
      .execute();
    const computed = await db()
      .selectFrom('account_monthly as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select((eb) => [
        'a.customer_id',
        'm.month',
        eb.fn.countAll<number>().as('accounts'),
        eb.fn.sum<number>('m.avg_balance').as('avg_balance'),
        eb.fn.sum<number>(sql`m.net_interest_contribution + m.fee_income`).as('contribution'),
      ])
      .groupBy(['a.customer_id', 'm.month'])
      .orderBy('a.customer_id')
      .orderBy('m.month')
      .execute();
    // PostgreSQL answers bigint and its sums as text.
    const norm = (r: {
      customer_id: number;
      accounts: unknown;
      avg_balance: unknown;
      contribution: unknown;
    }) => ({
      customer_id: Number(r.customer_id),
      accounts: Number(r.accounts),
      avg_balance: Number(r.avg_balance),
      contribution: Number(r.contribution),
    });
    return {
      stored: stored.map((r) => ({ ...norm(r), month: monthText(Number(r.month_index)) })),
      computed: computed.map((r) => ({ ...norm(r), month: r.month })),
    };
  };

  const expectConsistent = async () => {
    const { stored, computed } = await both();
    expect(stored).toEqual(computed);
    return stored;
  };

  it('sums a customer’s accounts per month as rows are inserted, one by one or many at once', async () => {
    const [c1] = customers as [number];
    const a1 = await newAccount(c1);
    const a2 = await newAccount(c1);
    await db()
      .insertInto('account_monthly')
      .values({
        account_id: a1,
        month: '2026-09',
        avg_balance: 100_00,
        net_interest_contribution: 3_00,
        fee_income: 1_00,
      })
      .execute();
    await db()
      .insertInto('account_monthly')
      .values([
        {
          account_id: a1,
          month: '2026-10',
          avg_balance: 200_00,
          net_interest_contribution: 5_00,
          fee_income: 0,
        },
        {
          account_id: a2,
          month: '2026-10',
          avg_balance: 50_00,
          net_interest_contribution: -2_00,
          fee_income: 7_00,
        },
      ])
      .execute();
    const rows = await expectConsistent();
    expect(rows.filter((r) => r.customer_id === c1)).toEqual([
      { customer_id: c1, month: '2026-09', accounts: 1, avg_balance: 100_00, contribution: 4_00 },
      { customer_id: c1, month: '2026-10', accounts: 2, avg_balance: 250_00, contribution: 10_00 },
    ]);
  });

  it('follows updates of figures and of the month, and removes a month whose rows are all deleted', async () => {
    const [c1] = customers as [number];
    const a1 = await newAccount(c1);
    await db()
      .insertInto('account_monthly')
      .values([
        {
          account_id: a1,
          month: '2025-01',
          avg_balance: 10_00,
          net_interest_contribution: 1_00,
          fee_income: 0,
        },
        {
          account_id: a1,
          month: '2025-02',
          avg_balance: 20_00,
          net_interest_contribution: 2_00,
          fee_income: 0,
        },
      ])
      .execute();
    await db()
      .updateTable('account_monthly')
      .set({ avg_balance: 15_00, fee_income: 50 })
      .where('account_id', '=', a1)
      .execute();
    await expectConsistent();
    await db()
      .updateTable('account_monthly')
      .set({ month: '2025-03' })
      .where('account_id', '=', a1)
      .where('month', '=', '2025-02')
      .execute();
    let rows = await expectConsistent();
    expect(rows.some((r) => r.customer_id === c1 && r.month === '2025-02')).toBe(false);
    await db().deleteFrom('account_monthly').where('account_id', '=', a1).execute();
    rows = await expectConsistent();
    expect(rows.some((r) => r.customer_id === c1 && r.month.startsWith('2025'))).toBe(false);
  });

  it('moves an account’s months with it when the account changes customer', async () => {
    const [c1, c2] = customers as [number, number];
    const a = await newAccount(c1);
    await db()
      .insertInto('account_monthly')
      .values([
        {
          account_id: a,
          month: '2026-10',
          avg_balance: 1_000_00,
          net_interest_contribution: 10_00,
          fee_income: 0,
        },
        {
          account_id: a,
          month: '2026-08',
          avg_balance: 300_00,
          net_interest_contribution: 3_00,
          fee_income: 0,
        },
      ])
      .execute();
    const before = await expectConsistent();
    await db().updateTable('accounts').set({ customer_id: c2 }).where('id', '=', a).execute();
    const after = await expectConsistent();
    const balanceOf = (rows: typeof before, c: number, month: string) =>
      rows.find((r) => r.customer_id === c && r.month === month)?.avg_balance ?? 0;
    expect(balanceOf(after, c2, '2026-10') - balanceOf(before, c2, '2026-10')).toBe(1_000_00);
    expect(balanceOf(before, c1, '2026-10') - balanceOf(after, c1, '2026-10')).toBe(1_000_00);
    expect(after.some((r) => r.customer_id === c1 && r.month === '2026-08')).toBe(false);
    expect(balanceOf(after, c2, '2026-08')).toBe(300_00);
  });

  it('stays exact through a random mix of inserts, updates, deletes and moves', async () => {
    const r = createRandom(2026, `customer-monthly-${dialect}`);
    const accounts: number[] = [];
    for (let i = 0; i < 6; i++) accounts.push(await newAccount(r.pick(customers)));
    const months = Array.from({ length: 6 }, (_, i) => monthText(monthIndex('2026-01') + i));
    const amount = () => r.int(-5_000_00, 50_000_00);
    for (let step = 0; step < 60; step++) {
      const account = r.pick(accounts);
      const month = r.pick(months);
      const op = r.int(0, 3);
      if (op === 0) {
        await db()
          .insertInto('account_monthly')
          .values({
            account_id: account,
            month,
            avg_balance: amount(),
            net_interest_contribution: amount(),
            fee_income: r.int(0, 1000),
          })
          .onConflict((oc) => oc.columns(['account_id', 'month']).doUpdateSet({ avg_balance: amount() }))
          .execute();
      } else if (op === 1) {
        await db()
          .updateTable('account_monthly')
          .set({ net_interest_contribution: amount() })
          .where('account_id', '=', account)
          .execute();
      } else if (op === 2) {
        await db()
          .deleteFrom('account_monthly')
          .where('account_id', '=', account)
          .where('month', '=', month)
          .execute();
      } else {
        await db()
          .updateTable('accounts')
          .set({ customer_id: r.pick(customers) })
          .where('id', '=', account)
          .execute();
      }
    }
    const rows = await expectConsistent();
    expect(rows.length).toBeGreaterThan(0);
  });
});
