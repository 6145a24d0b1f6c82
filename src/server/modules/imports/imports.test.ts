import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { makeResidentId, makeUscc, usccCheckCharacter } from '../../../domain/identity-numbers';
import { buildApp } from '../../app';
import { csv, get, readXlsx, upload, xlsx } from './test-helpers';

// The import framework on customers files (issue #4 parts 1–4): formats, encodings, headers, every
// bad input of the issue, all-or-nothing commits, idempotent repeats, audit, jobs, access.

const HEADERS = ['code', 'kind', 'name', 'id_number', 'tier', 'owner', 'annual_revenue', 'established_on'];
let seq = 0;
const uscc = () => makeUscc(process.pid * 1000 + 500_000 + ++seq);

/** A valid customers row in the order of HEADERS. */
function row(code: string, over: Partial<Record<(typeof HEADERS)[number], unknown>> = {}): unknown[] {
  const base: Record<string, unknown> = {
    code,
    kind: 'corporate',
    name: `${code}贸易有限公司`,
    id_number: uscc(),
    tier: 'ordinary',
    owner: 'rm1',
    annual_revenue: '1000000.50',
    established_on: '2015-06-18',
    ...over,
  };
  return HEADERS.map((h) => base[h]);
}

const withWrongCheck = (id: string) => {
  const right = usccCheckCharacter(id.slice(0, 17));
  return id.slice(0, 17) + (right === '1' ? '2' : '1');
};

describe.each(dialects())('imports on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let rm1: Client;

  const count = async (table: 'customers' | 'audit_log' | 'import_jobs', where?: [string, string]) => {
    let q = ctx.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (where) q = q.where(where[0] as never, '=', where[1] as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const customer = (code: string) =>
    ctx.deps.db.selectFrom('customers').selectAll().where('code', '=', code).executeTakeFirst();
  const importFile = (file: Buffer, name: string, query = 'mode=commit', kind = 'customers') =>
    upload(ctx, admin, `/imports/${kind}?${query}`, name, file);

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [admin, rm1] = await ctx.loginAll('admin', 'rm1');
  });
  afterAll(async () => ctx?.close());

  describe('validate and commit', () => {
    it('validates without writing, then commits, from CSV', async () => {
      const file = csv([HEADERS, row('V1'), row('V2'), row('V3')]);
      const before = await count('customers');
      const validated = await importFile(file, 'customers.csv', 'mode=validate');
      expect(validated.statusCode, validated.body).toBe(200);
      expect(validated.json()).toMatchObject({
        kind: 'customers',
        mode: 'validate',
        status: 'succeeded',
        fileName: 'customers.csv',
        rows: 3,
        inserted: 3,
        updated: 0,
        unchanged: 0,
        errorCount: 0,
        errors: [],
      });
      expect(await count('customers')).toBe(before);

      const committed = await importFile(file, 'customers.csv');
      expect(committed.statusCode, committed.body).toBe(200);
      expect(committed.json()).toMatchObject({ mode: 'commit', status: 'succeeded', rows: 3, inserted: 3 });
      const v1 = await customer('V1');
      expect(v1).toMatchObject({
        kind: 'corporate',
        name: 'V1贸易有限公司',
        tier: 'ordinary',
        owner_id: ctx.users.rm1,
        annual_revenue: 100000050,
        established_on: '2015-06-18',
        lifecycle_stage: 'potential',
        version: 1,
      });
      // The name index is kept in step: the list's search finds the imported name by a fragment.
      const found = (await admin.get(`/customers?q=${encodeURIComponent('V1贸易')}`)).json();
      expect(found.items.map((c: { code: string }) => c.code)).toEqual(['V1']);
      const history = await ctx.deps.db
        .selectFrom('lifecycle_history')
        .select('stage')
        .where('customer_id', '=', v1!.id)
        .execute();
      expect(history).toEqual([{ stage: 'potential' }]);
      const job = (await admin.get(`/imports/${committed.json().jobId}`)).json();
      expect(job).toMatchObject({
        status: 'succeeded',
        fileHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        rows: 3,
        processed: 3,
        inserted: 3,
        createdBy: 'admin',
        finishedAt: expect.any(String),
      });
      const audit = await ctx.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'import')
        .where('entity_id', '=', String(job.jobId))
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({
        kind: 'customers',
        fileName: 'customers.csv',
        fileHash: job.fileHash,
        inserted: 3,
      });
    });

    it('commits from XLSX the same way', async () => {
      const file = await xlsx([{ name: '客户', rows: [HEADERS, row('X1'), row('X2')] }]);
      const res = await importFile(file, 'customers.xlsx');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'succeeded', rows: 2, inserted: 2 });
      expect(await customer('X2')).toMatchObject({ owner_id: ctx.users.rm1, annual_revenue: 100000050 });
    });

    it('writes nothing when one row is bad, and lists the problem by row and column', async () => {
      const bad = uscc();
      const file = csv([
        HEADERS,
        row('A1'),
        row('A2'),
        row('A3', { id_number: withWrongCheck(bad) }),
        row('A4'),
      ]);
      const before = await count('customers');
      const res = await importFile(file, 'bad.csv');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'failed', rows: 4, inserted: 0, errorCount: 1 });
      expect(res.json().errors).toEqual([
        { row: 3, column: 'id_number', message: expect.stringContaining('check character') },
      ]);
      expect(await count('customers')).toBe(before);
      expect(await customer('A1')).toBeUndefined();
      const job = (await admin.get(`/imports/${res.json().jobId}`)).json();
      expect(job).toMatchObject({
        status: 'failed',
        errorCount: 1,
        message: expect.stringContaining('nothing'),
      });
    });

    it('changes nothing when the same file comes again: no versions, no audit entries', async () => {
      const file = csv([HEADERS, row('R1'), row('R2'), row('R3')]);
      expect((await importFile(file, 'same.csv')).json()).toMatchObject({ inserted: 3 });
      const audit = await count('audit_log');
      const again = await importFile(file, 'same.csv');
      expect(again.json()).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 3 });
      expect(await count('audit_log')).toBe(audit);
      expect((await customer('R1'))!.version).toBe(1);
      const xlsxAgain = await importFile(
        await xlsx([{ name: 's', rows: [HEADERS, ...(await rowsOf(file))] }]),
        'same.xlsx',
      );
      expect(xlsxAgain.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    });

    it('updates the one field that changed, bumps the version and audits before and after', async () => {
      const r = row('U1');
      expect((await importFile(csv([HEADERS, r]), 'u.csv')).json()).toMatchObject({ inserted: 1 });
      const changed = [...r];
      changed[HEADERS.indexOf('tier')] = 'high_end';
      const res = await importFile(csv([HEADERS, changed, row('U2')]), 'u2.csv');
      expect(res.json()).toMatchObject({ status: 'succeeded', inserted: 1, updated: 1, unchanged: 0 });
      const u1 = await customer('U1');
      expect(u1).toMatchObject({ tier: 'high_end', version: 2 });
      const entries = await ctx.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity', '=', 'customer')
        .where('entity_id', '=', String(u1!.id))
        .execute();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'update', actor_username: 'admin' });
      expect(JSON.parse(entries[0]!.before_json!)).toEqual({ tier: 'ordinary' });
      expect(JSON.parse(entries[0]!.after_json!)).toEqual({ tier: 'high_end' });
      expect(entries[0]!.reason).toContain('u2.csv');
    });

    it('leaves a field alone when its column is absent, and clears it when its cell is empty', async () => {
      expect((await importFile(csv([HEADERS, row('E1')]), 'e.csv')).json()).toMatchObject({ inserted: 1 });
      const id = (await customer('E1'))!.id_number;
      const narrow = csv([
        ['code', 'kind', 'name', 'id_number'],
        ['E1', 'corporate', 'E1贸易有限公司', id],
      ]);
      expect((await importFile(narrow, 'narrow.csv')).json()).toMatchObject({ unchanged: 1 });
      const cleared = csv([
        ['code', 'kind', 'name', 'id_number', 'owner', 'annual_revenue'],
        ['E1', 'corporate', 'E1贸易有限公司', id, '', ''],
      ]);
      expect((await importFile(cleared, 'cleared.csv')).json()).toMatchObject({ updated: 1 });
      expect(await customer('E1')).toMatchObject({ owner_id: null, annual_revenue: null, tier: 'ordinary' });
    });

    it('reports every problem: keys and ID numbers repeated in the file, unknown owners, kinds that change', async () => {
      expect((await importFile(csv([HEADERS, row('K1')]), 'k.csv')).json()).toMatchObject({ inserted: 1 });
      const shared = uscc();
      const file = csv([
        HEADERS,
        row('D1', { id_number: shared }),
        row('D1'),
        row('D2', { id_number: shared }),
        row('D3', { owner: 'nobody' }),
        row('D4', { owner: 'risk1' }),
        row('K1', { kind: 'individual', id_number: makeResidentId(process.pid * 10 + 1) }),
        row('D5', { tier: 'gold', established_on: '2099-01-01' }),
      ]);
      const res = await importFile(file, 'problems.csv', 'mode=validate');
      expect(res.json()).toMatchObject({ status: 'failed', rows: 7, errorCount: 7 });
      const errors = res.json().errors as { row: number; column: string; message: string }[];
      expect(errors.map((e) => [e.row, e.column])).toEqual([
        [2, 'code'],
        [3, 'id_number'],
        [4, 'owner'],
        [5, 'owner'],
        [6, 'kind'],
        [7, 'tier'],
        [7, 'established_on'],
      ]);
      expect(errors[0]!.message).toContain('repeats row 1');
      expect(errors[2]!.message).toContain('nobody');
      expect(errors[3]!.message).toContain('active relationship manager');
    });

    it('refuses an ID number that belongs to another stored customer', async () => {
      const taken = (await customer('K1'))!.id_number;
      const res = await importFile(csv([HEADERS, row('T1', { id_number: taken })]), 't.csv');
      expect(res.json().errors).toEqual([
        { row: 1, column: 'id_number', message: 'already belongs to customer K1' },
      ]);
    });
  });

  describe('what spreadsheets write', () => {
    it('reads GB18030 CSV with Chinese headers and Chinese labels', async () => {
      const file = csv(
        [
          ['客户号', '客户类型', '客户名称', '证件号码', '客户层级', '需求标签', '外贸企业', '客户经理'],
          ['G1', '对公客户', '广州国标贸易有限公司', uscc(), '高端客户', '存款类;外币业务', '是', 'rm1'],
        ],
        { encoding: 'gb18030' },
      );
      const res = await importFile(file, '客户.csv');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 1 });
      expect(await customer('G1')).toMatchObject({
        name: '广州国标贸易有限公司',
        tier: 'high_end',
        need_mask: 0b1001,
        foreign_trade: 1,
      });
    });

    it('reads a GB18030 file as Chinese Excel saves it (fixture made with iconv)', async () => {
      const file = fs.readFileSync(
        new URL('../../../../tests/fixtures/imports/customers-gb18030.csv', import.meta.url),
      );
      const res = await importFile(file, '客户导入.csv');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 2 });
      expect(await customer('GB001')).toMatchObject({
        name: '杭州西湖龙井茶业有限公司',
        industry: 'C15',
        size: 'medium',
        tier: 'high_end',
        need_mask: 0b0011,
        credit_grade: 'AA',
        loan_class: 'normal',
        phone: '057187654321',
        annual_revenue: 1_234_567_890,
        established_on: '2003-04-01',
        owner_id: ctx.users.rm1,
      });
      expect(await customer('GB002')).toMatchObject({
        kind: 'individual',
        name: '欧阳娜娜',
        owner_id: ctx.users.rm2,
      });
    });

    it('reads UTF-8 with a BOM, headers in any case', async () => {
      const file = csv(
        [
          ['Code', 'KIND', 'Name', 'ID_Number'],
          ['B1', 'individual', '王芳', makeResidentId(process.pid * 10 + 2)],
        ],
        {
          bom: true,
        },
      );
      const res = await importFile(file, 'bom.csv');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 1 });
      expect((await customer('B1'))!.name).toBe('王芳');
    });

    it('normalises thousands separators, full-width digits, Excel serial dates and Chinese dates', async () => {
      const file = csv([
        HEADERS,
        row('N1', { annual_revenue: '1,234,567.89', established_on: '43831' }),
        row('N2', { annual_revenue: '１２３', established_on: '2019年3月5日' }),
      ]);
      const res = await importFile(file, 'n.csv');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 2 });
      expect(await customer('N1')).toMatchObject({ annual_revenue: 123456789, established_on: '2020-01-01' });
      expect(await customer('N2')).toMatchObject({ annual_revenue: 12300, established_on: '2019-03-05' });
    });

    it('reads XLSX formulas by their result, date cells and serial numbers as dates', async () => {
      const file = await xlsx([
        {
          name: 'data',
          rows: [
            HEADERS,
            row('F1', {
              name: { formula: 'CONCATENATE("公式","有限公司")', result: '公式有限公司' },
              annual_revenue: { formula: '1000*2.5', result: 2500 },
              established_on: new Date(Date.UTC(2018, 4, 9)),
            }),
            row('F2', { annual_revenue: 1234567.89, established_on: 43831 }),
          ],
          formats: { H2: 'yyyy-mm-dd' },
        },
      ]);
      const res = await importFile(file, 'f.xlsx');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 2 });
      expect(await customer('F1')).toMatchObject({
        name: '公式有限公司',
        annual_revenue: 250000,
        established_on: '2018-05-09',
      });
      expect(await customer('F2')).toMatchObject({ annual_revenue: 123456789, established_on: '2020-01-01' });
    });

    it('leaves no temp files behind, however the reading of a workbook ends', async () => {
      const mine = () =>
        fs
          .readdirSync(os.tmpdir())
          .filter((f) => f.startsWith(`tmp-${process.pid}-`) || f.startsWith('rmw-import-'));
      const before = mine().length;
      const sheets = [
        { name: 'notes', rows: [['x']] },
        {
          name: 'data',
          rows: [
            [...HEADERS, 'bogus'],
            [...row('TMP1'), 'x'],
          ],
        },
        { name: 'more', rows: [['y']] },
      ];
      expect((await importFile(await xlsx(sheets), 't.xlsx', 'mode=validate&sheet=data')).statusCode).toBe(
        400,
      );
      sheets[1]!.rows = [HEADERS, row('TMP1')];
      expect((await importFile(await xlsx(sheets), 't.xlsx', 'sheet=data')).json()).toMatchObject({
        inserted: 1,
      });
      expect(mine().length).toBeLessThanOrEqual(before);
    });

    it('reads the first visible sheet, or the one ?sheet= names or numbers', async () => {
      const file = await xlsx([
        { name: '说明', rows: [['请在第二个工作表填写客户']] },
        { name: '客户', rows: [HEADERS, row('S1')] },
      ]);
      const first = await importFile(file, 's.xlsx', 'mode=validate');
      expect(first.statusCode).toBe(400);
      expect(first.json().error.code).toBe('unknown_columns');
      const byName = await importFile(file, 's.xlsx', `mode=validate&sheet=${encodeURIComponent('客户')}`);
      expect(byName.json()).toMatchObject({ status: 'succeeded', rows: 1 });
      const byIndex = await importFile(file, 's.xlsx', 'mode=validate&sheet=2');
      expect(byIndex.json()).toMatchObject({ status: 'succeeded', rows: 1 });
      const unknown = await importFile(file, 's.xlsx', 'mode=validate&sheet=Sheet9');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error).toMatchObject({ code: 'unknown_sheet' });
      expect(unknown.json().error.message).toContain('1. 说明, 2. 客户');
      const hidden = await xlsx([
        { name: 'hidden', rows: [['x']], state: 'hidden' },
        { name: 'shown', rows: [HEADERS, row('S2')] },
      ]);
      expect((await importFile(hidden, 'h.xlsx', 'mode=validate')).json()).toMatchObject({ rows: 1 });
    });
  });

  describe('bad files', () => {
    const refused = async (file: Buffer, name: string, code: string, text?: string) => {
      const res = await importFile(file, name);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe(code);
      if (text) expect(res.json().error.message).toContain(text);
      return res;
    };

    it('refuses a missing required column, naming it', async () => {
      await refused(
        csv([
          ['code', 'kind', 'name'],
          ['M1', 'corporate', 'x'],
        ]),
        'm.csv',
        'missing_columns',
        'id_number (证件号码)',
      );
    });

    it('refuses an unknown column rather than dropping its data', async () => {
      const res = await refused(
        csv([
          [...HEADERS, 'nmae'],
          [...row('M2'), 'x'],
        ]),
        'm.csv',
        'unknown_columns',
        '“nmae”',
      );
      expect(res.json().error.fields).toEqual([{ path: 'nmae', message: 'unknown column' }]);
      expect(await customer('M2')).toBeUndefined();
      // A misspelt required header is both: one answer names the two.
      const misspelt = HEADERS.map((h) => (h === 'name' ? 'nmae' : h));
      const both = await refused(csv([misspelt, row('M3')]), 'm.csv', 'unknown_columns', '“nmae”');
      expect(both.json().error.message).toContain('missing required column name (客户名称)');
    });

    it('refuses an empty file, a file of blank lines and a header without rows', async () => {
      await refused(Buffer.alloc(0), 'empty.csv', 'empty_file');
      await refused(Buffer.from('\r\n\r\n'), 'blank.csv', 'empty_file');
      await refused(csv([HEADERS]), 'header.csv', 'empty_file', 'no data rows');
      await refused(await xlsx([{ name: 'a', rows: [HEADERS] }]), 'header.xlsx', 'empty_file');
    });

    it('refuses text that is neither UTF-8 nor GB18030, and UTF-16', async () => {
      await refused(
        Buffer.concat([Buffer.from('code,kind\r\n'), Buffer.from([0xff, 0xff, 0x41, 0xff])]),
        'x.csv',
        'encoding',
        'encoding',
      );
      await refused(Buffer.from('\uFEFFcode,kind\r\n', 'utf16le'), 'x.csv', 'encoding', 'UTF-16');
    });

    it('refuses a CSV whose quotes never close', async () => {
      await refused(
        Buffer.from(`${HEADERS.join(',')}\r\nQ1,corporate,"unclosed,x\r\n`),
        'q.csv',
        'malformed_file',
        'line',
      );
    });

    it('refuses what is not CSV or XLSX', async () => {
      await refused(Buffer.from('code'), 'x.pdf', 'unsupported_file');
      await refused(Buffer.from('code,kind'), 'x.xlsx', 'unsupported_file');
      await refused(
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
        'x.xls',
        'unsupported_file',
        '.xls',
      );
    });

    it('answers 415 to a body that is not multipart', async () => {
      const res = await admin.post('/imports/customers?mode=validate', { file: 'x' });
      expect(res.statusCode).toBe(415);
    });

    it('refuses an upload over the limit with 413, with or without a declared length', async () => {
      const small = await buildApp(ctx.deps, { imports: { maxFileBytes: 1024 } });
      try {
        const big = csv([HEADERS, ...Array.from({ length: 2000 }, (_, i) => row(`Z${i}`))]);
        const declared = await upload(ctx, admin, '/imports/customers?mode=commit', 'big.csv', big, small);
        expect(declared.statusCode).toBe(413);
        expect(declared.json().error).toMatchObject({ code: 'file_too_large' });
        expect(declared.json().error.message).toContain('1024 bytes');
        const streamed = await upload(
          ctx,
          admin,
          '/imports/customers?mode=commit',
          'big.csv',
          big.subarray(0, 4000),
          small,
        );
        expect(streamed.statusCode).toBe(413);
      } finally {
        await small.close();
      }
      expect(await customer('Z1')).toBeUndefined();
    });
  });

  describe('jobs and reports', () => {
    it('keeps the bad rows for an error report with an error column', async () => {
      const bad = withWrongCheck(uscc());
      const file = await xlsx([
        {
          name: 'c',
          rows: [
            HEADERS,
            row('P1'),
            row('P2', { id_number: bad }),
            row('P3', { tier: 'gold', established_on: 'soon' }),
          ],
        },
      ]);
      const res = await importFile(file, 'p.xlsx');
      expect(res.json(), res.body).toMatchObject({ status: 'failed', errorCount: 3 });
      const report = await admin.get(`/imports/${res.json().jobId}/error-report`);
      expect(report.statusCode).toBe(200);
      expect(report.headers['content-type']).toContain('spreadsheetml');
      const rows = await readXlsx(report.rawPayload);
      expect(rows[0]).toEqual([...HEADERS, '错误']);
      expect(rows).toHaveLength(3);
      expect(rows[1]!.slice(0, 4)).toEqual(['P2', 'corporate', 'P2贸易有限公司', bad]);
      expect(String(rows[1]![HEADERS.length])).toContain(
        'id_number: unified social credit code check character',
      );
      expect(rows[2]![0]).toBe('P3');
      expect(String(rows[2]![HEADERS.length])).toMatch(/^tier: .+; established_on: .+$/);
      // The fixed report comes back in: its error column is ignored.
      const fixed = await xlsx([
        {
          name: 'c',
          rows: [
            [...HEADERS, '错误'],
            [...row('P4'), 'was wrong'],
          ],
        },
      ]);
      expect((await importFile(fixed, 'fixed.xlsx', 'mode=validate')).json()).toMatchObject({
        status: 'succeeded',
      });
    });

    it('counts every problem but lists the first 1,000, in row order', async () => {
      const rows: unknown[][] = [HEADERS];
      for (let i = 0; i < 1_500; i++) {
        // Problems found by reference checks (batched) and in cells (at once) interleave.
        rows.push(i % 5 === 0 ? row(`CAP${i}`, { tier: 'gold' }) : row(`CAP${i}`, { owner: 'ghost' }));
      }
      const res = await importFile(csv(rows), 'cap.csv', 'mode=validate');
      expect(res.json()).toMatchObject({ status: 'failed', rows: 1_500, errorCount: 1_500 });
      const errors = res.json().errors as { row: number; column: string }[];
      expect(errors).toHaveLength(1_000);
      expect(errors.map((e) => e.row)).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
      expect(errors[0]!.column).toBe('tier');
      expect(errors[1]!.column).toBe('owner');
      const job = (await admin.get(`/imports/${res.json().jobId}`)).json();
      expect(job).toMatchObject({ errorCount: 1_500 });
      expect(job.errors).toHaveLength(1_000);
    });

    it('lists jobs newest first, without their errors', async () => {
      const res = await admin.get('/imports?page=1&pageSize=5');
      expect(res.statusCode).toBe(200);
      const { items, total } = res.json();
      expect(total).toBeGreaterThan(5);
      expect(items).toHaveLength(5);
      expect(items[0].jobId).toBeGreaterThan(items[1].jobId);
      expect(items[0]).not.toHaveProperty('errors');
      expect((await admin.get('/imports/999999')).statusCode).toBe(404);
    });

    it('runs a file over 5 MiB in the background: 202, then a job whose progress reaches succeeded', async () => {
      const rows: unknown[][] = [HEADERS];
      const filler = '有限公司'.repeat(8);
      for (let i = 0; rows.length < 40_000; i++) rows.push(row(`BIG${i}`, { name: `大文件${i}${filler}` }));
      const file = csv(rows);
      expect(file.length).toBeGreaterThan(5 * 1024 * 1024);
      const res = await importFile(file, 'big.csv');
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json()).toEqual({ jobId: expect.any(Number), status: 'running' });
      let job = (await admin.get(`/imports/${res.json().jobId}`)).json();
      const deadline = Date.now() + 120_000;
      const progress: number[] = [];
      while (job.status === 'running' && Date.now() < deadline) {
        progress.push(job.processed);
        await new Promise((r) => setTimeout(r, 200));
        job = (await admin.get(`/imports/${res.json().jobId}`)).json();
      }
      expect(job).toMatchObject({ status: 'succeeded', rows: 39_999, processed: 39_999, inserted: 39_999 });
      // The polls were answered while the commit's transaction was open, with its progress.
      expect(progress.some((p) => p > 0 && p < 39_999)).toBe(true);
      expect(await customer('BIG39998')).toBeDefined();
    }, 180_000);

    it('refuses a big file’s bad header at once, before answering 202', async () => {
      const rows: unknown[][] = [[...HEADERS, 'bogus']];
      for (let i = 0; rows.length < 70_000; i++) rows.push([...row(`HB${i}`), 'x']);
      const res = await importFile(csv(rows), 'big-bad.csv');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('unknown_columns');
    }, 60_000);
  });

  describe('templates', () => {
    it.each([
      ['customers', 'xlsx', 'zh-CN'],
      ['customers', 'csv', 'en'],
      ['contacts', 'xlsx', 'en'],
      ['contacts', 'csv', 'zh-CN'],
      ['accounts', 'xlsx', 'zh-CN'],
      ['accounts', 'csv', 'en'],
      ['account-monthly', 'xlsx', 'en'],
      ['account-monthly', 'csv', 'zh-CN'],
    ])(
      'a %s template (%s, %s) has the headers of that language and reads back',
      async (kind, format, lang) => {
        const res = await admin.get(`/imports/templates/${kind}?format=${format}&lang=${lang}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['content-disposition']).toContain(`.${format}`);
        const header =
          format === 'csv'
            ? res.body
                .replace(/^\uFEFF/, '')
                .split('\r\n')[0]!
                .split(',')
            : (await readXlsx(res.rawPayload))[0];
        if (lang === 'en')
          expect(header).toContain(kind === 'account-monthly' || kind === 'accounts' ? 'account_no' : 'name');
        else expect((header as string[]).join('')).toMatch(/[\u4e00-\u9fff]/);
        const back = await importFile(res.rawPayload, `template.${format}`, 'mode=validate', kind);
        expect(back.statusCode, back.body).toBe(200);
      },
    );

    it('the customers template’s example row is itself valid', async () => {
      const res = await admin.get('/imports/templates/customers?format=xlsx&lang=zh-CN');
      const back = await importFile(res.rawPayload, 'template.xlsx', 'mode=validate');
      expect(back.json()).toMatchObject({ status: 'succeeded', errorCount: 0 });
    });
  });

  describe('who may import', () => {
    it('answers 401 to anonymous callers and 403 to relationship managers', async () => {
      const file = csv([HEADERS, row('W1')]);
      expect((await upload(ctx, null, '/imports/customers?mode=commit', 'w.csv', file)).statusCode).toBe(401);
      expect((await upload(ctx, rm1, '/imports/customers?mode=commit', 'w.csv', file)).statusCode).toBe(403);
      expect((await rm1.get('/imports')).statusCode).toBe(403);
      expect(await customer('W1')).toBeUndefined();
    });

    it('lets an API key import the kinds of its scope, and no other', async () => {
      const created = await admin.post('/api-keys', {
        name: '夜间客户',
        scopes: { read: false, imports: ['customers'] },
      });
      expect(created.statusCode, created.body).toBe(201);
      const key = { bearer: created.json().key as string };
      const res = await upload(
        ctx,
        key,
        '/imports/customers?mode=commit',
        'nightly.csv',
        csv([HEADERS, row('K9')]),
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'succeeded', inserted: 1 });
      const job = await ctx.deps.db
        .selectFrom('import_jobs')
        .select(['api_key_id', 'created_by'])
        .where('id', '=', res.json().jobId)
        .executeTakeFirstOrThrow();
      expect(job).toEqual({ api_key_id: created.json().apiKey.id, created_by: ctx.users.admin });
      const other = await upload(
        ctx,
        key,
        '/imports/accounts?mode=commit',
        'a.csv',
        csv([['account_no'], ['1']]),
      );
      expect(other.statusCode).toBe(403);
      // The importing key follows its own job; a key for another kind does not see it.
      expect((await get(ctx, key, `/imports/${res.json().jobId}`)).json().status).toBe('succeeded');
      const accountsKey = await admin.post('/api-keys', {
        name: '账户',
        scopes: { read: false, imports: ['accounts'] },
      });
      expect(
        (await get(ctx, { bearer: accountsKey.json().key }, `/imports/${res.json().jobId}`)).statusCode,
      ).toBe(404);
      const reader = await admin.post('/api-keys', { name: 'reader', scopes: { read: true, imports: [] } });
      const read = await get(ctx, { bearer: reader.json().key }, `/imports/${res.json().jobId}`);
      expect(read.statusCode).toBe(200);
      expect(read.json().createdBy).toBe('apikey:夜间客户');
    });
  });
});

/** The data rows of a CSV buffer made by `csv` (for re-use in another format). */
async function rowsOf(file: Buffer): Promise<unknown[][]> {
  return file
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(','));
}
