import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { DEFAULT_VALUE_SETTINGS } from '../../../shared/schemas/value';
import { customerPitfalls } from './pitfalls.service';

// Pitfall warnings (DOMAIN §5) end to end: concessions in force against the configured share of realized
// value, to the fen; statements of corporate customers with an open loan, missing, stale from the day
// after FY + 15 months, or worsening; the portfolio list decided in SQL agreeing with the domain rules.

const fieldPaths = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  (res.json().error.fields ?? []).map((f) => f.path);

/** The bank day of the tests unless one moves it: 2026-03-31, the last day FY2024 is current. */
const DAY = '2026-03-31';
const at = (day: string) => `${day}T10:00:00+08:00`;

interface Figures {
  totalAssets?: number | null;
  totalLiabilities?: number | null;
  ownersEquity?: number | null;
  netProfit?: number | null;
  operatingCashFlow?: number | null;
  revenue?: number | null;
}
const SOUND: Figures = {
  totalAssets: 100_000_000,
  totalLiabilities: 50_000_000,
  ownersEquity: 50_000_000,
  netProfit: 5_000_000,
  operatingCashFlow: 4_000_000,
  revenue: 80_000_000,
};

/** mulberry32: the same cases on every run and dialect. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let accountSeq = 0;

describe.each(dialects())('pitfalls on %s', (dialect) => {
  let ctx: TestContext;
  let now = at(DAY);
  let rm1: Client;
  let rm2: Client;
  let rm3: Client;
  let lead1: Client;
  let risk1: Client;
  let admin: Client;

  const newCustomer = async (client: Client = rm1, over: Record<string, unknown> = {}) => {
    const res = await client.post('/customers', buildCustomer(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  /** Realized value in fen, as the value run stores it. */
  const setRealized = (id: number, fen: number | null) =>
    ctx.deps.db.updateTable('customers').set({ realized_value: fen }).where('id', '=', id).execute();
  const addAccount = async (
    customerId: number,
    product = 'working_capital_loan',
    closedOn: string | null = null,
  ) => {
    accountSeq += 1;
    await ctx.deps.db
      .insertInto('accounts')
      .values({
        account_no: `6228${String(process.pid).padStart(6, '0')}${String(accountSeq).padStart(6, '0')}`,
        customer_id: customerId,
        product,
        currency: 'CNY',
        opened_on: '2023-01-15',
        closed_on: closedOn,
        rate: null,
        created_at: new Date().toISOString(),
      })
      .execute();
  };
  /** Statements straight into the database, in yuan like the API. */
  const addStatement = async (customerId: number, fiscalYear: number, f: Figures) => {
    const fen = (v: number | null | undefined) => (v == null ? null : Math.round(v * 100));
    await ctx.deps.db
      .insertInto('financial_statements')
      .values({
        customer_id: customerId,
        fiscal_year: fiscalYear,
        current_assets: null,
        current_liabilities: null,
        total_assets: fen(f.totalAssets),
        total_liabilities: fen(f.totalLiabilities),
        owners_equity: fen(f.ownersEquity),
        net_profit: fen(f.netProfit),
        operating_cash_flow: fen(f.operatingCashFlow),
        revenue: fen(f.revenue),
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  };
  const addConcession = async (
    customerId: number,
    yearlyCost: number,
    over: Record<string, unknown> = {},
  ) => {
    const owner = (await ctx.deps.db
      .selectFrom('customers')
      .select('owner_id')
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow())!.owner_id;
    const client = owner === ctx.users.rm2 ? rm2 : owner === ctx.users.rm3 ? rm3 : rm1;
    const res = await client.post(`/customers/${customerId}/concessions`, {
      kind: 'rate_discount',
      description: '贷款利率下浮 10%',
      yearlyCost,
      approver: '李行长',
      reason: '同业竞争',
      startsOn: '2026-01-01',
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number };
  };
  const pitfallsOf = async (id: number, client: Client = rm1) => {
    const res = await client.get(`/customers/${id}/pitfalls`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { kind: string; evidence: Record<string, unknown> }[];
  };
  /** A client signed in on another bank day (sessions idle for a day have expired). */
  const on = async (day: string, username = 'rm1') => {
    now = at(day);
    return ctx.login(username);
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ctx.deps.clock = () => new Date(now);
    [rm1, rm2, rm3, lead1, risk1, admin] = await ctx.loginAll('rm1', 'rm2', 'rm3', 'lead1', 'risk1', 'admin');
  });
  afterAll(async () => ctx?.close());

  describe('concessions against realized value', () => {
    it('warns from the first fen above the share: exactly 30% of 10,000 yuan is no warning, 3,000.01 is', async () => {
      const id = await newCustomer();
      await setRealized(id, 1_000_000);
      const c = await addConcession(id, 3000);
      expect(await pitfallsOf(id)).toEqual([]);
      const listed = async () =>
        (await rm1.get(`/pitfalls?kind=concessions&limit=500`))
          .json()
          .items.some((i: { customer: { id: number } }) => i.customer.id === id);
      expect(await listed()).toBe(false);

      const res = await rm1.patch(`/concessions/${c.id}`, { version: c.version, yearlyCost: 3000.01 });
      expect(res.statusCode, res.body).toBe(200);
      expect(await pitfallsOf(id)).toEqual([
        {
          kind: 'concessions',
          evidence: { yearlyCost: 3000.01, realized: 10000, share: 0.3, ratio: 0.300001 },
        },
      ]);
      expect(await listed()).toBe(true);
    });

    it('adds up the concessions in force today only, not those ended or not yet started', async () => {
      const id = await newCustomer();
      await setRealized(id, 1_000_000);
      await addConcession(id, 2000);
      await addConcession(id, 1000, { startsOn: '2026-03-31', endsOn: '2026-03-31' });
      await addConcession(id, 5000, { startsOn: '2025-01-01', endsOn: '2026-03-30' });
      await addConcession(id, 5000, { startsOn: '2026-04-01' });
      expect(await pitfallsOf(id)).toEqual([]);
      await addConcession(id, 0.01, { kind: 'fee_waiver' });
      expect(await pitfallsOf(id)).toEqual([
        {
          kind: 'concessions',
          evidence: { yearlyCost: 3000.01, realized: 10000, share: 0.3, ratio: 0.300001 },
        },
      ]);
    });

    it('weighs nothing before a value run, warns of any cost against no value, and of none without cost', async () => {
      const id = await newCustomer();
      await addConcession(id, 0);
      expect(await pitfallsOf(id)).toEqual([]);
      await addConcession(id, 1);
      // No value run has computed the realized value yet: nothing to weigh the concession against.
      expect(await pitfallsOf(id)).toEqual([]);
      await setRealized(id, 0);
      expect(await pitfallsOf(id)).toEqual([
        { kind: 'concessions', evidence: { yearlyCost: 1, realized: 0, share: 0.3, ratio: null } },
      ]);
      await setRealized(id, -50_000);
      expect((await pitfallsOf(id))[0]!.evidence).toMatchObject({ realized: -500, ratio: null });
    });

    it('reads the share from the value settings in force', async () => {
      const id = await newCustomer();
      await setRealized(id, 1_000_000);
      await addConcession(id, 4000);
      expect(await pitfallsOf(id)).toHaveLength(1);
      await ctx.deps.db
        .insertInto('settings_versions')
        .values({
          key: 'customer-value',
          version: 1,
          settings_json: JSON.stringify({ ...DEFAULT_VALUE_SETTINGS, concessionShare: 0.4 }),
          reason: 'test: a wider share',
          created_by: null,
          created_at: now,
        })
        .execute();
      try {
        expect(await pitfallsOf(id)).toEqual([]);
        await addConcession(id, 0.01);
        expect((await pitfallsOf(id))[0]!.evidence).toMatchObject({ share: 0.4, yearlyCost: 4000.01 });
      } finally {
        await ctx.deps.db.deleteFrom('settings_versions').where('key', '=', 'customer-value').execute();
      }
    });
  });

  describe('statements of customers with an open loan', () => {
    it('warns of missing statements, only for a corporate customer with a loan open today', async () => {
      const loan = await newCustomer();
      await addAccount(loan, 'fixed_asset_loan');
      expect(await pitfallsOf(loan)).toEqual([
        { kind: 'statements', evidence: { problem: 'missing', latestYear: null } },
      ]);
      const closesTomorrow = await newCustomer();
      await addAccount(closesTomorrow, 'mortgage', '2026-04-01');
      expect((await pitfallsOf(closesTomorrow)).map((p) => p.kind)).toEqual(['statements']);

      const closedToday = await newCustomer();
      await addAccount(closedToday, 'working_capital_loan', '2026-03-31');
      const depositor = await newCustomer();
      await addAccount(depositor, 'demand_deposit');
      const individual = await newCustomer(rm1, { kind: 'individual' });
      await addAccount(individual, 'mortgage');
      for (const id of [closedToday, depositor, individual]) expect(await pitfallsOf(id)).toEqual([]);
    });

    it('counts FY2024 current through 2026-03-31 and stale from 2026-04-01', async () => {
      const id = await newCustomer();
      await addAccount(id);
      await addStatement(id, 2023, SOUND);
      await addStatement(id, 2024, SOUND);
      expect(await pitfallsOf(id)).toEqual([]);
      const inPortfolio = async (client: Client) =>
        (await client.get('/pitfalls?kind=statements&limit=500'))
          .json()
          .items.filter((i: { customer: { id: number } }) => i.customer.id === id)
          .map((i: { pitfall: unknown }) => i.pitfall);
      expect(await inPortfolio(rm1)).toEqual([]);
      try {
        const tomorrow = await on('2026-04-01');
        const stale = {
          kind: 'statements',
          evidence: { problem: 'stale', latestYear: 2024, currentUntil: '2026-03-31' },
        };
        expect(await pitfallsOf(id, tomorrow)).toEqual([stale]);
        expect(await inPortfolio(tomorrow)).toEqual([stale]);
      } finally {
        now = at(DAY);
      }
    });

    it('warns of worsening statements with the signs found', async () => {
      const cases: [Figures, string[]][] = [
        [{ ...SOUND, revenue: 70_000_000 }, []],
        [{ ...SOUND, revenue: 70_000_000, netProfit: 1_000_000 }, ['revenue_down', 'profit_down']],
        [
          { ...SOUND, operatingCashFlow: -1, totalLiabilities: 50_000_001 },
          ['cash_flow_down', 'debt_ratio_up'],
        ],
        [{ ...SOUND, ownersEquity: 0 }, ['equity_not_positive']],
        [{ ...SOUND, revenue: null, netProfit: 1 }, []],
      ];
      for (const [fy2024, signs] of cases) {
        const id = await newCustomer();
        await addAccount(id);
        await addStatement(id, 2023, SOUND);
        await addStatement(id, 2024, fy2024);
        expect(await pitfallsOf(id), JSON.stringify(fy2024)).toEqual(
          signs.length === 0
            ? []
            : [{ kind: 'statements', evidence: { problem: 'worsening', latestYear: 2024, signs } }],
        );
      }
    });

    it('compares only consecutive years', async () => {
      const id = await newCustomer();
      await addAccount(id);
      await addStatement(id, 2022, SOUND);
      await addStatement(id, 2024, { ...SOUND, revenue: 1, netProfit: 1 });
      expect(await pitfallsOf(id)).toEqual([]);
    });
  });

  describe('GET /customers/:id/pitfalls', () => {
    it('answers both kinds to whoever sees the customer', async () => {
      const id = await newCustomer();
      await addAccount(id);
      await addConcession(id, 1);
      await setRealized(id, 0);
      const expected = [
        { kind: 'concessions', evidence: { yearlyCost: 1, realized: 0, share: 0.3, ratio: null } },
        { kind: 'statements', evidence: { problem: 'missing', latestYear: null } },
      ];
      for (const client of [rm1, lead1, risk1, admin]) expect(await pitfallsOf(id, client)).toEqual(expected);
      expect(await customerPitfalls(ctx.deps.db, id, DAY)).toEqual(expected);
    });

    it("answers 400 for a bad id, 401 anonymous and 404 for another RM's customer or a missing one", async () => {
      const id = await newCustomer();
      const bad = await rm1.get('/customers/x/pitfalls');
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)).toEqual(['params.id']);
      expect((await ctx.anonymous.get(`/customers/${id}/pitfalls`)).statusCode).toBe(401);
      expect((await rm2.get(`/customers/${id}/pitfalls`)).statusCode).toBe(404);
      expect((await rm1.get('/customers/999999/pitfalls')).statusCode).toBe(404);
    });
  });

  describe('GET /pitfalls', () => {
    let big: number;
    let small: number;
    let missing: number;
    let stale: number;
    let worsening: number;

    beforeAll(async () => {
      // rm2's portfolio: two over-concessions, and one customer of each statement problem.
      small = await newCustomer(rm2);
      await setRealized(small, 1_000_000);
      await addConcession(small, 3100);
      big = await newCustomer(rm2);
      await setRealized(big, 1_000_000);
      await addConcession(big, 9000);
      worsening = await newCustomer(rm2);
      await addAccount(worsening);
      await addStatement(worsening, 2023, SOUND);
      await addStatement(worsening, 2024, { ...SOUND, ownersEquity: -1 });
      stale = await newCustomer(rm2);
      await addAccount(stale);
      await addStatement(stale, 2023, SOUND);
      missing = await newCustomer(rm2);
      await addAccount(missing);
    });

    const ids = (res: { json(): { items: { customer: { id: number }; pitfall: { kind: string } }[] } }) =>
      res.json().items.map((i) => [i.customer.id, i.pitfall.kind]);

    it("lists the caller's portfolio: concessions by excess, then statements missing, stale, worsening", async () => {
      const res = await rm2.get('/pitfalls');
      expect(res.statusCode, res.body).toBe(200);
      expect(ids(res)).toEqual([
        [big, 'concessions'],
        [small, 'concessions'],
        [missing, 'statements'],
        [stale, 'statements'],
        [worsening, 'statements'],
      ]);
      expect(res.json().total).toBe(5);
      expect(res.json().items[0]).toEqual({
        customer: { id: big, code: expect.any(String), name: expect.any(String) },
        owner: { id: ctx.users.rm2, name: 'RM2' },
        pitfall: {
          kind: 'concessions',
          evidence: { yearlyCost: 9000, realized: 10000, share: 0.3, ratio: 0.9 },
        },
      });
      expect(res.json().items[3].pitfall.evidence).toEqual({
        problem: 'stale',
        latestYear: 2023,
        currentUntil: '2025-03-31',
      });
      expect(res.json().items[4].pitfall.evidence).toEqual({
        problem: 'worsening',
        latestYear: 2024,
        signs: ['equity_not_positive'],
      });
    });

    it('filters by kind and owner, and limits the list but not the total', async () => {
      const statements = await rm2.get('/pitfalls?kind=statements');
      expect(ids(statements)).toEqual([
        [missing, 'statements'],
        [stale, 'statements'],
        [worsening, 'statements'],
      ]);
      expect(statements.json().total).toBe(3);
      const two = await rm2.get('/pitfalls?limit=2');
      expect(ids(two)).toEqual([
        [big, 'concessions'],
        [small, 'concessions'],
      ]);
      expect(two.json().total).toBe(5);
      const three = await rm2.get('/pitfalls?limit=3');
      expect(ids(three)).toEqual([
        [big, 'concessions'],
        [small, 'concessions'],
        [missing, 'statements'],
      ]);
      const lead = await lead1.get(`/pitfalls?ownerId=${ctx.users.rm2}`);
      expect(ids(lead)).toEqual(ids(await rm2.get('/pitfalls')));
      expect(lead.json().total).toBe(5);
      expect(ids(await risk1.get(`/pitfalls?ownerId=${ctx.users.rm2}&kind=concessions`))).toEqual([
        [big, 'concessions'],
        [small, 'concessions'],
      ]);
    });

    it("shows nobody another portfolio's customers", async () => {
      const rm2Customers = new Set([big, small, missing, stale, worsening]);
      for (const client of [rm1, rm3]) {
        const res = await client.get('/pitfalls?limit=500');
        expect(res.statusCode).toBe(200);
        expect(ids(res).filter(([id]) => rm2Customers.has(id as number))).toEqual([]);
      }
      const other = await rm1.get(`/pitfalls?ownerId=${ctx.users.rm2}`);
      expect(other.json()).toEqual({ items: [], total: 0 });
      const lead2 = await ctx.login('lead2');
      expect((await lead2.get(`/pitfalls?ownerId=${ctx.users.rm2}`)).json()).toEqual({ items: [], total: 0 });
    });

    it('answers 400 naming the bad parameter and 401 anonymous', async () => {
      for (const [query, path] of [
        ['kind=loyalty', 'querystring.kind'],
        ['limit=0', 'querystring.limit'],
        ['limit=501', 'querystring.limit'],
        ['ownerId=abc', 'querystring.ownerId'],
        ['colour=red', 'querystring.colour'],
      ]) {
        const res = await rm2.get(`/pitfalls?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(fieldPaths(res)).toContain(path);
      }
      expect((await ctx.anonymous.get('/pitfalls')).statusCode).toBe(401);
    });
  });

  it('decides the portfolio in SQL exactly as the domain rules decide each customer', async () => {
    const random = rng(20260331);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    // Small ranges so that ties, nulls and boundaries come up often.
    const amount = () => (random() < 0.1 ? null : pick([-2, 0, 1, 2, 3, 5, 8]) * 1_000_000 + pick([0, 0.01]));
    const figures = (): Figures => ({
      totalAssets: random() < 0.1 ? pick([null, 0]) : pick([8, 10, 12]) * 1_000_000,
      totalLiabilities: amount(),
      ownersEquity: random() < 0.15 ? pick([0, -1]) : 1_000_000,
      netProfit: amount(),
      operatingCashFlow: amount(),
      revenue: amount(),
    });
    const customers: number[] = [];
    for (let i = 0; i < 60; i++) {
      const id = await newCustomer(rm3, random() < 0.1 ? { kind: 'individual' } : {});
      customers.push(id);
      if (random() < 0.85)
        await addAccount(id, pick(['working_capital_loan', 'fixed_asset_loan', 'mortgage']));
      else await addAccount(id, pick(['demand_deposit', 'working_capital_loan']), '2026-01-31');
      const reports = random() < 0.15 ? [] : [2021, 2022, 2023, 2024].filter(() => random() < 0.6);
      for (const year of reports) await addStatement(id, year, figures());
      await setRealized(id, random() < 0.2 ? null : pick([-100, 0, 1_000_000, 999_999, 1_000_001]));
      if (random() < 0.6) await addConcession(id, pick([0, 2999.99, 3000, 3000.01, 300_000.01]));
      if (random() < 0.3) await addConcession(id, 0.01, { startsOn: pick(['2026-03-31', '2026-04-01']) });
    }
    const res = await admin.get(`/pitfalls?ownerId=${ctx.users.rm3}&limit=500`);
    expect(res.statusCode, res.body).toBe(200);
    const portfolio = res.json();
    const expected: [number, string, unknown][] = [];
    for (const id of customers) {
      for (const p of await customerPitfalls(ctx.deps.db, id, DAY)) expected.push([id, p.kind, p.evidence]);
    }
    const sortKey = ([id, kind]: [number, string, unknown]) => `${kind} ${String(id).padStart(9, '0')}`;
    const got: [number, string, unknown][] = portfolio.items.map(
      (i: { customer: { id: number }; pitfall: { kind: string; evidence: unknown } }) => [
        i.customer.id,
        i.pitfall.kind,
        i.pitfall.evidence,
      ],
    );
    expect(got.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      expected.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
    expect(portfolio.total).toBe(expected.length);
    // The whole bank's list (the open-loan test in its other shape) holds the same for these customers.
    const ofRm3 = new Set(customers);
    const bank = (await risk1.get('/pitfalls?limit=500')).json();
    expect(bank.total).toBeLessThan(500);
    expect(
      bank.items
        .filter((i: { customer: { id: number } }) => ofRm3.has(i.customer.id))
        .map((i: { customer: { id: number }; pitfall: { kind: string; evidence: unknown } }) => [
          i.customer.id,
          i.pitfall.kind,
          i.pitfall.evidence,
        ])
        .sort((a: [number, string, unknown], b: [number, string, unknown]) =>
          sortKey(a).localeCompare(sortKey(b)),
        ),
    ).toEqual(expected);
    // Every problem came up, so the comparison covered each branch.
    const problems = new Set(
      expected.map(([, kind, e]) => (kind === 'statements' ? (e as { problem: string }).problem : kind)),
    );
    expect([...problems].sort()).toEqual(['concessions', 'missing', 'stale', 'worsening']);
  });
});
