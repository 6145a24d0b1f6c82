import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { makeResidentId, makeUscc, usccCheckCharacter } from '../../../domain/identity-numbers';
import { buildApp } from '../../app';
import { csv, readXlsx, upload, xlsx } from './test-helpers';

// The import kind `prospects` (DOMAIN §4, §7.3): new prospects at `sourced` with their history and fit,
// updates of facts that never move the stage, referrers by code or name, every bad row named by row
// and column, referral cycles refused, idempotent repeats, and who may import.

const FIELDS = [
  'code',
  'kind',
  'name',
  'id_number',
  'industry',
  'size',
  'region',
  'region_code',
  'annual_revenue',
  'established_on',
  'credit_grade',
  'cooperation',
  'source',
  'referrer_customer_code',
  'referrer_prospect_code',
  'referrer_name',
  'owner',
] as const;
type Header = (typeof FIELDS)[number];
const HEADERS: string[] = [...FIELDS];

let seq = 0;
const uscc = () => makeUscc(process.pid * 100 + 800_000 + ++seq);
const residentId = () => makeResidentId(process.pid * 100 + 800_000 + ++seq);

/** A valid corporate prospect row in the order of HEADERS. */
function row(code: string, over: Partial<Record<Header, unknown>> = {}): unknown[] {
  const base: Record<string, unknown> = {
    code,
    kind: 'corporate',
    name: `${code}精密机械有限公司`,
    id_number: uscc(),
    industry: 'C34',
    size: 'medium',
    region: '苏州市工业园区',
    region_code: '320571',
    annual_revenue: '30,000,000.00',
    established_on: '2018-05-01',
    credit_grade: 'A',
    cooperation: 'other_banks',
    source: 'canvassing',
    referrer_customer_code: '',
    referrer_prospect_code: '',
    referrer_name: '',
    owner: 'rm1',
    ...over,
  };
  return FIELDS.map((h) => base[h]);
}

const errorsOf = (res: { json(): { errors: { row: number; column: string }[] } }) =>
  res.json().errors.map((e) => [e.row, e.column]);

describe.each(dialects())('import kind prospects on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let rm1: Client;
  let lead1: Client;
  const importFile = (file: Buffer, name: string, mode = 'commit', caller: Client | null = admin) =>
    upload(ctx, caller, `/imports/prospects?mode=${mode}`, name, file);
  const prospect = (code: string) =>
    ctx.deps.db.selectFrom('prospects').selectAll().where('code', '=', code).executeTakeFirst();
  const count = async (like: string) =>
    Number(
      (
        await ctx.deps.db
          .selectFrom('prospects')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('code', 'like', like)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const customerUscc = uscc();

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [admin, rm1, lead1] = await ctx.loginAll('admin', 'rm1', 'lead1');
    const customers = csv([
      ['code', 'kind', 'name', 'id_number', 'owner'],
      ['KP1', 'corporate', '上海介绍人有限公司', customerUscc, 'rm1'],
      ['KP2', 'corporate', '昆山转化有限公司', uscc(), 'rm1'],
    ]);
    const res = await upload(ctx, admin, '/imports/customers?mode=commit', 'customers.csv', customers);
    expect(res.json(), res.body).toMatchObject({ inserted: 2 });
  });
  afterAll(async () => ctx?.close());

  describe('validate and commit', () => {
    const file = csv([
      HEADERS,
      row('PA1', { cooperation: '与他行合作' }),
      row('PA2', {
        kind: 'individual',
        name: '李娜',
        id_number: residentId(),
        industry: '',
        size: '',
        annual_revenue: '',
        source: 'chain_referral',
        referrer_customer_code: 'KP1',
      }),
      row('PA3', { source: '连锁介绍', referrer_prospect_code: 'PA1', owner: 'rm2' }),
      row('PA4', { id_number: '', source: 'key_person', referrer_name: '张主任', owner: 'lead1' }),
    ]);

    it('validates without writing, then commits: sourced, with history, fit, owner and referrers', async () => {
      const validated = await importFile(file, 'prospects.csv', 'validate');
      expect(validated.statusCode, validated.body).toBe(200);
      expect(validated.json()).toMatchObject({
        kind: 'prospects',
        status: 'succeeded',
        rows: 4,
        inserted: 4,
        updated: 0,
        errorCount: 0,
      });
      expect(await count('PA%')).toBe(0);

      const committed = await importFile(file, 'prospects.csv');
      expect(committed.json(), committed.body).toMatchObject({ status: 'succeeded', inserted: 4 });
      const [pa1, pa2, pa3, pa4] = await Promise.all(['PA1', 'PA2', 'PA3', 'PA4'].map(prospect));
      expect(pa1).toMatchObject({
        kind: 'corporate',
        status: 'sourced',
        cooperation: 'other_banks',
        annual_revenue: 3_000_000_000,
        region_code: '320571',
        owner_id: ctx.users.rm1,
        created_by: ctx.users.admin,
        referrer_kind: null,
        fit_profile_version: 0,
        version: 1,
      });
      expect(pa1!.fit_score).toBeGreaterThan(0);
      expect(pa1!.fit_score).toBeLessThanOrEqual(100);
      const kp1 = await ctx.deps.db
        .selectFrom('customers')
        .select('id')
        .where('code', '=', 'KP1')
        .executeTakeFirstOrThrow();
      expect(pa2).toMatchObject({
        kind: 'individual',
        source: 'chain_referral',
        referrer_kind: 'customer',
        referrer_customer_id: kp1.id,
        referrer_name: '上海介绍人有限公司',
      });
      expect(pa2!.fit_score).toEqual(expect.any(Number));
      expect(pa3).toMatchObject({
        source: 'chain_referral',
        referrer_kind: 'prospect',
        referrer_prospect_id: pa1!.id,
        referrer_name: 'PA1精密机械有限公司',
        owner_id: ctx.users.rm2,
      });
      expect(pa4).toMatchObject({
        id_number: null,
        referrer_kind: 'person',
        referrer_name: '张主任',
        owner_id: ctx.users.lead1,
      });
      const history = await ctx.deps.db
        .selectFrom('prospect_stage_history')
        .select(['from_status', 'to_status', 'changed_by'])
        .where('prospect_id', '=', pa1!.id)
        .execute();
      expect(history).toEqual([{ from_status: null, to_status: 'sourced', changed_by: ctx.users.admin }]);
      const audit = await ctx.deps.db
        .selectFrom('audit_log')
        .select('after_json')
        .where('action', '=', 'import')
        .where('entity_id', '=', String(committed.json().jobId))
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toMatchObject({ kind: 'prospects', inserted: 4 });

      // The owner works it in the API, with its fit and what each criterion contributed.
      const detail = await rm1.get(`/prospects/${pa1!.id}`);
      expect(detail.statusCode, detail.body).toBe(200);
      expect(detail.json()).toMatchObject({
        code: 'PA1',
        status: 'sourced',
        fitScore: pa1!.fit_score,
        fit: { score: pa1!.fit_score, profileVersion: 0 },
        history: [{ from: null, to: 'sourced' }],
      });
      expect(detail.json().fit.terms.length).toBeGreaterThan(0);
      expect((await lead1.get(`/prospects/${pa3!.id}`)).json().referrer).toMatchObject({
        kind: 'prospect',
        code: 'PA1',
      });
    });

    it('changes nothing when the same file comes again', async () => {
      const again = await importFile(file, 'prospects.csv');
      expect(again.json()).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 4 });
      expect((await prospect('PA3'))!.version).toBe(1);
    });

    it('updates facts and fit from XLSX with Chinese headers, audits it, and never moves the stage', async () => {
      const pa1 = (await prospect('PA1'))!;
      const moved = await rm1.post(`/prospects/${pa1.id}/moves`, { version: 1, to: 'screened' });
      expect(moved.statusCode, moved.body).toBe(200);
      const file = await xlsx([
        {
          name: '潜在客户',
          rows: [
            ['潜在客户编号', '客户类型', '客户名称', '行业', '年营业收入', '来源', '客户经理'],
            ['PA1', '对公客户', 'PA1精密机械有限公司', 'C31', 1_000_000, '亲自拜访/地毯式搜寻', 'rm1'],
          ],
        },
      ]);
      const res = await importFile(file, '潜在客户.xlsx');
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', updated: 1, inserted: 0 });
      const after = (await prospect('PA1'))!;
      expect(after).toMatchObject({
        status: 'screened',
        industry: 'C31',
        annual_revenue: 100_000_000,
        region_code: '320571', // its column was not in the file
        version: 3,
      });
      // C31 is on the default profile's restricted list.
      expect(after).toMatchObject({ fit_score: 0, fit_restricted: 1 });
      const audit = await ctx.deps.db
        .selectFrom('audit_log')
        .select(['after_json', 'reason'])
        .where('entity', '=', 'prospect')
        .where('entity_id', '=', String(pa1.id))
        .where('action', '=', 'update')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toEqual({ industry: 'C31', annualRevenue: 1_000_000 });
      expect(audit.reason).toContain('潜在客户.xlsx');
    });
  });

  describe('bad rows', () => {
    it('names the row and column of every problem and writes nothing', async () => {
      const corporateWithWrongCheck = (() => {
        const id = uscc();
        return id.slice(0, 17) + (usccCheckCharacter(id.slice(0, 17)) === '1' ? '2' : '1');
      })();
      const pa2 = (await prospect('PA2'))!;
      const file = csv([
        HEADERS,
        row('PX1', { id_number: corporateWithWrongCheck }),
        row('PX2', { kind: 'individual', id_number: uscc() }),
        row('PX3', { source: 'chain_referral', referrer_customer_code: 'NOPE' }),
        row('PX4', { source: 'chain_referral', referrer_prospect_code: 'NOPE' }),
        row('PX5', { source: 'key_person' }),
        row('PX6', { owner: 'risk1' }),
        row('PX7', { owner: 'ghost' }),
        row('PX8', { id_number: customerUscc }),
        row('PX9', { kind: 'individual', id_number: pa2.id_number }),
        row('PX10', { referrer_customer_code: 'KP1', referrer_name: '张主任' }),
        row('PX11', { referrer_prospect_code: 'PX11' }),
        row('PX12', { referrer_prospect_code: 'PX13' }),
        row('PX13'),
        row('PA4', { kind: 'individual', id_number: '', source: 'key_person', referrer_name: '张主任' }),
        row('PX15', { source: 'pigeon', cooperation: 'maybe' }),
      ]);
      const res = await importFile(file, 'bad.csv');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'failed', inserted: 0, updated: 0 });
      expect(errorsOf(res)).toEqual([
        [1, 'id_number'],
        [2, 'id_number'],
        [3, 'referrer_customer_code'],
        [4, 'referrer_prospect_code'],
        [5, 'source'],
        [6, 'owner'],
        [7, 'owner'],
        [8, 'id_number'],
        [9, 'id_number'],
        [10, 'referrer_name'],
        [11, 'referrer_prospect_code'],
        [12, 'referrer_prospect_code'],
        [14, 'kind'],
        [15, 'cooperation'],
        [15, 'source'],
      ]);
      const messages = res.json().errors.map((e: { message: string }) => e.message);
      expect(messages[0]).toContain('check character');
      expect(messages[2]).toContain('import customers first');
      expect(messages[4]).toContain('needs its referrer');
      expect(messages[5]).toContain('relationship manager or team lead');
      expect(messages[7]).toBe('already belongs to customer KP1');
      expect(messages[8]).toBe('already belongs to prospect PA2');
      expect(messages[9]).toContain('one referrer only');
      expect(messages[10]).toContain('does not introduce itself');
      expect(messages[11]).toContain('earlier row');
      expect(await count('PX%')).toBe(0);
    });

    it('refuses an ID number twice in the file', async () => {
      const id = uscc();
      const res = await importFile(
        csv([HEADERS, row('PY1', { id_number: id }), row('PY2', { id_number: id })]),
        'twice.csv',
      );
      expect(errorsOf(res)).toEqual([[2, 'id_number']]);
    });
  });

  describe('referral cycles', () => {
    it('refuses a referrer introduced, through stored prospects, by the prospect itself', async () => {
      // PA3 was introduced by PA1: PA1 cannot now be introduced by PA3.
      const res = await importFile(
        csv([HEADERS, row('PA1', { source: 'chain_referral', referrer_prospect_code: 'PA3' })]),
        'cycle.csv',
      );
      expect(errorsOf(res)).toEqual([[1, 'referrer_prospect_code']]);
      expect(res.json().errors[0].message).toContain('referral cycle');
      expect((await prospect('PA1'))!.referrer_kind).toBeNull();
    });

    it('refuses a cycle the rows of one file close between them, and writes nothing', async () => {
      // PB1 (new) is introduced by PA2; then PA2 would be introduced by PB1.
      const pa2 = (await prospect('PA2'))!;
      const res = await importFile(
        csv([
          HEADERS,
          row('PB1', { source: 'chain_referral', referrer_prospect_code: 'PA2' }),
          row('PA2', {
            kind: 'individual',
            name: '李娜',
            id_number: pa2.id_number,
            industry: '',
            size: '',
            annual_revenue: '',
            source: 'chain_referral',
            referrer_prospect_code: 'PB1',
          }),
        ]),
        'cycle.csv',
      );
      expect(errorsOf(res)).toEqual([[2, 'referrer_prospect_code']]);
      expect(await prospect('PB1')).toBeUndefined();
      expect((await prospect('PA2'))!.referrer_kind).toBe('customer');
    });

    it('refuses a customer that became a customer through the prospect’s own referral', async () => {
      // PC1 introduced PC2, which was converted into customer KP2: KP2 cannot introduce PC1.
      const imported = await importFile(
        csv([HEADERS, row('PC1'), row('PC2', { source: 'chain_referral', referrer_prospect_code: 'PC1' })]),
        'pc.csv',
      );
      expect(imported.json(), imported.body).toMatchObject({ inserted: 2 });
      const kp2 = await ctx.deps.db
        .selectFrom('customers')
        .select(['id', 'id_number'])
        .where('code', '=', 'KP2')
        .executeTakeFirstOrThrow();
      await ctx.deps.db
        .updateTable('prospects')
        .set({ customer_id: kp2.id, id_number: kp2.id_number, status: 'established' })
        .where('code', '=', 'PC2')
        .execute();
      const res = await importFile(
        csv([HEADERS, row('PC1', { source: 'chain_referral', referrer_customer_code: 'KP2' })]),
        'cycle.csv',
      );
      expect(errorsOf(res)).toEqual([[1, 'referrer_customer_code']]);
      expect(res.json().errors[0].message).toContain('referral cycle');

      // A converted prospect is history: a row that would change it is refused.
      const pc2 = (await prospect('PC2'))!;
      const changed = await importFile(
        csv([
          HEADERS,
          row('PC2', {
            id_number: pc2.id_number,
            name: '另一个名称有限公司',
            source: 'chain_referral',
            referrer_prospect_code: 'PC1',
          }),
        ]),
        'closed.csv',
      );
      expect(errorsOf(changed)).toEqual([[1, 'code']]);
      expect(changed.json().errors[0].message).toContain('already a customer');
    });
  });

  describe('across batches', () => {
    it('resolves introducers of earlier batches and finds cycles across them, validating and committing', async () => {
      const small = await buildApp(ctx.deps, { imports: { batchSize: 2 } });
      try {
        const send = (file: Buffer, mode: string) =>
          upload(ctx, admin, `/imports/prospects?mode=${mode}`, 'chain.csv', file, small);
        const chain = csv([
          HEADERS,
          row('PD1'),
          row('PD2', { source: 'chain_referral', referrer_prospect_code: 'PD1' }),
          row('PD3', { source: 'chain_referral', referrer_prospect_code: 'PD2' }),
          row('PD4', { source: 'chain_referral', referrer_prospect_code: 'PD3' }),
          row('PD5', { source: 'chain_referral', referrer_prospect_code: 'PD1' }),
        ]);
        expect((await send(chain, 'validate')).json()).toMatchObject({ status: 'succeeded', inserted: 5 });
        expect((await send(chain, 'commit')).json()).toMatchObject({ status: 'succeeded', inserted: 5 });
        const ids = new Map(
          (
            await ctx.deps.db
              .selectFrom('prospects')
              .select(['code', 'id', 'referrer_prospect_id'])
              .where('code', 'like', 'PD%')
              .execute()
          ).map((p) => [p.code, p]),
        );
        expect(ids.get('PD4')!.referrer_prospect_id).toBe(ids.get('PD3')!.id);
        expect(ids.get('PD5')!.referrer_prospect_id).toBe(ids.get('PD1')!.id);

        // PE1 (new, batch 1) is introduced by PD4, which is introduced through PD3 and PD2 by PD1; PD1
        // (batch 2) cannot then be introduced by PE1.
        const cycle = csv([
          HEADERS,
          row('PE1', { source: 'chain_referral', referrer_prospect_code: 'PD4' }),
          row('PE2'),
          row('PD1', { source: 'chain_referral', referrer_prospect_code: 'PE1' }),
        ]);
        for (const mode of ['validate', 'commit']) {
          const res = await send(cycle, mode);
          expect(errorsOf(res)).toEqual([[3, 'referrer_prospect_code']]);
        }
        expect(await prospect('PE1')).toBeUndefined();
      } finally {
        await small.close();
      }
    });
  });

  describe('templates', () => {
    it.each([
      ['xlsx', 'zh-CN'],
      ['csv', 'en'],
    ])(
      'the %s template (%s) has the headers of its language and its example row is valid',
      async (format, lang) => {
        const res = await admin.get(`/imports/templates/prospects?format=${format}&lang=${lang}`);
        expect(res.statusCode, res.body).toBe(200);
        const header =
          format === 'csv'
            ? res.body
                .replace(/^\uFEFF/, '')
                .split('\r\n')[0]!
                .split(',')
            : ((await readXlsx(res.rawPayload))[0] as string[]);
        expect(header).toContain(lang === 'en' ? 'referrer_prospect_code' : '介绍潜在客户编号');
        const back = await importFile(res.rawPayload, `template.${format}`, 'validate');
        expect(back.json(), back.body).toMatchObject({ status: 'succeeded', errorCount: 0, inserted: 1 });
      },
    );
  });

  describe('who may import', () => {
    it('answers 401 to anonymous callers and 403 to relationship managers and team leads', async () => {
      const file = csv([HEADERS, row('PW1')]);
      expect((await importFile(file, 'w.csv', 'commit', null)).statusCode).toBe(401);
      expect((await importFile(file, 'w.csv', 'commit', rm1)).statusCode).toBe(403);
      expect((await importFile(file, 'w.csv', 'commit', lead1)).statusCode).toBe(403);
      expect(await prospect('PW1')).toBeUndefined();
    });

    it('lets an API key scoped to prospects import them, and a key for customers not', async () => {
      const key = await admin.post('/api-keys', {
        name: '线索',
        scopes: { read: false, imports: ['prospects'] },
      });
      expect(key.statusCode, key.body).toBe(201);
      const res = await upload(
        ctx,
        { bearer: key.json().key },
        '/imports/prospects?mode=commit',
        'leads.csv',
        csv([HEADERS, row('PK1')]),
      );
      expect(res.json(), res.body).toMatchObject({ status: 'succeeded', inserted: 1 });
      const other = await admin.post('/api-keys', {
        name: '客户',
        scopes: { read: false, imports: ['customers'] },
      });
      const refused = await upload(
        ctx,
        { bearer: other.json().key },
        '/imports/prospects?mode=commit',
        'leads.csv',
        csv([HEADERS, row('PK2')]),
      );
      expect(refused.statusCode).toBe(403);
      expect(await prospect('PK2')).toBeUndefined();
    });
  });
});
