import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { makeUscc } from '../../../domain/identity-numbers';
import { csv, upload, xlsx } from './test-helpers';

// Contacts, accounts and monthly figures (DOMAIN §7.3): each kind from CSV and XLSX, with its natural
// key, its references to what must already be stored, and idempotent repeats.

describe.each(dialects())('import kinds on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  const importFile = (kind: string, file: Buffer, name: string, mode = 'commit') =>
    upload(ctx, admin, `/imports/${kind}?mode=${mode}`, name, file);
  const customerId = async (code: string) =>
    (
      await ctx.deps.db
        .selectFrom('customers')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [admin] = await ctx.loginAll('admin');
    const base = process.pid * 100 + 700_000;
    const customers = csv([
      ['code', 'kind', 'name', 'id_number', 'owner'],
      ['KC1', 'corporate', '上海联系有限公司', makeUscc(base + 1), 'rm1'],
      ['KC2', 'corporate', '苏州账户有限公司', makeUscc(base + 2), 'rm2'],
    ]);
    const res = await importFile('customers', customers, 'customers.csv');
    expect(res.json(), res.body).toMatchObject({ inserted: 2 });
  });
  afterAll(async () => ctx?.close());

  describe('contacts', () => {
    const contacts = (customer: string) =>
      ctx.deps.db
        .selectFrom('contacts')
        .innerJoin('customers', 'customers.id', 'contacts.customer_id')
        .selectAll('contacts')
        .where('customers.code', '=', customer)
        .orderBy('contacts.id')
        .execute();

    it('adds contacts from CSV keyed by customer, name and role, and changes nothing the second time', async () => {
      const file = csv([
        ['customer_code', 'name', 'role', 'title', 'phone', 'birthday'],
        ['KC1', '王芳', 'finance_head', '财务总监', '139 1234 5678', '1980-05-20'],
        ['KC1', '王芳', 'decision_maker', '董事', '', ''],
        ['KC1', '李强', '法定代表人', '董事长', '', '1975/3/8'],
      ]);
      expect((await importFile('contacts', file, 'contacts.csv')).json()).toMatchObject({
        status: 'succeeded',
        inserted: 3,
      });
      const stored = await contacts('KC1');
      expect(stored.map((c) => [c.name, c.role, c.phone, c.birthday])).toEqual([
        ['王芳', 'finance_head', '13912345678', '1980-05-20'],
        ['王芳', 'decision_maker', null, null],
        ['李强', 'legal_representative', null, '1975-03-08'],
      ]);
      const again = await importFile('contacts', file, 'contacts.csv');
      expect(again.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    });

    it('updates a contact from XLSX with Chinese headers, auditing the change', async () => {
      const file = await xlsx([
        {
          name: '联系人',
          rows: [
            ['客户号', '姓名', '角色', '职务', '生日'],
            ['KC1', '王芳', '财务负责人', '首席财务官', new Date(Date.UTC(1980, 4, 20))],
          ],
        },
      ]);
      const res = await importFile('contacts', file, '联系人.xlsx');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', updated: 1, inserted: 0 });
      const [wang] = await contacts('KC1');
      expect(wang).toMatchObject({ title: '首席财务官', version: 2, phone: '13912345678' });
      const audit = await ctx.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity', '=', 'contact')
        .where('entity_id', '=', String(wang!.id))
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toEqual({ title: '首席财务官' });
    });

    it('refuses a contact of a customer that is not stored, and a bad role', async () => {
      const file = csv([
        ['customer_code', 'name', 'role'],
        ['NOPE', '赵六', 'finance_head'],
        ['KC1', '钱七', 'boss'],
      ]);
      const res = await importFile('contacts', file, 'bad.csv');
      expect(res.json()).toMatchObject({ status: 'failed', errorCount: 2 });
      expect(res.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
        [1, 'customer_code'],
        [2, 'role'],
      ]);
      expect(res.json().errors[0].message).toContain('import customers first');
    });
  });

  describe('accounts', () => {
    const account = (no: string) =>
      ctx.deps.db.selectFrom('accounts').selectAll().where('account_no', '=', no).executeTakeFirst();

    it('adds accounts from CSV by account number, rates as fractions or percentages', async () => {
      const file = csv([
        ['account_no', 'customer_code', 'product', 'currency', 'opened_on', 'closed_on', 'rate'],
        ['6222 0210 0101 2345 678', 'KC2', 'demand_deposit', '', '2021-03-15', '', '0.35%'],
        ['310115100000000001', 'KC2', '流动资金贷款', '人民币', '2022-01-10', '2024-01-10', '0.0435'],
      ]);
      const res = await importFile('accounts', file, 'accounts.csv');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 2 });
      expect(await account('6222021001012345678')).toMatchObject({
        customer_id: await customerId('KC2'),
        product: 'demand_deposit',
        currency: 'CNY',
        rate: 0.0035,
        closed_on: null,
      });
      expect(await account('310115100000000001')).toMatchObject({
        product: 'working_capital_loan',
        rate: 0.0435,
        closed_on: '2024-01-10',
      });
      expect((await importFile('accounts', file, 'accounts.csv')).json()).toMatchObject({ unchanged: 2 });
    });

    it('reads XLSX, updates what changed, and refuses numbers Excel has rounded', async () => {
      const file = await xlsx([
        {
          name: '账户',
          rows: [
            ['账号', '客户号', '产品', '开户日期', '销户日期'],
            [
              '6222021001012345678',
              'KC2',
              '活期存款',
              new Date(Date.UTC(2021, 2, 15)),
              new Date(Date.UTC(2025, 0, 31)),
            ],
            [Number('6222021001012345999'), 'KC2', '活期存款', 44270, null], // Excel keeps 15 digits
          ],
        },
      ]);
      const res = await importFile('accounts', file, '账户.xlsx');
      expect(res.json()).toMatchObject({ status: 'failed', errorCount: 1 });
      expect(res.json().errors[0]).toMatchObject({
        row: 2,
        column: '账号',
        message: expect.stringContaining('lost'),
      });
      const fixed = await xlsx([
        {
          name: '账户',
          rows: [
            ['账号', '客户号', '产品', '开户日期', '销户日期'],
            [
              '6222021001012345678',
              'KC2',
              '活期存款',
              new Date(Date.UTC(2021, 2, 15)),
              new Date(Date.UTC(2025, 0, 31)),
            ],
          ],
        },
      ]);
      expect((await importFile('accounts', fixed, '账户.xlsx')).json()).toMatchObject({ updated: 1 });
      expect(await account('6222021001012345678')).toMatchObject({ closed_on: '2025-01-31', rate: 0.0035 });
    });

    it('refuses a missing customer, a closing before the opening and an account twice in a file', async () => {
      const file = csv([
        ['account_no', 'customer_code', 'product', 'opened_on', 'closed_on'],
        ['6222000000000000001', 'GHOST', 'time_deposit', '2021-03-15', ''],
        ['6222000000000000002', 'KC2', 'time_deposit', '2021-03-15', '2020-01-01'],
        ['6222000000000000003', 'KC2', 'time_deposit', '2021-03-15', ''],
        ['6222000000000000003', 'KC2', 'time_deposit', '2021-03-16', ''],
      ]);
      const res = await importFile('accounts', file, 'bad.csv', 'validate');
      expect(res.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
        [1, 'customer_code'],
        [2, 'closed_on'],
        [4, 'account_no'],
      ]);
      expect(await account('6222000000000000003')).toBeUndefined();
    });
  });

  describe('account-monthly', () => {
    const month = async (no: string, m: string) =>
      ctx.deps.db
        .selectFrom('account_monthly')
        .innerJoin('accounts', 'accounts.id', 'account_monthly.account_id')
        .select(['avg_balance', 'net_interest_contribution', 'fee_income'])
        .where('accounts.account_no', '=', no)
        .where('month', '=', m)
        .executeTakeFirst();

    it('adds months from CSV, with negative net interest contributions', async () => {
      const file = csv([
        ['account_no', 'month', 'avg_balance', 'net_interest_contribution', 'fee_income'],
        ['6222021001012345678', '2024-01', '1,250,000.00', '3,125.50', '0'],
        ['310115100000000001', '2024/2', '5000000', '-1,200.25', ''],
        ['310115100000000001', '2024年3月', '5000000', '-１００', '12.5'],
      ]);
      const res = await importFile('account-monthly', file, 'monthly.csv');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 3 });
      expect(await month('6222021001012345678', '2024-01')).toEqual({
        avg_balance: 125_000_000,
        net_interest_contribution: 312_550,
        fee_income: 0,
      });
      expect(await month('310115100000000001', '2024-02')).toMatchObject({
        net_interest_contribution: -120_025,
      });
      expect(await month('310115100000000001', '2024-03')).toMatchObject({
        net_interest_contribution: -10_000,
        fee_income: 1250,
      });
      expect((await importFile('account-monthly', file, 'monthly.csv')).json()).toMatchObject({
        unchanged: 3,
      });
    });

    it('reads months Excel turned into dates or numbers, and updates a changed figure', async () => {
      const file = await xlsx([
        {
          name: '月度',
          rows: [
            ['账号', '月份', '日均余额', '利息净贡献', '中间业务收入'],
            ['6222021001012345678', new Date(Date.UTC(2024, 0, 1)), 1_300_000, 3125.5, 0],
            ['6222021001012345678', 202404, 10, 0, 0],
          ],
        },
      ]);
      const res = await importFile('account-monthly', file, 'monthly.xlsx');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', updated: 1, inserted: 1 });
      expect(await month('6222021001012345678', '2024-01')).toMatchObject({ avg_balance: 130_000_000 });
      expect(await month('6222021001012345678', '2024-04')).toMatchObject({ avg_balance: 1000 });
    });

    it('refuses an unknown account, a month twice, a future month and a negative balance', async () => {
      const file = csv([
        ['account_no', 'month', 'avg_balance'],
        ['9999999999', '2024-01', '1'],
        ['6222021001012345678', '2024-05', '1'],
        ['6222021001012345678', '2024-05', '2'],
        ['6222021001012345678', '2999-01', '1'],
        ['6222021001012345678', '2024-06', '-5'],
      ]);
      const res = await importFile('account-monthly', file, 'bad.csv');
      expect(res.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
        [1, 'account_no'],
        [3, 'account_no'],
        [4, 'month'],
        [5, 'avg_balance'],
      ]);
      expect(await month('6222021001012345678', '2024-05')).toBeUndefined();
    });
  });
  describe('interactions', () => {
    const records = () =>
      ctx.deps.db
        .selectFrom('interactions')
        .selectAll()
        .where('ref', 'like', 'IX-%')
        .orderBy('ref')
        .execute();

    it('adds contact records keyed by the bank’s reference, in the bank’s time, and changes nothing the second time', async () => {
      await admin.post(`/customers/${await customerId('KC2')}/contacts`, {
        name: '周会计',
        role: 'operator',
      });
      const file = csv([
        [
          'ref',
          'customer_code',
          'contact_name',
          'channel',
          'direction',
          'occurred_at',
          'summary',
          'maintenance_form',
          'recorded_by',
        ],
        [
          'IX-1',
          'KC2',
          '周会计',
          '电话',
          '客户发起',
          '2026-01-05 09:30',
          '咨询定期存款利率',
          '功能维护',
          'rm2',
        ],
        ['IX-2', 'KC2', '', 'wechat', '', '2026/1/6 20:15', '节日问候', 'psychological', 'rm2'],
      ]);
      const res = await importFile('interactions', file, 'interactions.csv');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 2 });
      const stored = await records();
      expect(
        stored.map((r) => [
          r.ref,
          r.channel,
          r.direction,
          r.occurred_at,
          r.maintenance_form,
          r.contact_id !== null,
        ]),
      ).toEqual([
        ['IX-1', 'phone', 'inbound', '2026-01-05T01:30:00.000Z', 'functional', true],
        ['IX-2', 'wechat', 'outbound', '2026-01-06T12:15:00.000Z', 'psychological', false],
      ]);
      expect(stored[0]!.recorded_by).toBe(ctx.users.rm2);
      const again = await importFile('interactions', file, 'interactions.csv');
      expect(again.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
      const changed = csv([
        ['ref', 'customer_code', 'channel', 'occurred_at', 'summary', 'recorded_by'],
        ['IX-2', 'KC2', 'wechat', '2026/1/6 20:15', '节日问候，客户回复感谢', 'rm2'],
      ]);
      expect((await importFile('interactions', changed, 'fix.csv')).json()).toMatchObject({ updated: 1 });
      const audit = await ctx.deps.db
        .selectFrom('audit_log')
        .select(['after_json', 'reason'])
        .where('entity', '=', 'interaction')
        .where('entity_id', '=', String(stored[1]!.id))
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.after_json!)).toEqual({ summary: '节日问候，客户回复感谢' });
    });

    it('refuses unknown customers, contacts of another customer, recorders who are not RMs and future times', async () => {
      const file = csv([
        ['ref', 'customer_code', 'contact_name', 'channel', 'occurred_at', 'summary', 'recorded_by'],
        ['IX-10', 'NOPE', '', 'phone', '2026-01-05 09:30', 'x', 'rm1'],
        ['IX-11', 'KC1', '周会计', 'phone', '2026-01-05 09:30', 'x', 'rm1'],
        ['IX-12', 'KC1', '', 'phone', '2026-01-05 09:30', 'x', 'risk1'],
        ['IX-13', 'KC1', '', 'phone', '2026-01-05 09:30', 'x', 'ghost'],
        ['IX-14', 'KC1', '', 'pigeon', 'last week', 'x', 'rm1'],
      ]);
      const res = await importFile('interactions', file, 'bad.csv');
      expect(res.json()).toMatchObject({ status: 'failed', inserted: 0 });
      expect(res.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
        [1, 'customer_code'],
        [2, 'contact_name'],
        [3, 'recorded_by'],
        [4, 'recorded_by'],
        [5, 'channel'],
        [5, 'occurred_at'],
      ]);
      expect((await records()).map((r) => r.ref)).not.toContain('IX-10');
    });
  });
});
