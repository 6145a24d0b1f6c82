import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestContext,
  insertAccount,
  type TestContext,
} from '../../../../tests/support/test-app';
import { addMonths, monthRange } from '../../../domain/months';
import { restoreValueIndexes, runValues } from './recompute';

// A run that rewrites every customer's values sets aside on SQLite the indexes of the customer list's
// sorting by value and filters by stage and value tier, and builds them again (recompute.ts); they must
// come back exactly as the migrations made them, also after a process stopped in the middle of such a
// run.

const NAMES = [
  'customers_lifecycle_stage_idx',
  'customers_potential_idx',
  'customers_realized_idx',
  'customers_value_tier_idx',
];

const AS_OF = '2026-06';

describe('the value indexes on sqlite', () => {
  let ctx: TestContext;
  let created: { name: string; sql: string }[];

  const valueIndexes = async () =>
    (
      await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
        where type = 'index' and name in (${sql.join(NAMES)}) order by name`.execute(ctx.deps.db)
    ).rows;

  /** Runs a full run, noting whether the value indexes were ever missing while it ran. */
  const fullRun = async (asOf: string) => {
    let done = false;
    let missing = false;
    const watching = (async () => {
      while (!done) {
        if ((await valueIndexes()).length < NAMES.length) missing = true;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const run = await runValues(ctx.deps, { kind: 'full', asOf }).finally(() => {
      done = true;
    });
    await watching;
    return { run, missing };
  };

  /** Figures of each account for `months`: the k-th account (from 1) earns k × `fen` a month. */
  const figures = (months: string[], fen: number) =>
    ctx.deps.db
      .insertInto('account_monthly')
      .values(
        accounts.flatMap((account_id, k) =>
          months.map((month) => ({
            account_id,
            month,
            avg_balance: 100_000,
            net_interest_contribution: fen * (k + 1),
            fee_income: 0,
          })),
        ),
      )
      .execute();
  const accounts: number[] = [];

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    const [rm1] = await ctx.loginAll('rm1');
    created = await valueIndexes();
    for (let i = 0; i < 3; i++) {
      const res = await rm1!.post('/customers', buildCustomer());
      expect(res.statusCode, res.body).toBe(201);
      accounts.push(await insertAccount(ctx.deps.db, res.json().id));
    }
    await figures(monthRange(addMonths(AS_OF, -11), AS_OF), 1_000);
  });
  afterAll(() => ctx.close());

  it('sets them aside while a run rewrites every value, and builds them again as they were', async () => {
    expect(created.map((i) => i.name)).toEqual(NAMES);
    // The first run: no full run before it.
    const first = await fullRun(AS_OF);
    expect(first.run).toMatchObject({ kind: 'full', status: 'succeeded', asOf: AS_OF });
    expect(first.missing).toBe(true);
    expect(await valueIndexes()).toEqual(created);
    // The same month again: the values stay, and so do the indexes.
    const again = await fullRun(AS_OF);
    expect(again.run).toMatchObject({ status: 'succeeded', changed: 0 });
    expect(again.missing).toBe(false);
    // A new month of figures, twice the month before: every value moves.
    const next = addMonths(AS_OF, 1);
    await figures([next], 2_000);
    const moved = await fullRun(next);
    expect(moved.run).toMatchObject({ status: 'succeeded', asOf: next });
    expect(moved.missing).toBe(true);
    expect(await valueIndexes()).toEqual(created);
    // Sorted by realized value: 11 months of k × 1,000 fen and one of k × 2,000.
    const ordered = await ctx.deps.db
      .selectFrom('customers')
      .select(['realized_value', 'value_as_of'])
      .where('realized_value', 'is not', null)
      .orderBy('realized_value', 'desc')
      .execute();
    expect(ordered).toEqual(
      [3, 2, 1].map((k) => ({ realized_value: k * (11 * 1_000 + 2_000), value_as_of: next })),
    );
  });

  it('builds them again at start when a process stopped during such a run', async () => {
    await sql`drop index customers_realized_idx`.execute(ctx.deps.db);
    expect(await valueIndexes()).toEqual(created.filter((i) => i.name !== 'customers_realized_idx'));
    await restoreValueIndexes(ctx.deps);
    expect(await valueIndexes()).toEqual(created);
  });
});
