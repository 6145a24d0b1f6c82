import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { makeResidentId, makeUscc } from '../../../domain/identity-numbers';
import { bankDate } from '../../../shared/schemas/common';
import { csv, readXlsx, upload, xlsx } from './test-helpers';

// The import kind `risk-flags` (DOMAIN §6.1, §7.3): the EX1 assessments, EX4 adverse records and EX5
// nominations from the bank's other systems, by customer code + code + recorded_on; a cleared_on clears
// the stored flag; unknown customers, future days and nominations without a reason are row errors; the
// same file twice changes nothing; the customers whose flags changed are screened again at once.

const HEADERS = ['customer_code', 'code', 'recorded_on', 'note', 'cleared_on'];

let seq = 0;
const uscc = () => makeUscc(process.pid * 100 + 950_000 + ++seq);
const daysAgo = (n: number) => bankDate(new Date(Date.now() - n * 86_400_000));

const errorsOf = (res: { json(): { errors: { row: number; column: string }[] } }) =>
  res.json().errors.map((e) => [e.row, e.column]);

interface Trigger {
  rule: string;
  evidence: { flag?: { id: number; recordedOn: string; note: string | null } };
}

describe.each(dialects())('import kind risk-flags on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let rm1: Client;
  let risk1: Client;
  const ids: Record<string, number> = {};
  const importFile = (file: Buffer, name: string, mode = 'commit', caller: Client | null = admin) =>
    upload(ctx, caller, `/imports/risk-flags?mode=${mode}`, name, file);
  const flagsOf = (code: string) =>
    ctx.deps.db
      .selectFrom('risk_flags')
      .selectAll()
      .where('customer_id', '=', ids[code]!)
      .orderBy('recorded_on')
      .orderBy('code')
      .execute();
  const count = async () =>
    Number(
      (
        await ctx.deps.db
          .selectFrom('risk_flags')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const candidate = (code: string) =>
    ctx.deps.db
      .selectFrom('exit_candidates')
      .select(['rules', 'status'])
      .where('customer_id', '=', ids[code]!)
      .executeTakeFirst();
  const screen = async (code: string) => {
    const res = await risk1.post('/exit-screenings', { customerIds: [ids[code]!] });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().results[0] as { candidate: boolean; triggers: Trigger[] };
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [admin, rm1, risk1] = await ctx.loginAll('admin', 'rm1', 'risk1');
    const customers = csv([
      ['code', 'kind', 'name', 'id_number', 'owner'],
      ['RF1', 'corporate', '苏州恒远纺织有限公司', uscc(), 'rm1'],
      ['RF2', 'corporate', '南通宏达印务有限公司', uscc(), 'rm1'],
      ['RF3', 'individual', '李明', makeResidentId(process.pid * 100 + 950_000 + ++seq), 'rm2'],
      ['C0001', 'corporate', '模板示例有限公司', uscc(), 'rm2'],
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
      ['RF1', 'EX4.ARREARS', daysAgo(30), '连续两个季度欠息，已发催收函', ''],
      ['RF1', 'ex1.poor_prospects', daysAgo(20), '', ''],
      ['RF2', '信誉不佳', daysAgo(40), '涉及多起合同纠纷', daysAgo(10)],
      ['RF3', 'EX5.OTHER', daysAgo(5), '客户要求将结算业务迁往他行', ''],
    ]);

    it('validates without writing, then commits, audited as one import, and screens the customers', async () => {
      const validated = await importFile(file, 'flags.csv', 'validate');
      expect(validated.statusCode, validated.body).toBe(200);
      expect(validated.json()).toMatchObject({
        kind: 'risk-flags',
        status: 'succeeded',
        rows: 4,
        inserted: 4,
        errorCount: 0,
      });
      expect(await count()).toBe(0);
      expect(await candidate('RF1')).toBeUndefined();

      const committed = await importFile(file, 'flags.csv');
      expect(committed.json(), committed.body).toMatchObject({
        status: 'succeeded',
        inserted: 4,
        updated: 0,
      });
      const users = ctx.users;
      expect(await flagsOf('RF1')).toMatchObject([
        {
          code: 'EX4.ARREARS',
          recorded_on: daysAgo(30),
          note: '连续两个季度欠息，已发催收函',
          recorded_by: users.admin,
          cleared_on: null,
          version: 1,
        },
        { code: 'EX1.POOR_PROSPECTS', recorded_on: daysAgo(20), note: null, cleared_on: null },
      ]);
      expect(await flagsOf('RF2')).toMatchObject([
        { code: 'EX1.POOR_REPUTATION', cleared_on: daysAgo(10), cleared_by: users.admin },
      ]);
      const audit = await ctx.deps.db
        .selectFrom('audit_log')
        .select('after_json')
        .where('action', '=', 'import')
        .where('entity_id', '=', String(committed.json().jobId))
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toMatchObject({ kind: 'risk-flags', inserted: 4 });

      // The commit screened the customers it touched: the queue follows without asking.
      expect(await candidate('RF1')).toMatchObject({
        rules: ' EX1.POOR_PROSPECTS EX4.ARREARS ',
        status: 'open',
      });
      expect(await candidate('RF3')).toMatchObject({ rules: ' EX5.OTHER ' });
      expect(await candidate('RF2')).toBeUndefined();
      // The owner reads them in the API.
      const listed = await rm1.get(`/customers/${ids.RF1}/risk-flags`);
      expect(listed.json().items.map((f: { code: string; active: boolean }) => [f.code, f.active])).toEqual([
        ['EX1.POOR_PROSPECTS', true],
        ['EX4.ARREARS', true],
      ]);
    });

    it('shows an imported flag as a trigger of a screening, and a cleared one not', async () => {
      const rf1 = await screen('RF1');
      expect(rf1.candidate).toBe(true);
      const arrears = rf1.triggers.find((t) => t.rule === 'EX4.ARREARS')!;
      expect(arrears.evidence.flag).toMatchObject({
        recordedOn: daysAgo(30),
        note: '连续两个季度欠息，已发催收函',
      });
      const rf2 = await screen('RF2');
      expect(rf2).toMatchObject({ candidate: false, triggers: [] });
    });

    it('changes nothing when the same file comes again', async () => {
      const before = await ctx.deps.db.selectFrom('exit_screenings').select('id').execute();
      const again = await importFile(file, 'flags.csv');
      expect(again.json()).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 4 });
      expect((await flagsOf('RF1')).map((f) => f.version)).toEqual([1, 1]);
      // Nothing written, nothing screened.
      expect(await ctx.deps.db.selectFrom('exit_screenings').select('id').execute()).toHaveLength(
        before.length,
      );
    });

    it('clears a stored flag from XLSX with Chinese headers, audits it, and the customer leaves the queue', async () => {
      const sheet = await xlsx([
        {
          name: '风险标记',
          rows: [
            ['客户号', '风险代码', '登记日期', '备注', '解除日期'],
            ['RF1', '欠息、被催收或逃税', daysAgo(30), '连续两个季度欠息，已发催收函', daysAgo(2)],
            ['RF1', 'EX1.POOR_PROSPECTS', daysAgo(20), '所处行业需求持续萎缩', daysAgo(1)],
          ],
        },
      ]);
      const res = await importFile(sheet, '风险标记.xlsx');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 0, updated: 2 });
      expect(await flagsOf('RF1')).toMatchObject([
        { code: 'EX4.ARREARS', cleared_on: daysAgo(2), cleared_by: ctx.users.admin, version: 2 },
        { code: 'EX1.POOR_PROSPECTS', note: '所处行业需求持续萎缩', cleared_on: daysAgo(1), version: 2 },
      ]);
      const entries = await ctx.deps.db
        .selectFrom('audit_log')
        .select(['before_json', 'after_json', 'reason', 'customer_id'])
        .where('entity', '=', 'risk_flag')
        .where('action', '=', 'update')
        .orderBy('id')
        .execute();
      expect(entries).toHaveLength(2);
      expect(entries[0]!.customer_id).toBe(ids.RF1);
      expect(JSON.parse(entries[0]!.before_json!)).toEqual({
        code: 'EX4.ARREARS',
        recordedOn: daysAgo(30),
        clearedOn: null,
      });
      expect(JSON.parse(entries[0]!.after_json!)).toEqual({
        code: 'EX4.ARREARS',
        recordedOn: daysAgo(30),
        clearedOn: daysAgo(2),
      });
      expect(JSON.parse(entries[1]!.after_json!)).toMatchObject({ note: '所处行业需求持续萎缩' });
      expect(entries[0]!.reason).toContain('风险标记.xlsx');

      expect(await candidate('RF1')).toBeUndefined();
      expect(await screen('RF1')).toMatchObject({ candidate: false, triggers: [] });
    });

    it('corrects the day of a cleared flag, and an empty cleared_on leaves it cleared', async () => {
      const res = await importFile(
        csv([
          HEADERS,
          ['RF2', 'EX1.POOR_REPUTATION', daysAgo(40), '涉及多起合同纠纷', daysAgo(12)],
          ['RF1', 'EX4.ARREARS', daysAgo(30), '连续两个季度欠息，已发催收函', ''],
        ]),
        'dates.csv',
      );
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', updated: 1, unchanged: 1 });
      expect(await flagsOf('RF2')).toMatchObject([{ cleared_on: daysAgo(12), version: 2 }]);
      expect((await flagsOf('RF1'))[0]).toMatchObject({ cleared_on: daysAgo(2), version: 2 });
    });

    it('keeps a stored nomination’s reason when the file has no note column', async () => {
      const res = await importFile(
        csv([
          ['customer_code', 'code', 'recorded_on'],
          ['RF3', 'EX5.OTHER', daysAgo(5)],
          ['RF1', 'EX4.MAJOR_EVENT', daysAgo(3)],
        ]),
        'no-note.csv',
      );
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 1, unchanged: 1 });
      expect((await flagsOf('RF3'))[0]).toMatchObject({ note: '客户要求将结算业务迁往他行' });
      expect(await candidate('RF1')).toMatchObject({ rules: ' EX4.MAJOR_EVENT ' });
    });
  });

  describe('bad rows', () => {
    it('names the row and column of every problem and writes nothing', async () => {
      const before = await count();
      const tomorrow = bankDate(new Date(Date.now() + 2 * 86_400_000));
      const res = await importFile(
        csv([
          HEADERS,
          ['NOPE', 'EX4.ARREARS', daysAgo(3), '', ''],
          ['RF1', 'EX1.CREDIT_BELOW_B', daysAgo(3), '', ''],
          ['RF1', 'EX4.DEBT_EVASION', tomorrow, '', ''],
          ['RF1', 'EX4.DEBT_EVASION', daysAgo(3), '', tomorrow],
          ['RF1', 'EX4.FALSE_STATEMENTS', daysAgo(3), '', daysAgo(4)],
          ['RF2', 'EX5.OTHER', daysAgo(3), '', ''],
          ['RF2', 'EX4.ARREARS', 'yesterday', '', ''],
          ['RF2', 'EX4.ARREARS', daysAgo(6), '', ''],
          ['RF2', 'EX4.ARREARS', daysAgo(6), '重复', ''],
          ['RF2', 'EX5.OTHER', daysAgo(7), '需要说明', ''],
        ]),
        'bad.csv',
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'failed', inserted: 0, updated: 0 });
      expect(errorsOf(res)).toEqual([
        [1, 'customer_code'],
        [2, 'code'],
        [3, 'recorded_on'],
        [4, 'cleared_on'],
        [5, 'cleared_on'],
        [6, 'note'],
        [7, 'recorded_on'],
        [9, 'customer_code'],
      ]);
      const messages = res.json().errors.map((e: { message: string }) => e.message);
      expect(messages[0]).toContain('import customers first');
      expect(messages[1]).toContain('EX5.OTHER');
      expect(messages[2]).toContain('future');
      expect(messages[3]).toContain('future');
      expect(messages[4]).toContain('before the day the flag was recorded');
      expect(messages[5]).toContain('reason');
      expect(await count()).toBe(before);
    });

    it('refuses a nomination without a reason when the file has no note column', async () => {
      const res = await importFile(
        csv([
          ['customer_code', 'code', 'recorded_on'],
          ['RF2', 'EX5.OTHER', daysAgo(8)],
        ]),
        'no-reason.csv',
      );
      expect(res.json()).toMatchObject({ status: 'failed', errorCount: 1 });
      expect(errorsOf(res)).toEqual([[1, 'note']]);
    });

    it('refuses a file without its key columns', async () => {
      const res = await importFile(
        csv([
          ['客户号', '说明'],
          ['RF1', '无'],
        ]),
        'keyless.csv',
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('missing_columns');
      expect(res.json().error.fields).toEqual([
        { path: 'code', message: 'required column is missing' },
        { path: 'recorded_on', message: 'required column is missing' },
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
        const res = await admin.get(`/imports/templates/risk-flags?format=${format}&lang=${lang}`);
        expect(res.statusCode, res.body).toBe(200);
        const header =
          format === 'csv'
            ? res.body
                .replace(/^\uFEFF/, '')
                .split('\r\n')[0]!
                .split(',')
            : ((await readXlsx(res.rawPayload))[0] as string[]);
        expect(header).toEqual(
          lang === 'en' ? HEADERS : ['客户号', '标记代码', '登记日期', '说明', '解除日期'],
        );
        const back = await importFile(res.rawPayload, `template.${format}`, 'validate');
        expect(back.json(), back.body).toMatchObject({ status: 'succeeded', errorCount: 0, inserted: 1 });
      },
    );
  });

  describe('who may import', () => {
    it('answers 401 to anonymous callers and 403 to relationship managers and risk officers', async () => {
      const file = csv([HEADERS, ['RF2', 'EX4.ARREARS', daysAgo(50), '', '']]);
      expect((await importFile(file, 'w.csv', 'commit', null)).statusCode).toBe(401);
      expect((await importFile(file, 'w.csv', 'commit', rm1)).statusCode).toBe(403);
      expect((await importFile(file, 'w.csv', 'commit', risk1)).statusCode).toBe(403);
      expect((await flagsOf('RF2')).filter((f) => f.recorded_on === daysAgo(50))).toEqual([]);
    });

    it('lets an API key scoped to risk-flags import them', async () => {
      const key = await admin.post('/api-keys', {
        name: '风险标记',
        scopes: { read: false, imports: ['risk-flags'] },
      });
      expect(key.statusCode, key.body).toBe(201);
      const res = await upload(
        ctx,
        { bearer: key.json().key },
        '/imports/risk-flags?mode=commit',
        'rf.csv',
        csv([HEADERS, ['RF2', 'EX4.DEBT_EVASION', daysAgo(9), '通过关联企业转移资产', '']]),
      );
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 1 });
      expect(await candidate('RF2')).toMatchObject({ rules: ' EX4.DEBT_EVASION ' });
    });
  });
});
