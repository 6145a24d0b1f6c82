import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { makeUscc } from '../../../domain/identity-numbers';
import { csv, get, readCsv, readXlsx, upload } from '../imports/test-helpers';

// Exports of the customer list (issue #4 part 6): only what the caller may see, filtered as the list
// is, identifiers masked as in the list, streamed in keyset batches, audited.

describe.each(dialects())('customer exports on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let rm1: Client;
  let rm3: Client;
  let lead1: Client;
  const codes = (rows: unknown[][]) => rows.slice(1).map((r) => String(r[0]));
  const exportCsv = async (client: Client, query = '') => {
    const res = await client.get(`/customers/export?format=csv${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return readCsv(res.body);
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [admin, rm1, rm3, lead1] = await ctx.loginAll('admin', 'rm1', 'rm3', 'lead1');
    const rm2 = await ctx.login('rm2');
    for (const [client, code, over] of [
      [rm1, 'EXR1A', { tier: 'high_end', name: '上海鑫泰贸易有限公司', phone: '13812345678' }],
      [rm1, 'EXR1B', { tier: 'ordinary', kind: 'individual', name: '张伟' }],
      [rm2, 'EXR2A', { tier: 'high_end', name: '杭州恒通物流有限公司' }],
      [rm3, 'EXR3A', { tier: 'high_end', name: '深圳鑫泰电子有限公司' }],
    ] as const) {
      const res = await client.post('/customers', buildCustomer({ code, ...over }));
      expect(res.statusCode, res.body).toBe(201);
    }
    // Enough of rm3's customers for several batches, some without a credit grade.
    const base = process.pid * 10_000 + 800_000;
    const rows: unknown[][] = [['code', 'kind', 'name', 'id_number', 'owner', 'credit_grade']];
    for (let i = 0; i < 2_300; i++) {
      rows.push([
        `EXB${String(i).padStart(4, '0')}`,
        'corporate',
        `批量${(i * 7919) % 2_300}号有限公司`,
        makeUscc(base + i),
        'rm3',
        ['AAA', 'BB', '', 'A'][i % 4],
      ]);
    }
    const res = await upload(ctx, admin, '/imports/customers?mode=commit', 'bulk.csv', csv(rows));
    expect(res.json(), res.body).toMatchObject({ inserted: 2_300 });
  }, 120_000);
  afterAll(async () => ctx?.close());

  it('gives an RM a CSV of their own customers only, masked, with Chinese headers and a BOM', async () => {
    const res = await rm1.get('/customers/export?format=csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /attachment; .*filename\*=UTF-8''%E5%AE%A2%E6%88%B7-\d{8}\.csv/,
    );
    expect(res.body.startsWith('\uFEFF客户号,客户名称,客户类型')).toBe(true);
    const rows = readCsv(res.body);
    expect(codes(rows).sort()).toEqual(['EXR1A', 'EXR1B']);
    const header = rows[0]!;
    const a = rows.find((r) => r[0] === 'EXR1A')!;
    expect(a[header.indexOf('客户类型')]).toBe('对公客户');
    expect(a[header.indexOf('客户层级')]).toBe('高端客户');
    expect(a[header.indexOf('电话')]).toBe('138****5678');
    expect(a[header.indexOf('证件号码')]).toMatch(/^\w{4}\*{10}\w{4}$/);
    expect(res.body).not.toContain('EXR3A');
    expect(res.body).not.toContain('EXR2A');
  });

  it('respects the list’s filters and search', async () => {
    expect(codes(await exportCsv(rm1, '&tier=high_end'))).toEqual(['EXR1A']);
    expect(codes(await exportCsv(rm1, '&kind=individual'))).toEqual(['EXR1B']);
    expect(codes(await exportCsv(admin, `&q=${encodeURIComponent('鑫泰')}&sort=code&order=asc`))).toEqual([
      'EXR1A',
      'EXR3A',
    ]);
    expect(codes(await exportCsv(lead1, '&tier=high_end&sort=code&order=asc'))).toEqual(['EXR1A', 'EXR2A']);
  });

  it('streams every matching row across batches, in the asked order, each once', async () => {
    const byName = codes(await exportCsv(rm3, '&sort=name&order=asc'));
    expect(byName).toHaveLength(2_301);
    expect(new Set(byName).size).toBe(2_301);
    const byCode = codes(await exportCsv(rm3, '&sort=code&order=desc'));
    expect(byCode).toEqual([...byCode].sort().reverse());
    const byGrade = await exportCsv(rm3, '&sort=creditGrade&order=asc');
    const grades = byGrade.slice(1).map((r) => r[byGrade[0]!.indexOf('信用等级')]);
    expect(grades).toHaveLength(2_301);
    expect(new Set(codes(byGrade)).size).toBe(2_301);
    // Empty grades come last.
    const firstEmpty = grades.indexOf('');
    expect(grades.slice(firstEmpty).every((g) => g === '')).toBe(true);
    expect(grades.filter((g) => g === '').length).toBe(576); // 575 imported, and EXR3A
  });

  it('writes XLSX, in English when asked', async () => {
    const res = await admin.get('/customers/export?format=xlsx&lang=en&tier=high_end&sort=code&order=asc');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]!.slice(0, 4)).toEqual(['code', 'name', 'kind', 'tier']);
    expect(codes(rows)).toEqual(['EXR1A', 'EXR2A', 'EXR3A']);
    expect(rows[1]![2]).toBe('Corporate');
    expect(String(rows[1]![rows[0]!.indexOf('id_number')])).toContain('*');
  });

  it('audits the export with its filters', async () => {
    await rm1.get('/customers/export?format=csv&tier=ordinary');
    const entry = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export')
      .where('actor_id', '=', ctx.users.rm1)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.entity).toBe('customer');
    expect(JSON.parse(entry.after_json!)).toMatchObject({ format: 'csv', filters: { tier: 'ordinary' } });
  });

  it('answers 401 to anonymous callers, 400 to a bad filter, and serves read API keys', async () => {
    expect((await ctx.anonymous.get('/customers/export')).statusCode).toBe(401);
    expect((await rm1.get('/customers/export?format=pdf')).statusCode).toBe(400);
    const key = await admin.post('/api-keys', { name: 'export reader', scopes: { read: true } });
    const res = await get(ctx, { bearer: key.json().key }, '/customers/export?format=csv&tier=high_end');
    expect(res.statusCode).toBe(200);
    expect(codes(readCsv(res.body)).sort()).toEqual(['EXR1A', 'EXR2A', 'EXR3A']);
  });
});
