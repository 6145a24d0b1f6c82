import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';

// Annual financial statements of corporate customers (DOMAIN §5 pitfall 3, §6.1 EX3): a fiscal year is
// written whole with its version (0 creates it), read newest year first, refused for individuals.

const fieldPaths = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  (res.json().error.fields ?? []).map((f) => f.path);

const NOW = '2026-03-31T10:00:00+08:00';

const FY2024 = {
  currentAssets: 52_000_000,
  currentLiabilities: 38_500_000.25,
  totalAssets: 120_000_000,
  totalLiabilities: 76_000_000,
  ownersEquity: 44_000_000,
  netProfit: -3_600_000.99,
  operatingCashFlow: -1_250_000,
  revenue: 98_000_000.01,
};

describe.each(dialects())('financial statements on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let lead1: Client;
  let risk1: Client;
  let customerId: number;
  let individualId: number;

  const newCustomer = async (over: Record<string, unknown> = {}) => {
    const res = await rm1.post('/customers', buildCustomer(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const audit = () =>
    ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'financial_statement')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ctx.deps.clock = () => new Date(NOW);
    [rm1, rm2, lead1, risk1] = await ctx.loginAll('rm1', 'rm2', 'lead1', 'risk1');
    customerId = await newCustomer();
    individualId = await newCustomer({ kind: 'individual' });
  });
  afterAll(async () => ctx?.close());

  describe('PUT /customers/:id/financial-statements/:year', () => {
    it('creates a year with version 0 (201), stores fen, answers yuan, and audits it', async () => {
      const id = await newCustomer();
      const res = await rm1.put(`/customers/${id}/financial-statements/2024`, { version: 0, ...FY2024 });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({
        customerId: id,
        fiscalYear: 2024,
        ...FY2024,
        updatedAt: new Date(NOW).toISOString(),
        version: 1,
      });
      const row = await ctx.deps.db
        .selectFrom('financial_statements')
        .selectAll()
        .where('customer_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(Number(row.net_profit)).toBe(-360_000_099);
      expect(Number(row.revenue)).toBe(9_800_000_001);
      const [entry] = (await audit()).filter((e) => e.customer_id === id);
      expect(entry).toMatchObject({ action: 'create', actor_id: ctx.users.rm1, entity_id: String(row.id) });
      expect(JSON.parse(entry!.after_json!)).toEqual({ fiscalYear: 2024, ...FY2024 });
    });

    it('writes the year whole: a figure left out is not reported (null)', async () => {
      const id = await newCustomer();
      const res = await lead1.put(`/customers/${id}/financial-statements/2023`, {
        version: 0,
        totalAssets: 1000,
        revenue: null,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        totalAssets: 1000,
        revenue: null,
        netProfit: null,
        currentAssets: null,
      });
    });

    it('updates with the version read (200), audits only what changed, and leaves an equal write alone', async () => {
      const id = await newCustomer();
      await rm1.put(`/customers/${id}/financial-statements/2024`, { version: 0, ...FY2024 });
      const res = await rm1.put(`/customers/${id}/financial-statements/2024`, {
        ...FY2024,
        version: 1,
        netProfit: 1_000_000,
        revenue: null,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ netProfit: 1_000_000, revenue: null, version: 2 });
      const entries = (await audit()).filter((e) => e.customer_id === id);
      expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
      expect(JSON.parse(entries[1]!.before_json!)).toEqual({
        fiscalYear: 2024,
        netProfit: -3_600_000.99,
        revenue: 98_000_000.01,
      });
      expect(JSON.parse(entries[1]!.after_json!)).toEqual({
        fiscalYear: 2024,
        netProfit: 1_000_000,
        revenue: null,
      });
      const same = await rm1.put(`/customers/${id}/financial-statements/2024`, {
        ...FY2024,
        version: 2,
        netProfit: 1_000_000,
        revenue: null,
      });
      expect(same.statusCode).toBe(200);
      expect(same.json().version).toBe(2);
      expect((await audit()).filter((e) => e.customer_id === id)).toHaveLength(2);
    });

    it('answers 409 to a stale version, or to version 0 for a year that exists, and changes nothing', async () => {
      const id = await newCustomer();
      await rm1.put(`/customers/${id}/financial-statements/2024`, { version: 0, ...FY2024 });
      await rm1.put(`/customers/${id}/financial-statements/2024`, { ...FY2024, version: 1, revenue: 1 });
      for (const version of [0, 1, 7]) {
        const res = await lead1.put(`/customers/${id}/financial-statements/2024`, { version, revenue: 2 });
        expect(res.statusCode, `version ${version}`).toBe(409);
        expect(res.json().error.code).toBe('stale_version');
      }
      const missing = await rm1.put(`/customers/${id}/financial-statements/2022`, { version: 1, revenue: 2 });
      expect(missing.statusCode).toBe(409);
      const { items } = (await rm1.get(`/customers/${id}/financial-statements`)).json();
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ fiscalYear: 2024, revenue: 1, version: 2 });
    });

    it('answers 400 naming the bad field', async () => {
      const url = `/customers/${customerId}/financial-statements`;
      const cases: [string, Record<string, unknown>, string][] = [
        [`${url}/2024`, { version: 0, revenue: 1.001 }, 'body.revenue'],
        [`${url}/2024`, { version: 0, totalAssets: '100' }, 'body.totalAssets'],
        [`${url}/2024`, { version: 0, goodwill: 1 }, 'body.goodwill'],
        [`${url}/2024`, { revenue: 1 }, 'body.version'],
        [`${url}/2024`, { version: -1 }, 'body.version'],
        [`${url}/1899`, { version: 0 }, 'params.year'],
        [`${url}/twenty`, { version: 0 }, 'params.year'],
        [`${url}/2027`, { version: 0 }, 'params.year'],
      ];
      for (const [u, body, path] of cases) {
        const res = await rm1.put(u, body);
        expect(res.statusCode, `${u} ${JSON.stringify(body)}`).toBe(400);
        expect(fieldPaths(res)).toContain(path);
      }
    });

    it('answers 400 naming kind for an individual customer', async () => {
      const res = await rm1.put(`/customers/${individualId}/financial-statements/2024`, {
        version: 0,
        ...FY2024,
      });
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res)).toEqual(['kind']);
    });

    it("answers 401 anonymous, 404 for another RM's customer, 403 to a risk officer", async () => {
      const url = `/customers/${customerId}/financial-statements/2024`;
      expect((await ctx.anonymous.put(url, { version: 0 })).statusCode).toBe(401);
      expect((await rm2.put(url, { version: 0, ...FY2024 })).statusCode).toBe(404);
      expect((await rm1.put('/customers/999999/financial-statements/2024', { version: 0 })).statusCode).toBe(
        404,
      );
      expect((await risk1.put(url, { version: 0, ...FY2024 })).statusCode).toBe(403);
      expect((await rm1.get(`/customers/${customerId}/financial-statements`)).json().items).toEqual([]);
    });
  });

  describe('GET /customers/:id/financial-statements', () => {
    it('lists the years newest first, to the owner, the team lead and a risk officer', async () => {
      const id = await newCustomer();
      for (const year of [2022, 2024, 2023]) {
        const res = await rm1.put(`/customers/${id}/financial-statements/${year}`, {
          version: 0,
          revenue: year,
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      for (const client of [rm1, lead1, risk1]) {
        const res = await client.get(`/customers/${id}/financial-statements`);
        expect(res.statusCode, res.body).toBe(200);
        expect(
          res.json().items.map((s: { fiscalYear: number; revenue: number }) => [s.fiscalYear, s.revenue]),
        ).toEqual([
          [2024, 2024],
          [2023, 2023],
          [2022, 2022],
        ]);
      }
    });

    it("answers 400 for a bad id or an individual, 401 anonymous, 404 for another RM's customer", async () => {
      const bad = await rm1.get('/customers/0/financial-statements');
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)).toEqual(['params.id']);
      const individual = await rm1.get(`/customers/${individualId}/financial-statements`);
      expect(individual.statusCode).toBe(400);
      expect(fieldPaths(individual)).toEqual(['kind']);
      expect((await ctx.anonymous.get(`/customers/${customerId}/financial-statements`)).statusCode).toBe(401);
      expect((await rm2.get(`/customers/${customerId}/financial-statements`)).statusCode).toBe(404);
      expect((await rm2.get(`/customers/${individualId}/financial-statements`)).statusCode).toBe(404);
    });
  });
});
