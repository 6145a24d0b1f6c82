import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { addMonths, monthRange } from '../../../domain/months';
import { runValues } from '../customer-value/recompute';

const AS_OF = '2026-06';
let accountSeq = 0;

describe.each(dialects())('churn and loyalty on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let admin: Client;
  let risk1: Client;
  const ids = { closed: 0, drop80: 0, drop79: 0, loyal: 0, other: 0 };

  const newCustomer = async (client: Client, overrides: Record<string, unknown> = {}) => {
    const res = await client.post('/customers', buildCustomer(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };

  /** An account with a balance (yuan) for each month given. */
  const addAccount = async (
    customerId: number,
    balances: [string, number][],
    opts: { openedOn?: string; closedOn?: string | null } = {},
  ) => {
    accountSeq += 1;
    const { id } = await ctx.deps.db
      .insertInto('accounts')
      .values({
        account_no: `6229${String(process.pid).padStart(6, '0')}${String(accountSeq).padStart(6, '0')}`,
        customer_id: customerId,
        product: 'demand_deposit',
        currency: 'CNY',
        opened_on: opts.openedOn ?? '2024-01-10',
        closed_on: opts.closedOn ?? null,
        rate: null,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.deps.db
      .insertInto('account_monthly')
      .values(
        balances.map(([month, balance]) => ({
          account_id: id,
          month,
          avg_balance: balance * 100,
          net_interest_contribution: 100,
          fee_income: 0,
        })),
      )
      .execute();
  };
  const year = monthRange(addMonths(AS_OF, -11), AS_OF);
  /** 1,000 yuan a month, then `recent` in the last 3 months. */
  const falling = (recent: number) =>
    year.map((m) => [m, m > addMonths(AS_OF, -3) ? recent : 1000] as [string, number]);

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [rm1, rm2, admin, risk1] = await ctx.loginAll('rm1', 'rm2', 'admin', 'risk1');
    ids.closed = await newCustomer(rm1);
    ids.drop80 = await newCustomer(rm1);
    ids.drop79 = await newCustomer(rm1);
    ids.loyal = await newCustomer(rm1);
    ids.other = await newCustomer(rm2);
    // Every product closed in March: lost in 2026-03.
    await addAccount(
      ids.closed,
      monthRange(addMonths(AS_OF, -11), '2026-03').map((m) => [m, 1000]),
      { closedOn: '2026-03-15' },
    );
    // Σ M−2…M = 600 against Σ M−5…M−3 = 3,000: fell by exactly 80% → lost.
    await addAccount(ids.drop80, falling(200));
    // 603 against 3,000: fell by 79.9% → kept.
    await addAccount(ids.drop79, falling(201));
    // Two products bought this year (repeat purchases), steady balances.
    await addAccount(ids.loyal, falling(1000));
    await addAccount(ids.loyal, [[AS_OF, 500]], { openedOn: '2026-02-01' });
    await addAccount(ids.loyal, [[AS_OF, 500]], { openedOn: '2026-05-01' });
    await addAccount(ids.other, falling(1000));
    const run = await runValues(ctx.deps, { kind: 'full', asOf: AS_OF });
    expect(run?.status).toBe('succeeded');
  });
  afterAll(() => ctx.close());

  it('finds the customers lost: every product closed, or a balance fallen by exactly the share', async () => {
    const res = await risk1.get('/churn/records?pageSize=50');
    expect(res.statusCode, res.body).toBe(200);
    const byCustomer = new Map(
      (res.json().items as { customer: { id: number } }[]).map((r) => [r.customer.id, r]),
    );
    expect(byCustomer.get(ids.closed)).toMatchObject({
      cause: 'all_closed',
      lostMonth: '2026-03',
      reason: null,
    });
    expect(byCustomer.get(ids.drop80)).toMatchObject({
      cause: 'balance_drop',
      lostMonth: AS_OF,
      evidence: { recentBalance: 60_000, beforeBalance: 300_000, drop: 0.8, balanceDropShare: 0.8 },
    });
    expect(byCustomer.has(ids.drop79)).toBe(false);
    // A portfolio's records only: rm2 lost nobody; rm2 may not list rm1's.
    expect((await risk1.get(`/churn/records?scope=rm&scopeId=${ctx.users.rm2}`)).json()).toEqual({
      items: [],
      total: 0,
    });
    expect((await risk1.get(`/churn/records?scope=rm&scopeId=${ctx.users.rm1}`)).json().total).toBe(2);
    expect((await rm2.get(`/churn/records?scope=rm&scopeId=${ctx.users.rm1}`)).statusCode).toBe(404);
    expect(byCustomer.has(ids.loyal)).toBe(false);
    // A second run finds nothing new: one record per lost customer.
    await runValues(ctx.deps, { kind: 'full', asOf: AS_OF });
    expect((await risk1.get('/churn/records?pageSize=50')).json().total).toBe(res.json().total);
  });

  it('scores loyalty on the six measures and feeds the index to the model value', async () => {
    const loyal = (await rm1.get(`/customers/${ids.loyal}/loyalty`)).json();
    expect(loyal.asOf).toBe(AS_OF);
    const score = Object.fromEntries(
      (loyal.measures as { measure: string; score: number | null }[]).map((m) => [m.measure, m.score]),
    );
    // Two products opened in the 12 months = the target of 2; no assessment, survey or complaint yet.
    expect(score).toEqual({
      repeat_purchases: 1,
      price_sensitivity: null,
      competitor_attitude: null,
      problem_attitude: null,
      growth: expect.any(Number),
      retention: 1,
    });
    expect(loyal.levers.productsHeld).toBe(3);
    const lost = (await rm1.get(`/customers/${ids.drop80}/loyalty`)).json();
    expect(lost.measures.find((m: { measure: string }) => m.measure === 'retention').score).toBe(0);
    expect(lost.churn).toMatchObject({ cause: 'balance_drop', lostMonth: AS_OF });
    expect(lost.index).toBeLessThan(loyal.index);
    const value = (await rm1.get(`/customers/${ids.loyal}/value`)).json();
    const term = value.model.terms.find((t: { term: string }) => t.term === 'loyalty');
    expect(term).toMatchObject({ known: true, factor: loyal.index });
  });

  it('takes the RM’s assessment into the next run', async () => {
    const bad = await rm1.post(`/customers/${ids.loyal}/loyalty-assessments`, {
      priceSensitivity: 6,
      competitorAttitude: 3,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('body.priceSensitivity');
    expect(
      (
        await risk1.post(`/customers/${ids.loyal}/loyalty-assessments`, {
          priceSensitivity: 5,
          competitorAttitude: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await rm2.post(`/customers/${ids.loyal}/loyalty-assessments`, {
          priceSensitivity: 5,
          competitorAttitude: 1,
        })
      ).statusCode,
    ).toBe(404);
    const ok = await rm1.post(`/customers/${ids.loyal}/loyalty-assessments`, {
      priceSensitivity: 5,
      competitorAttitude: 1,
      note: '看重服务，不比价；但他行在积极营销',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const run = await runValues(ctx.deps, { kind: 'incremental', asOf: AS_OF });
    expect(run?.processed).toBe(1);
    const after = (await rm1.get(`/customers/${ids.loyal}/loyalty`)).json();
    const score = Object.fromEntries(
      (after.measures as { measure: string; score: number | null }[]).map((m) => [m.measure, m.score]),
    );
    expect(score.price_sensitivity).toBe(1);
    expect(score.competitor_attitude).toBe(0);
    expect(after.assessments[0]).toMatchObject({ priceSensitivity: 5, competitorAttitude: 1 });
  });

  it('answers the churn rate of a portfolio: lost in the period ÷ customers at its start', async () => {
    const res = await risk1.get('/churn?from=2026-01&to=2026-06');
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    // Five customers had products before 2026-01 and none had closed them all: 2 lost (March, June).
    expect(c).toMatchObject({ scope: 'bank', atStart: 5, lost: 2, rate: 2 / 5 });
    expect(c.months.find((m: { month: string }) => m.month === '2026-03')).toMatchObject({
      atStart: 5,
      lost: 1,
      rate: 0.2,
    });
    // In April the customer that closed everything in March is no longer there.
    expect(c.months.find((m: { month: string }) => m.month === '2026-04')).toMatchObject({
      atStart: 4,
      lost: 0,
    });
    expect(c.byCause).toEqual(
      expect.arrayContaining([
        { cause: 'all_closed', count: 1 },
        { cause: 'balance_drop', count: 1 },
      ]),
    );
    expect(c.byReason).toEqual([{ reason: null, count: 2 }]);
    // rm2's portfolio: one customer, none lost.
    const mine = (await rm2.get('/churn?from=2026-01&to=2026-06')).json();
    expect(mine).toMatchObject({ scope: 'rm', atStart: 1, lost: 0, rate: 0 });
    expect((await rm2.get(`/churn?scope=rm&scopeId=${ctx.users.rm1}`)).statusCode).toBe(404);
  });

  it('records why a customer left, refusing a stale edit and a customer the RM may not see', async () => {
    const list = (await rm1.get('/churn/records?reason=none')).json();
    const record = list.items.find((r: { customer: { id: number } }) => r.customer.id === ids.closed);
    expect(
      (await rm2.patch(`/churn/records/${record.id}`, { version: record.version, reason: 'price' }))
        .statusCode,
    ).toBe(404);
    const res = await rm1.patch(`/churn/records/${record.id}`, {
      version: record.version,
      reason: 'competitor',
      note: '他行给了更低的贷款利率',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ reason: 'competitor', recordedBy: { id: ctx.users.rm1 } });
    const stale = await rm1.patch(`/churn/records/${record.id}`, {
      version: record.version,
      reason: 'price',
    });
    expect(stale.statusCode).toBe(409);
    const bad = await rm1.patch(`/churn/records/${record.id}`, {
      version: record.version + 1,
      reason: 'bored',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('body.reason');
    const analysis = (await risk1.get('/churn?from=2026-01&to=2026-06')).json();
    expect(analysis.byReason).toEqual(
      expect.arrayContaining([
        { reason: 'competitor', count: 1 },
        { reason: null, count: 1 },
      ]),
    );
  });

  it('counts a lost customer that complained before leaving, and the loyalty of a portfolio', async () => {
    const complaint = await ctx.deps.db
      .insertInto('complaints')
      .values({
        customer_id: ids.drop80,
        kind: 'complaint',
        channel: 'phone',
        category: 'fees',
        severity: 'normal',
        status: 'open',
        subject: '收费过高',
        description: '对账户管理费不满',
        received_at: '2026-05-10T02:00:00.000Z',
        deadline_at: '2026-05-17T02:00:00.000Z',
        assignee_id: ctx.users.rm1,
        escalated_at: null,
        escalated_to: null,
        resolution: null,
        resolved_at: null,
        resolved_by: null,
        fix_satisfaction: null,
        version: 1,
        created_by: ctx.users.rm1,
        created_at: '2026-05-10T02:00:00.000Z',
        updated_at: '2026-05-10T02:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(complaint.id).toBeGreaterThan(0);
    const churn = (await risk1.get('/churn?from=2026-01&to=2026-06')).json();
    expect(churn.lostAfterComplaint).toBe(1);
    const records = (await risk1.get('/churn/records?complainedBefore=true')).json();
    expect(records.items.map((r: { customer: { id: number } }) => r.customer.id)).toEqual([ids.drop80]);
    expect(records.items[0].complaintsBefore).toBe(1);

    const loyalty = await admin.get('/analytics/loyalty');
    expect(loyalty.statusCode, loyalty.body).toBe(200);
    const l = loyalty.json();
    expect(l).toMatchObject({ scope: 'bank', customers: 5, measured: 5 });
    expect(l.distribution.reduce((a: number, b: number) => a + b, 0)).toBe(5);
    const retention = l.measures.find((m: { measure: string }) => m.measure === 'retention');
    // Two of five lost.
    expect(retention).toEqual({ measure: 'retention', mean: 3 / 5, known: 5 });
    // The complainer was lost: nobody stayed after complaining.
    expect(l.stayedAfterComplaint).toBe(0);
  });

  it('versions the loyalty settings and scores again under them', async () => {
    const current = (await admin.get('/settings/loyalty')).json();
    expect(current.version).toBe(0);
    const bad = await admin.put('/settings/loyalty', {
      version: 0,
      reason: '加大留存权重',
      settings: { ...current.settings, balanceDropShare: 1.5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('body.settings.balanceDropShare');
    expect(
      (await rm1.put('/settings/loyalty', { version: 0, reason: 'x y z w', settings: current.settings }))
        .statusCode,
    ).toBe(403);
    const saved = await admin.put('/settings/loyalty', {
      version: 0,
      reason: '只看留存，检验模型',
      settings: {
        ...current.settings,
        weights: {
          repeat_purchases: 0,
          price_sensitivity: 0,
          competitor_attitude: 0,
          problem_attitude: 0,
          growth: 0,
          retention: 1,
        },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    await runValues(ctx.deps, { kind: 'full', asOf: AS_OF });
    expect((await rm1.get(`/customers/${ids.loyal}/loyalty`)).json().index).toBe(1);
    expect((await rm1.get(`/customers/${ids.drop80}/loyalty`)).json().index).toBe(0);
    const stale = await admin.put('/settings/loyalty', {
      version: 0,
      reason: '再改一次',
      settings: current.settings,
    });
    expect(stale.statusCode).toBe(409);
  });
});
