import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { addMonths, monthRange } from '../../../domain/months';
import { bankDate } from '../../../shared/schemas/common';
import { runValues } from './recompute';

const AS_OF = '2026-06';
const DAY = 86_400_000;
let accountSeq = 0;

describe.each(dialects())('customer value on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let lead1: Client;
  let admin: Client;
  let risk1: Client;
  /** Values 80, 15, 5, 0 yuan a month: exactly 80% and 95% of the bank's value at the A/B cut-offs. */
  const ids: Record<'a' | 'b' | 'c' | 'd' | 'e', number> = { a: 0, b: 0, c: 0, d: 0, e: 0 };

  const newCustomer = async (client: Client, overrides: Record<string, unknown> = {}) => {
    const res = await client.post('/customers', buildCustomer(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };

  /** An account with a figure for each month given: [month, balance, contribution] in yuan. */
  const addAccount = async (
    customerId: number,
    product: string,
    months: [string, number, number][],
    opts: { openedOn?: string; closedOn?: string | null; currency?: string } = {},
  ) => {
    accountSeq += 1;
    const { id } = await ctx.deps.db
      .insertInto('accounts')
      .values({
        account_no: `6228${String(process.pid).padStart(6, '0')}${String(accountSeq).padStart(6, '0')}`,
        customer_id: customerId,
        product,
        currency: opts.currency ?? 'CNY',
        opened_on: opts.openedOn ?? '2024-01-10',
        closed_on: opts.closedOn ?? null,
        rate: null,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (months.length > 0)
      await ctx.deps.db
        .insertInto('account_monthly')
        .values(
          months.map(([month, balance, contribution]) => ({
            account_id: id,
            month,
            avg_balance: balance * 100,
            net_interest_contribution: contribution * 100,
            fee_income: 0,
          })),
        )
        .execute();
    return id;
  };
  const year = monthRange(addMonths(AS_OF, -11), AS_OF);
  const flat = (balance: number, contribution: number) =>
    year.map((m) => [m, balance, contribution] as [string, number, number]);

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [rm1, rm2, lead1, admin, risk1] = await ctx.loginAll('rm1', 'rm2', 'lead1', 'admin', 'risk1');
    ids.a = await newCustomer(rm1, {
      annualRevenue: 10_000_000,
      industry: 'C31',
      needTags: ['deposit', 'fx'],
    });
    ids.b = await newCustomer(rm1);
    ids.c = await newCustomer(rm2);
    ids.d = await newCustomer(rm2, { kind: 'individual', industry: null, financialAssets: 500_000 });
    ids.e = await newCustomer(rm1, { needTags: [] }); // no product: potential
    for (const id of [ids.a, ids.b, ids.c]) await addAccount(id, 'demand_deposit', flat(1000, 0));
    await addAccount(ids.d, 'time_deposit', flat(1000, 0));
  });
  afterAll(() => ctx.close());

  it('ranks the bank into tiers A–D, each cut-off reached exactly ending its tier', async () => {
    // The year's contribution in its last month: 80, 15, 5 and 0 yuan.
    for (const [id, yuan] of [
      [ids.a, 80],
      [ids.b, 15],
      [ids.c, 5],
    ] as const) {
      await ctx.deps.db
        .updateTable('account_monthly')
        .set({ net_interest_contribution: yuan * 100 })
        .where('month', '=', AS_OF)
        .where('account_id', 'in', (eb) =>
          eb.selectFrom('accounts').select('id').where('customer_id', '=', id),
        )
        .execute();
    }
    const run = await runValues(ctx.deps, { kind: 'full', asOf: AS_OF });
    expect(run).toMatchObject({ status: 'succeeded', total: 5, processed: 5 });
    // Every customer changed once (values, then its first tier): counted once each.
    expect(run?.changed).toBe(5);
    const tiers = await ctx.deps.db
      .selectFrom('customers')
      .select(['id', 'value_tier', 'realized_value'])
      .where('id', 'in', Object.values(ids))
      .execute();
    const tierOf = Object.fromEntries(tiers.map((t) => [t.id, t.value_tier]));
    expect([ids.a, ids.b, ids.c, ids.d, ids.e].map((id) => tierOf[id])).toEqual(['A', 'B', 'C', 'D', 'D']);
    expect(tiers.find((t) => t.id === ids.a)?.realized_value).toBe(8000);

    const bank = await admin.get(`/analytics/pareto?asOf=${AS_OF}`);
    expect(bank.statusCode, bank.body).toBe(200);
    const p = bank.json();
    expect(p).toMatchObject({
      customers: 5,
      total: 100,
      positiveTotal: 100,
      tierCounts: { A: 1, B: 1, C: 1, D: 2 },
    });
    expect(p.tierValues).toEqual({ A: 80, B: 15, C: 5, D: 0 });
    // The top 20% of 5 customers is the first one: 80%.
    expect(p.top20Share).toBe(0.8);
    expect(p.curve.at(-1)).toEqual({ customers: 1, value: 1 });
  });

  it('answers one customer’s values with their terms, and hides them from other RMs', async () => {
    const res = await rm1.get(`/customers/${ids.a}/value`);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v.asOf).toBe(AS_OF);
    expect(v.realized).toEqual({ value: 80, from: '2025-07', to: AS_OF });
    // Wallet: 10,000,000 × 0.006 (manufacturing) + fx need 5,000 (no FX product); deposit need met.
    expect(v.potential.base).toEqual({
      source: 'annual_revenue',
      amount: 10_000_000,
      coefficient: 0.006,
      estimate: 60_000,
    });
    expect(v.potential.openNeeds).toEqual([{ tag: 'fx', amount: 5000 }]);
    expect(v.potential.value).toBe(65_000 - 80);
    expect(v.stored).toMatchObject({ realized: 80, potential: 64_920, valueTier: 'A', asOf: AS_OF });
    // The loyalty term is the index the run scored (issue #8).
    const loyalty = v.model.terms.find((t: { term: string }) => t.term === 'loyalty');
    const index = (await rm1.get(`/customers/${ids.a}/loyalty`)).json().index;
    expect(index).toBeGreaterThan(0);
    expect(loyalty).toMatchObject({ known: true, factor: index });
    expect(v.model.score).toBeGreaterThan(0);
    expect(v.trend).toHaveLength(24);
    expect(v.trend.at(-1)).toEqual({ month: AS_OF, balance: 1000, contribution: 80, realized12: 80 });
    expect(v.lifecycle).toMatchObject({ stage: 'maturity', manual: false, inferred: 'maturity' });
    expect(v.tierSuggestion).toMatchObject({
      current: 'ordinary',
      suggested: 'ordinary',
      reason: 'below_thresholds',
    });

    // Once the bank's first month with figures is known, a trailing window reaching before it is not shown.
    await ctx.deps.db
      .insertInto('figure_months')
      .values(year.map((month) => ({ month, noted_at: new Date().toISOString() })))
      .execute();
    const trend = (await rm1.get(`/customers/${ids.a}/value`)).json().trend;
    expect(trend.at(-1).realized12).toBe(80);
    expect(trend.at(-2).realized12).toBeNull();

    expect((await rm2.get(`/customers/${ids.a}/value`)).statusCode).toBe(404);
    expect((await ctx.anonymous.get(`/customers/${ids.a}/value`)).statusCode).toBe(401);
    expect((await risk1.get(`/customers/${ids.a}/value`)).statusCode).toBe(200);
  });

  it('infers growth at exactly +10% and decline at exactly −10%, with the numbers in the history', async () => {
    const grow = await newCustomer(rm1);
    const fall = await newCustomer(rm1);
    const before = monthRange(addMonths(AS_OF, -11), addMonths(AS_OF, -3));
    const recent = monthRange(addMonths(AS_OF, -2), AS_OF);
    await addAccount(grow, 'demand_deposit', [
      ...before.map((m) => [m, 1000, 1] as [string, number, number]),
      ...recent.map((m) => [m, 1100, 1] as [string, number, number]),
    ]);
    await addAccount(fall, 'demand_deposit', [
      ...before.map((m) => [m, 1000, 1] as [string, number, number]),
      ...recent.map((m) => [m, 900, 1] as [string, number, number]),
    ]);
    await runValues(ctx.deps, { kind: 'full', asOf: AS_OF });
    const stages = await ctx.deps.db
      .selectFrom('customers')
      .select(['id', 'lifecycle_stage'])
      .where('id', 'in', [grow, fall])
      .execute();
    expect(Object.fromEntries(stages.map((s) => [s.id, s.lifecycle_stage]))).toEqual({
      [grow]: 'growth',
      [fall]: 'decline',
    });
    const history = (await rm1.get(`/customers/${grow}/lifecycle`)).json().items;
    expect(history[0]).toMatchObject({
      stage: 'growth',
      manual: false,
      asOf: AS_OF,
      evidence: { rule: 'trend', measure: 'balance', recent: 3300, before: 3000, change: 0.1 },
    });
  });

  it('keeps an RM’s manual stage while showing what the rules infer', async () => {
    const detail = (await rm1.get(`/customers/${ids.b}`)).json();
    const set = await rm1.post(`/customers/${ids.b}/lifecycle`, {
      stage: 'decline',
      note: '客户告知将转移结算',
      version: detail.version,
    });
    expect(set.statusCode, set.body).toBe(200);
    await runValues(ctx.deps, { kind: 'full', asOf: AS_OF });
    const v = (await rm1.get(`/customers/${ids.b}/value`)).json();
    expect(v.lifecycle).toMatchObject({ stage: 'decline', manual: true, inferred: 'maturity' });
  });

  it('analyses only the portfolios the caller may see', async () => {
    const own = await rm1.get(`/analytics/pareto?asOf=${AS_OF}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().portfolio).toEqual({ scope: 'rm', id: ctx.users.rm1, name: 'RM1' });
    expect((await rm1.get(`/analytics/pareto?asOf=${AS_OF}&scope=bank`)).statusCode).toBe(404);
    expect((await rm1.get(`/analytics/pareto?scope=rm&scopeId=${ctx.users.rm2}`)).statusCode).toBe(404);
    expect((await lead1.get(`/analytics/pareto?scope=rm&scopeId=${ctx.users.rm2}`)).statusCode).toBe(200);
    expect((await lead1.get(`/analytics/pareto?scope=rm&scopeId=${ctx.users.rm3}`)).statusCode).toBe(404);
    const team = (await lead1.get('/analytics/pareto')).json();
    expect(team.portfolio.scope).toBe('team');
    const bad = await admin.get('/analytics/pareto?asOf=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toContain('querystring.asOf');
    const none = await admin.get('/analytics/pareto?asOf=2019-01');
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('no_analysis');
    expect((await ctx.anonymous.get('/analytics/pareto')).statusCode).toBe(401);

    const life = await admin.get(`/analytics/lifecycle?asOf=${AS_OF}`);
    expect(life.statusCode, life.body).toBe(200);
    const l = life.json();
    const counted = l.distribution.reduce((s: number, d: { count: number }) => s + d.count, 0);
    const customers = await ctx.deps.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(counted).toBe(Number(customers.n));
    expect(l.manual).toBe(1);
    expect(l.transitions.length).toBeGreaterThan(0);
    const inferredTwice = await ctx.deps.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('lifecycle_prev', 'is not', null)
      .where('lifecycle_inferred', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(l.transitions.reduce((s: number, t: { count: number }) => s + t.count, 0)).toBe(
      Number(inferredTwice.n),
    );
    // An RM's portfolio counts exactly that RM's customers, stage by stage.
    const rm = (
      await admin.get(`/analytics/lifecycle?asOf=${AS_OF}&scope=rm&scopeId=${ctx.users.rm1}`)
    ).json();
    const byStage = await ctx.deps.db
      .selectFrom('customers')
      .select((eb) => ['lifecycle_stage', eb.fn.countAll<number>().as('n')])
      .where('owner_id', '=', ctx.users.rm1)
      .groupBy('lifecycle_stage')
      .execute();
    expect(
      Object.fromEntries(rm.distribution.map((d: { stage: string; count: number }) => [d.stage, d.count])),
    ).toEqual(Object.fromEntries(byStage.map((r) => [r.lifecycle_stage, Number(r.n)])));
  });

  it('lets an administrator start a run and follow it; others may not', async () => {
    expect((await rm1.post('/value-runs', {})).statusCode).toBe(403);
    const future = await admin.post('/value-runs', { asOf: '2999-01' });
    expect(future.statusCode).toBe(400);
    const started = await admin.post('/value-runs', { asOf: AS_OF });
    expect(started.statusCode, started.body).toBe(202);
    let run = started.json();
    for (let i = 0; i < 100 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await admin.get(`/value-runs/${run.id}`)).json();
    }
    expect(run).toMatchObject({
      status: 'succeeded',
      phase: 'done',
      asOf: AS_OF,
      startedBy: { id: ctx.users.admin },
    });
    expect(run.processed).toBe(run.total);
    const list = (await admin.get('/value-runs')).json().items;
    expect(list[0].id).toBe(run.id);
    expect((await rm1.get('/value-runs')).statusCode).toBe(403);
    expect((await admin.get('/value-runs/999999')).statusCode).toBe(404);
  });

  it('recomputes only the customers an edit marked, then re-ranks the bank', async () => {
    const detail = (await rm1.get(`/customers/${ids.a}`)).json();
    const patched = await rm1.patch(`/customers/${ids.a}`, {
      version: detail.version,
      annualRevenue: 20_000_000,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const marked = await ctx.deps.db.selectFrom('value_dirty').select('customer_id').execute();
    expect(marked.map((m) => m.customer_id)).toEqual([ids.a]);
    const run = await runValues(ctx.deps, { kind: 'incremental' });
    expect(run).toMatchObject({ kind: 'incremental', total: 1, processed: 1 });
    const v = (await rm1.get(`/customers/${ids.a}/value`)).json();
    expect(v.stored.potential).toBe(20_000_000 * 0.006 + 5000 - 80);
    expect(await ctx.deps.db.selectFrom('value_dirty').select('customer_id').execute()).toEqual([]);
    expect(await runValues(ctx.deps, { kind: 'incremental' })).toBeNull();
  });

  it('recomputes the whole bank as a full run when more than half of it is marked', async () => {
    const all = (await ctx.deps.db.selectFrom('customers').select('id').orderBy('id').execute()).map(
      (c) => c.id,
    );
    const mark = (ids: number[]) =>
      ctx.deps.db
        .insertInto('value_dirty')
        .values(ids.map((customer_id) => ({ customer_id, marked_at: new Date().toISOString() })))
        .execute();
    // Exactly half: still an incremental run over the marked customers.
    const half = all.slice(0, Math.floor(all.length / 2));
    await mark(half);
    expect(await runValues(ctx.deps, { kind: 'incremental' })).toMatchObject({
      kind: 'incremental',
      total: half.length,
      processed: half.length,
    });
    // One more than half: the full run, which clears every mark.
    const most = all.slice(0, Math.floor(all.length / 2) + 1);
    await mark(most);
    expect(await runValues(ctx.deps, { kind: 'incremental' })).toMatchObject({
      kind: 'full',
      total: all.length,
      processed: all.length,
    });
    expect(await ctx.deps.db.selectFrom('value_dirty').select('customer_id').execute()).toEqual([]);
  });

  it('sorts the customer list by value', async () => {
    const res = await admin.get('/customers?sort=realizedValue&order=desc&pageSize=50');
    expect(res.statusCode, res.body).toBe(200);
    const items: { id: number; realizedValue: number | null }[] = res.json().items;
    expect(items.slice(0, 2).map((c) => c.id)).toEqual([ids.a, ids.b]);
    expect(res.json().items[0]).toMatchObject({ realizedValue: 80, valueTier: 'A' });
    const values = items.map((c) => c.realizedValue ?? Number.NEGATIVE_INFINITY);
    expect(values).toEqual([...values].sort((x, y) => y - x));
  });

  it('versions the settings with who and why, refusing a stale or invalid save', async () => {
    const current = (await admin.get('/settings/customer-value')).json();
    expect(current).toMatchObject({ version: 0, reason: null });
    const settings = { ...current.settings, weights: { ...current.settings.weights, loyalty: 0 } };
    expect(
      (await rm1.put('/settings/customer-value', { settings, reason: '忠诚度暂不计入', version: 0 }))
        .statusCode,
    ).toBe(403);
    const bad = await admin.put('/settings/customer-value', {
      settings: { ...settings, pareto: { a: 0.9, b: 0.8 } },
      reason: '调整分层',
      version: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.settings.pareto.b');
    const saved = await admin.put('/settings/customer-value', {
      settings,
      reason: '忠诚度暂不计入',
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 1,
      reason: '忠诚度暂不计入',
      createdBy: { id: ctx.users.admin },
    });
    expect(
      (await admin.put('/settings/customer-value', { settings, reason: '再次保存', version: 0 })).statusCode,
    ).toBe(409);
    const versions = (await rm1.get('/settings/customer-value/versions')).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 0]);

    const policies = (await admin.get('/settings/maintenance-policies')).json().settings;
    const missing = await admin.put('/settings/maintenance-policies', {
      settings: { ...policies, policies: policies.policies.slice(1) },
      reason: '删除一条',
      version: 0,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/exactly one policy for tier A and kind corporate/);
  });

  it('tells the RM whose contact is due: on the due day due, the day after overdue', async () => {
    const created = await ctx.deps.db
      .selectFrom('customers')
      .select('created_at')
      .where('id', '=', ids.e)
      .executeTakeFirstOrThrow();
    const since = bankDate(new Date(created.created_at));
    // ids.e is tier D (180 days) and never contacted: due 180 days after it became ours.
    const due = new Date(Date.parse(`${since}T12:00:00+08:00`) + 180 * DAY);
    ctx.advance(due.getTime() - ctx.deps.clock().getTime());
    // Sessions expire over half a year: sign in again at the new time.
    [rm1, lead1] = await ctx.loginAll('rm1', 'lead1');
    const res = await rm1.get('/maintenance/due');
    expect(res.statusCode, res.body).toBe(200);
    const onDay = res.json();
    const item = onDay.items.find((i: { customer: { id: number } }) => i.customer.id === ids.e);
    expect(item).toMatchObject({
      state: 'due_soon',
      daysLeft: 0,
      maxDays: 180,
      lastContactOn: null,
      valueTier: 'D',
    });
    ctx.advance(DAY);
    [rm1, lead1] = await ctx.loginAll('rm1', 'lead1');
    const after = (await rm1.get('/maintenance/due?state=overdue')).json();
    expect(after.items.find((i: { customer: { id: number } }) => i.customer.id === ids.e)).toMatchObject({
      state: 'overdue',
      daysLeft: -1,
    });
    const m = (await rm1.get(`/customers/${ids.e}/maintenance`)).json();
    expect(m).toMatchObject({
      state: 'overdue',
      policy: { valueTier: 'D', maxDays: 180, servicePackage: 'standard' },
    });

    const contact = await rm1.post('/interactions', {
      customerId: ids.e,
      channel: 'phone',
      direction: 'outbound',
      occurredAt: ctx.deps.clock().toISOString(),
      maintenanceForm: 'psychological',
      summary: '节日问候',
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const later = (await rm1.get(`/customers/${ids.e}/maintenance`)).json();
    expect(later).toMatchObject({ state: 'ok', daysLeft: 180, formsUsed: ['psychological'] });

    expect((await rm1.get(`/maintenance/due?ownerId=${ctx.users.rm2}`)).statusCode).toBe(404);
    expect((await lead1.get(`/maintenance/due?ownerId=${ctx.users.rm2}`)).statusCode).toBe(200);

    const compliance = await lead1.get('/maintenance/compliance');
    expect(compliance.statusCode, compliance.body).toBe(200);
    const rm1Row = compliance
      .json()
      .byOwner.find((o: { owner: { id: number } }) => o.owner.id === ctx.users.rm1);
    expect(rm1Row.customers).toBeGreaterThan(0);
    expect(rm1Row.inTime + rm1Row.overdue).toBe(rm1Row.customers);
    expect((await rm1.get('/maintenance/compliance')).statusCode).toBe(403);
    expect((await lead1.get(`/maintenance/compliance?teamId=${ctx.teams.team2}`)).statusCode).toBe(404);
  });

  it('moves the tiers of customers an incremental run did not recompute', async () => {
    // c's last month: 5 → 2,000 yuan. Bank: c 2,000, a 80, b 15 — c alone passes 80% (A), a then
    // passes 95% (B), b is C; a's and b's own values do not change, only their tiers.
    await ctx.deps.db
      .updateTable('account_monthly')
      .set({ net_interest_contribution: 2000 * 100 })
      .where('month', '=', AS_OF)
      .where('account_id', 'in', (eb) =>
        eb.selectFrom('accounts').select('id').where('customer_id', '=', ids.c),
      )
      .execute();
    await ctx.deps.db
      .insertInto('value_dirty')
      .values({ customer_id: ids.c, marked_at: new Date().toISOString() })
      .execute();
    const before = await ctx.deps.db
      .selectFrom('customers')
      .select(['id', 'realized_value', 'model_value'])
      .where('id', 'in', [ids.a, ids.b])
      .orderBy('id')
      .execute();
    const tiersBefore = await ctx.deps.db.selectFrom('customers').select(['id', 'value_tier']).execute();
    const run = await runValues(ctx.deps, { kind: 'incremental', asOf: AS_OF });
    const tiersAfter = await ctx.deps.db.selectFrom('customers').select(['id', 'value_tier']).execute();
    const moved = tiersAfter.filter(
      (r) => tiersBefore.find((b) => b.id === r.id)?.value_tier !== r.value_tier,
    );
    expect(moved.map((r) => r.id)).toEqual(expect.arrayContaining([ids.a, ids.b, ids.c]));
    // Counted once each: c (values and tier) and every customer whose tier alone moved.
    expect(run).toMatchObject({ status: 'succeeded', processed: 1, changed: moved.length });
    const after = await ctx.deps.db
      .selectFrom('customers')
      .select(['id', 'value_tier', 'realized_value', 'model_value'])
      .where('id', 'in', [ids.a, ids.b, ids.c])
      .orderBy('id')
      .execute();
    const tierOf = Object.fromEntries(after.map((r) => [r.id, r.value_tier]));
    expect([ids.c, ids.a, ids.b].map((id) => tierOf[id])).toEqual(['A', 'B', 'C']);
    expect(after.find((r) => r.id === ids.c)?.realized_value).toBe(200_000);
    expect(
      after
        .filter((r) => r.id !== ids.c)
        .map(({ id, realized_value, model_value }) => ({ id, realized_value, model_value })),
    ).toEqual(before);
    const [risk] = await ctx.loginAll('risk1'); // the clock moved on: the first sessions have expired
    const bank = await risk!.get(`/analytics/pareto?asOf=${AS_OF}`);
    expect(bank.statusCode, bank.body).toBe(200);
    const counts: Record<string, number> = {};
    for (const r of tiersAfter) if (r.value_tier) counts[r.value_tier] = (counts[r.value_tier] ?? 0) + 1;
    expect(bank.json().tierCounts).toEqual(counts);
  });
});
