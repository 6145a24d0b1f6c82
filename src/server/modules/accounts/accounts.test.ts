import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';

const fieldPaths = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  (res.json().error.fields ?? []).map((f) => f.path);

let accountSeq = 0;

describe.each(dialects())('accounts on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let rm3: Client;
  let lead1: Client;
  let risk1: Client;

  const newCustomer = async (client: Client = rm1) => {
    const res = await client.post('/customers', buildCustomer());
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };

  /** No write API yet: accounts and their months go straight into the database. Amounts in fen. */
  const addAccount = async (
    customerId: number,
    product: string,
    opts: { openedOn?: string; closedOn?: string | null; rate?: number | null; currency?: string } = {},
    months: [month: string, avgBalance: number, netInterest: number, fee: number][] = [],
  ) => {
    accountSeq += 1;
    const accountNo = `6222${String(process.pid).padStart(6, '0')}${String(accountSeq).padStart(6, '0')}`;
    const { id } = await ctx.deps.db
      .insertInto('accounts')
      .values({
        account_no: accountNo,
        customer_id: customerId,
        product,
        currency: opts.currency ?? 'CNY',
        opened_on: opts.openedOn ?? '2023-01-15',
        closed_on: opts.closedOn ?? null,
        rate: opts.rate ?? null,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (months.length > 0) {
      await ctx.deps.db
        .insertInto('account_monthly')
        .values(
          months.map(([month, avg_balance, net_interest_contribution, fee_income]) => ({
            account_id: id,
            month,
            avg_balance,
            net_interest_contribution,
            fee_income,
          })),
        )
        .execute();
    }
    return { id, accountNo };
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const clients = await Promise.all(['rm1', 'rm2', 'rm3', 'lead1', 'risk1'].map((u) => ctx.login(u)));
    [rm1, rm2, rm3, lead1, risk1] = clients as [Client, Client, Client, Client, Client];
  });
  afterAll(async () => ctx?.close());

  describe('GET /customers/:id/accounts', () => {
    it('lists accounts open first, masked, with their latest month in yuan, and the totals of the latest month', async () => {
      const customerId = await newCustomer();
      const demand = await addAccount(
        customerId,
        'demand_deposit',
        { openedOn: '2022-03-01', rate: 0.0035 },
        [
          ['2025-11', 500_000_00, 1_250_00, 0],
          ['2025-12', 612_345_67, 1_530_86, 12_00],
        ],
      );
      const loan = await addAccount(
        customerId,
        'working_capital_loan',
        { openedOn: '2024-05-20', rate: 0.0385 },
        [['2025-12', 3_000_000_00, 9_625_00, 0]],
      );
      const closed = await addAccount(
        customerId,
        'time_deposit',
        { openedOn: '2021-01-04', closedOn: '2024-07-01', rate: 0.0175 },
        [['2024-06', 200_000_00, 300_00, 0]],
      );
      const empty = await addAccount(customerId, 'payroll_agency', { openedOn: '2025-12-01' });

      const res = await rm1.get(`/customers/${customerId}/accounts`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.items.map((a: { id: number }) => a.id)).toEqual([empty.id, loan.id, demand.id, closed.id]);
      expect(body.items[2]).toEqual({
        id: demand.id,
        accountNo: `${demand.accountNo.slice(0, 6)}******${demand.accountNo.slice(-4)}`,
        product: 'demand_deposit',
        currency: 'CNY',
        openedOn: '2022-03-01',
        closedOn: null,
        status: 'open',
        rate: 0.0035,
        latest: { month: '2025-12', avgBalance: 612345.67, netInterestContribution: 1530.86, feeIncome: 12 },
      });
      expect(body.items[0].latest).toBeNull();
      expect(body.items[3]).toMatchObject({
        status: 'closed',
        closedOn: '2024-07-01',
        latest: { month: '2024-06', avgBalance: 200000 },
      });
      // The closed account's last figures (2024-06) are not added to today's.
      expect(body.totals).toEqual({
        month: '2025-12',
        avgBalance: 3612345.67,
        netInterestContribution: 11155.86,
        feeIncome: 12,
        openAccounts: 3,
        closedAccounts: 1,
      });
      for (const a of [demand, loan, closed, empty]) expect(res.body).not.toContain(a.accountNo);
    });

    it('answers no accounts with empty totals', async () => {
      const customerId = await newCustomer();
      const res = await rm1.get(`/customers/${customerId}/accounts`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        items: [],
        totals: {
          month: null,
          avgBalance: 0,
          netInterestContribution: 0,
          feeIncome: 0,
          openAccounts: 0,
          closedAccounts: 0,
        },
      });
    });

    it('lets the team lead and a risk officer read', async () => {
      const customerId = await newCustomer();
      await addAccount(customerId, 'mortgage');
      expect((await lead1.get(`/customers/${customerId}/accounts`)).json().items).toHaveLength(1);
      expect((await risk1.get(`/customers/${customerId}/accounts`)).json().items).toHaveLength(1);
    });

    it('answers 400, 401 and 404 for another portfolio', async () => {
      const customerId = await newCustomer();
      await addAccount(customerId, 'demand_deposit');
      const bad = await rm1.get('/customers/1.5/accounts');
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)[0]).toBe('params.id');
      expect((await ctx.anonymous.get(`/customers/${customerId}/accounts`)).statusCode).toBe(401);
      expect((await rm3.get(`/customers/${customerId}/accounts`)).statusCode).toBe(404);
      expect((await rm2.get(`/customers/${customerId}/accounts`)).statusCode).toBe(404);
    });
  });

  describe('GET /customers/:id/monthly', () => {
    it('sums each month by product group exactly in fen: 0.1 + 0.2 yuan is 0.3', async () => {
      const customerId = await newCustomer();
      await addAccount(customerId, 'demand_deposit', {}, [['2025-10', 10, 1, 10]]);
      await addAccount(customerId, 'time_deposit', {}, [['2025-10', 20, 2, 20]]);
      await addAccount(customerId, 'mortgage', {}, [['2025-10', 1_000_000_01, 3_00, 0]]);
      await addAccount(customerId, 'wealth_management', {}, [['2025-10', 0, 0, 7_77]]);
      const res = await rm1.get(`/customers/${customerId}/monthly`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items).toEqual([
        {
          month: '2025-10',
          deposit: { avgBalance: 0.3, netInterestContribution: 0.03, feeIncome: 0.3 },
          loan: { avgBalance: 1000000.01, netInterestContribution: 3, feeIncome: 0 },
          other: { avgBalance: 0, netInterestContribution: 0, feeIncome: 7.77 },
          total: { avgBalance: 1000000.31, netInterestContribution: 3.03, feeIncome: 8.07 },
        },
      ]);
    });

    it('answers the last N months that have figures, ascending, across the customer’s accounts only', async () => {
      const customerId = await newCustomer();
      const otherCustomer = await newCustomer();
      const months = Array.from({ length: 30 }, (_, i) => {
        const d = new Date(Date.UTC(2023, 6 + i, 1));
        return d.toISOString().slice(0, 7);
      }); // 2023-07 … 2025-12
      await addAccount(
        customerId,
        'demand_deposit',
        {},
        months.map((m, i) => [m, (i + 1) * 100, i, 0] as [string, number, number, number]),
      );
      // A month with figures only on a closed account still counts; a gap (no figures at all) does not.
      await addAccount(customerId, 'fx_settlement', { closedOn: '2023-02-01' }, [['2023-01', 5_00, 0, 1_00]]);
      await addAccount(otherCustomer, 'demand_deposit', {}, [['2026-01', 999_00, 0, 0]]);

      const def = (await rm1.get(`/customers/${customerId}/monthly`)).json().items;
      expect(def.map((m: { month: string }) => m.month)).toEqual(months.slice(-24));
      expect(def.at(-1).deposit.avgBalance).toBe(30);

      const all = (await rm1.get(`/customers/${customerId}/monthly?months=120`)).json().items;
      expect(all.map((m: { month: string }) => m.month)).toEqual(['2023-01', ...months]);
      expect(all[0]).toMatchObject({ other: { avgBalance: 5, feeIncome: 1 }, total: { avgBalance: 5 } });

      const two = (await rm1.get(`/customers/${customerId}/monthly?months=2`)).json().items;
      expect(two.map((m: { month: string }) => m.month)).toEqual(['2025-11', '2025-12']);
    });

    it('answers an empty list for a customer without figures', async () => {
      const customerId = await newCustomer();
      const res = await risk1.get(`/customers/${customerId}/monthly`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ items: [] });
    });

    it.each([
      ['months=0', 'querystring.months'],
      ['months=241', 'querystring.months'],
      ['months=abc', 'querystring.months'],
      ['months=2&from=2024-01', 'querystring.from'],
    ])('answers 400 for ?%s naming %s', async (query, path) => {
      const customerId = await newCustomer();
      const res = await rm1.get(`/customers/${customerId}/monthly?${query}`);
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res)[0]).toBe(path);
    });

    it('answers 401 and 404 for another portfolio', async () => {
      const customerId = await newCustomer();
      expect((await ctx.anonymous.get(`/customers/${customerId}/monthly`)).statusCode).toBe(401);
      expect((await rm3.get(`/customers/${customerId}/monthly`)).statusCode).toBe(404);
      expect((await rm2.get(`/customers/${customerId}/monthly`)).statusCode).toBe(404);
      expect((await lead1.get(`/customers/${customerId}/monthly`)).statusCode).toBe(200);
    });
  });

  describe('GET /customers/:id/accounts/:accountId/monthly', () => {
    it('answers the account, masked, and its months ascending', async () => {
      const customerId = await newCustomer();
      const account = await addAccount(customerId, 'fixed_asset_loan', { rate: 0.042 }, [
        ['2025-12', 300, 3, 0],
        ['2025-10', 100, 1, 0],
        ['2025-11', 200, 2, 1],
      ]);
      const res = await rm1.get(`/customers/${customerId}/accounts/${account.id}/monthly`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.account).toMatchObject({
        id: account.id,
        product: 'fixed_asset_loan',
        rate: 0.042,
        latest: { month: '2025-12', avgBalance: 3 },
      });
      expect(body.account.accountNo).toMatch(/^6222\d\d\*+\d{4}$/);
      expect(res.body).not.toContain(account.accountNo);
      expect(body.items).toEqual([
        { month: '2025-10', avgBalance: 1, netInterestContribution: 0.01, feeIncome: 0 },
        { month: '2025-11', avgBalance: 2, netInterestContribution: 0.02, feeIncome: 0.01 },
        { month: '2025-12', avgBalance: 3, netInterestContribution: 0.03, feeIncome: 0 },
      ]);
      const last = (await rm1.get(`/customers/${customerId}/accounts/${account.id}/monthly?months=1`)).json();
      expect(last.items.map((m: { month: string }) => m.month)).toEqual(['2025-12']);
    });

    it('answers 404 for an account of another customer, another portfolio, or no such account', async () => {
      const customerId = await newCustomer();
      const otherCustomer = await newCustomer();
      const account = await addAccount(customerId, 'demand_deposit', {}, [['2025-12', 1, 1, 1]]);
      expect((await rm1.get(`/customers/${otherCustomer}/accounts/${account.id}/monthly`)).statusCode).toBe(
        404,
      );
      expect((await rm3.get(`/customers/${customerId}/accounts/${account.id}/monthly`)).statusCode).toBe(404);
      expect((await rm2.get(`/customers/${customerId}/accounts/${account.id}/monthly`)).statusCode).toBe(404);
      expect((await rm1.get(`/customers/${customerId}/accounts/99999999/monthly`)).statusCode).toBe(404);
      expect((await risk1.get(`/customers/${customerId}/accounts/${account.id}/monthly`)).statusCode).toBe(
        200,
      );
    });

    it('answers 400 naming the field and 401 anonymous', async () => {
      const customerId = await newCustomer();
      const account = await addAccount(customerId, 'demand_deposit');
      const bad = await rm1.get(`/customers/${customerId}/accounts/nope/monthly`);
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)[0]).toBe('params.accountId');
      const badQuery = await rm1.get(`/customers/${customerId}/accounts/${account.id}/monthly?months=-3`);
      expect(fieldPaths(badQuery)[0]).toBe('querystring.months');
      expect(
        (await ctx.anonymous.get(`/customers/${customerId}/accounts/${account.id}/monthly`)).statusCode,
      ).toBe(401);
    });
  });
});
