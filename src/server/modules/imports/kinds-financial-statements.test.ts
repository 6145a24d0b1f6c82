import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { makeResidentId, makeUscc } from '../../../domain/identity-numbers';
import { csv, readXlsx, upload, xlsx } from './test-helpers';

// The import kind `financial-statements` (DOMAIN §5, §6.1 EX3, §7.3): a corporate customer's annual
// figures by customer code and fiscal year, in yuan as bank files write them; a column left out keeps
// what is stored; unknown or individual customers are row errors; the same file twice changes nothing.

const HEADERS = [
  'customer_code',
  'fiscal_year',
  'current_assets',
  'current_liabilities',
  'total_assets',
  'total_liabilities',
  'owners_equity',
  'net_profit',
  'operating_cash_flow',
  'revenue',
];

let seq = 0;
const uscc = () => makeUscc(process.pid * 100 + 900_000 + ++seq);

const errorsOf = (res: { json(): { errors: { row: number; column: string }[] } }) =>
  res.json().errors.map((e) => [e.row, e.column]);

describe.each(dialects())('import kind financial-statements on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let rm1: Client;
  let lead1: Client;
  const ids: Record<string, number> = {};
  const importFile = (file: Buffer, name: string, mode = 'commit', caller: Client | null = admin) =>
    upload(ctx, caller, `/imports/financial-statements?mode=${mode}`, name, file);
  const statement = (code: string, year: number) =>
    ctx.deps.db
      .selectFrom('financial_statements')
      .selectAll()
      .where('customer_id', '=', ids[code]!)
      .where('fiscal_year', '=', year)
      .executeTakeFirst();
  const count = async () =>
    Number(
      (
        await ctx.deps.db
          .selectFrom('financial_statements')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [admin, rm1, lead1] = await ctx.loginAll('admin', 'rm1', 'lead1');
    const customers = csv([
      ['code', 'kind', 'name', 'id_number', 'owner'],
      ['FS1', 'corporate', '无锡精工机械有限公司', uscc(), 'rm1'],
      ['FS2', '对公客户', '常州新材料有限公司', uscc(), 'rm1'],
      ['C0001', 'corporate', '模板示例有限公司', uscc(), 'rm2'],
      ['FI1', 'individual', '王芳', makeResidentId(process.pid * 100 + 900_000 + ++seq), 'rm1'],
    ]);
    const res = await upload(ctx, admin, '/imports/customers?mode=commit', 'customers.csv', customers);
    expect(res.json(), res.body).toMatchObject({ inserted: 4 });
    for (const c of await ctx.deps.db.selectFrom('customers').select(['id', 'code']).execute())
      ids[c.code] = c.id;
  });
  afterAll(async () => ctx?.close());

  describe('validate and commit', () => {
    const file = csv([
      HEADERS,
      [
        'FS1',
        '2024',
        '52,000,000.00',
        '38,500,000.25',
        '120000000',
        '76000000',
        '44000000',
        '-3,600,000.99',
        '－１２５００',
        '98000000.01',
      ],
      [
        'FS1',
        'FY2023',
        '50000000',
        '36000000',
        '110000000',
        '70000000',
        '40000000',
        '2500000',
        '1000000',
        '95000000',
      ],
      ['FS2', '2022年', '', '', '5000000', '', '', '', '', ''],
    ]);

    it('validates without writing, then commits in fen, audited as one import', async () => {
      const validated = await importFile(file, 'statements.csv', 'validate');
      expect(validated.statusCode, validated.body).toBe(200);
      expect(validated.json()).toMatchObject({
        kind: 'financial-statements',
        status: 'succeeded',
        rows: 3,
        inserted: 3,
        errorCount: 0,
      });
      expect(await count()).toBe(0);

      const committed = await importFile(file, 'statements.csv');
      expect(committed.json(), committed.body).toMatchObject({
        status: 'succeeded',
        inserted: 3,
        updated: 0,
      });
      expect(await statement('FS1', 2024)).toMatchObject({
        current_assets: 5_200_000_000,
        current_liabilities: 3_850_000_025,
        total_assets: 12_000_000_000,
        net_profit: -360_000_099,
        operating_cash_flow: -1_250_000,
        revenue: 9_800_000_001,
        version: 1,
      });
      expect(await statement('FS2', 2022)).toMatchObject({
        total_assets: 500_000_000,
        revenue: null,
        owners_equity: null,
      });
      const audit = await ctx.deps.db
        .selectFrom('audit_log')
        .select('after_json')
        .where('action', '=', 'import')
        .where('entity_id', '=', String(committed.json().jobId))
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toMatchObject({ kind: 'financial-statements', inserted: 3 });

      // The owner reads them in the API, newest year first, in yuan.
      const res = await rm1.get(`/customers/${ids.FS1}/financial-statements`);
      expect(res.json().items.map((s: { fiscalYear: number }) => s.fiscalYear)).toEqual([2024, 2023]);
      expect(res.json().items[0]).toMatchObject({ netProfit: -3_600_000.99, operatingCashFlow: -12_500 });
    });

    it('changes nothing when the same file comes again', async () => {
      const again = await importFile(file, 'statements.csv');
      expect(again.json()).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 3 });
      expect((await statement('FS1', 2024))!.version).toBe(1);
    });

    it('updates only the columns of the file from XLSX with Chinese headers, and audits each change', async () => {
      const sheet = await xlsx([
        {
          name: '财务报表',
          rows: [
            ['客户号', '会计年度', '净利润', '资产总计', '营业收入'],
            ['FS1', 2024, 1_000_000, 120_000_000, null],
            ['FS2', 2023, 10.5, 6_000_000, 8_000_000],
          ],
        },
      ]);
      const res = await importFile(sheet, '财务报表.xlsx');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', updated: 1, inserted: 1 });
      expect(await statement('FS1', 2024)).toMatchObject({
        net_profit: 100_000_000,
        revenue: null, // an empty cell clears it
        current_assets: 5_200_000_000, // its column was not in the file
        version: 2,
      });
      expect(await statement('FS2', 2023)).toMatchObject({ net_profit: 1050, current_assets: null });
      const entry = await ctx.deps.db
        .selectFrom('audit_log')
        .select(['before_json', 'after_json', 'reason', 'customer_id'])
        .where('entity', '=', 'financial_statement')
        .where('action', '=', 'update')
        .executeTakeFirstOrThrow();
      expect(entry.customer_id).toBe(ids.FS1);
      expect(JSON.parse(entry.before_json!)).toEqual({
        fiscalYear: 2024,
        netProfit: -3_600_000.99,
        revenue: 98_000_000.01,
      });
      expect(JSON.parse(entry.after_json!)).toEqual({
        fiscalYear: 2024,
        netProfit: 1_000_000,
        revenue: null,
      });
      expect(entry.reason).toContain('财务报表.xlsx');
    });
  });

  describe('bad rows', () => {
    it('names the row and column of every problem and writes nothing', async () => {
      const nextYear = String(new Date().getUTCFullYear() + 2);
      const before = await count();
      const res = await importFile(
        csv([
          HEADERS,
          ['NOPE', '2024', '1', '1', '1', '1', '1', '1', '1', '1'],
          ['FI1', '2024', '1', '1', '1', '1', '1', '1', '1', '1'],
          ['FS1', nextYear, '1', '1', '1', '1', '1', '1', '1', '1'],
          ['FS1', 'last year', '1', '1', '1', '1', '1', '1', '1', '1'],
          ['FS1', '2020', '1.005', '1', 'lots', '1', '1', '1', '1', '1'],
          ['FS1', '', '1', '1', '1', '1', '1', '1', '1', '1'],
          ['FS2', '2019', '1', '1', '1', '1', '1', '1', '1', '1'],
          ['FS2', '2019', '2', '1', '1', '1', '1', '1', '1', '1'],
        ]),
        'bad.csv',
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'failed', inserted: 0, updated: 0 });
      expect(errorsOf(res)).toEqual([
        [1, 'customer_code'],
        [2, 'customer_code'],
        [3, 'fiscal_year'],
        [4, 'fiscal_year'],
        [5, 'current_assets'],
        [5, 'total_assets'],
        [6, 'fiscal_year'],
        [8, 'customer_code'],
      ]);
      const messages = res.json().errors.map((e: { message: string }) => e.message);
      expect(messages[0]).toContain('import customers first');
      expect(messages[1]).toContain('corporate customers only');
      expect(messages[2]).toContain('future');
      expect(await count()).toBe(before);
    });

    it('refuses a file without its key columns', async () => {
      const res = await importFile(
        csv([
          ['customer_code', 'revenue'],
          ['FS1', '1'],
        ]),
        'keyless.csv',
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('missing_columns');
      expect(res.json().error.fields).toEqual([
        { path: 'fiscal_year', message: 'required column is missing' },
      ]);
    });
  });

  describe('templates', () => {
    it.each([
      ['xlsx', 'zh-CN'],
      ['csv', 'en'],
    ])(
      'the %s template (%s) has the headers of its language and its example row is valid',
      async (format, lang) => {
        const res = await admin.get(`/imports/templates/financial-statements?format=${format}&lang=${lang}`);
        expect(res.statusCode, res.body).toBe(200);
        const header =
          format === 'csv'
            ? res.body
                .replace(/^\uFEFF/, '')
                .split('\r\n')[0]!
                .split(',')
            : ((await readXlsx(res.rawPayload))[0] as string[]);
        expect(header).toEqual(
          lang === 'en'
            ? HEADERS
            : [
                '客户号',
                '会计年度',
                '流动资产',
                '流动负债',
                '总资产',
                '总负债',
                '所有者权益',
                '净利润',
                '经营活动现金流量净额',
                '营业收入',
              ],
        );
        const back = await importFile(res.rawPayload, `template.${format}`, 'validate');
        expect(back.json(), back.body).toMatchObject({ status: 'succeeded', errorCount: 0, inserted: 1 });
      },
    );
  });

  describe('who may import', () => {
    it('answers 401 to anonymous callers and 403 to relationship managers and team leads', async () => {
      const file = csv([HEADERS, ['FS1', '2018', '1', '1', '1', '1', '1', '1', '1', '1']]);
      expect((await importFile(file, 'w.csv', 'commit', null)).statusCode).toBe(401);
      expect((await importFile(file, 'w.csv', 'commit', rm1)).statusCode).toBe(403);
      expect((await importFile(file, 'w.csv', 'commit', lead1)).statusCode).toBe(403);
      expect(await statement('FS1', 2018)).toBeUndefined();
    });

    it('lets an API key scoped to financial-statements import them', async () => {
      const key = await admin.post('/api-keys', {
        name: '财务报表',
        scopes: { read: false, imports: ['financial-statements'] },
      });
      expect(key.statusCode, key.body).toBe(201);
      const res = await upload(
        ctx,
        { bearer: key.json().key },
        '/imports/financial-statements?mode=commit',
        'fs.csv',
        csv([HEADERS, ['FS1', '2017', '1', '1', '1', '1', '1', '1', '1', '1']]),
      );
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 1 });
    });
  });
});
