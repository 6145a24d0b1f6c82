import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { makeResidentId, makeUscc } from '../../../domain/identity-numbers';

const fieldPaths = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  (res.json().error.fields ?? []).map((f) => f.path);

describe.each(dialects())('customers on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let rm3: Client;
  let lead1: Client;
  let lead2: Client;
  let risk1: Client;
  let admin: Client;
  let mine: { id: number; code: string; version: number };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [rm1, rm2, rm3, lead1, lead2, risk1, admin] = await ctx.loginAll(
      'rm1',
      'rm2',
      'rm3',
      'lead1',
      'lead2',
      'risk1',
      'admin',
    );
    const res = await rm1.post(
      '/customers',
      buildCustomer({
        name: '上海鑫泰贸易有限公司',
        phone: '13812345678',
        industry: 'F51',
        creditGrade: 'AA',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    mine = res.json();
  });
  afterAll(async () => ctx?.close());

  describe('create', () => {
    it('creates a customer in the RM’s own portfolio with a generated code, stage potential and masked identifiers', async () => {
      const body = buildCustomer({
        kind: 'individual',
        name: '李娜',
        annualRevenue: undefined,
        financialAssets: 1234567.89,
      });
      const res = await rm1.post('/customers', body);
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      expect(c).toMatchObject({
        kind: 'individual',
        name: '李娜',
        ownerId: ctx.users.rm1,
        lifecycleStage: 'potential',
        version: 1,
      });
      expect(c.code).toMatch(/^C\d{14}$/);
      expect(c.financialAssets).toBe(1234567.89);
      expect(c.idNumber).toBe(`${body.idNumber.slice(0, 3)}${'*'.repeat(11)}${body.idNumber.slice(-4)}`);
      expect(c.phone).toMatch(/^138\*{4}\d{4}$/);
      const history = (await rm1.get(`/customers/${c.id}/lifecycle`)).json().items;
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ stage: 'potential', manual: false });
    });

    it('accepts lower-case and full-width identifiers by normalising them', async () => {
      const id = makeResidentId(9_100_001, { birthDate: '1990-01-01' });
      const fullWidth = id
        .replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
        .toLowerCase();
      const res = await rm1.post('/customers', buildCustomer({ kind: 'individual', idNumber: fullWidth }));
      expect(res.statusCode, res.body).toBe(201);
      const revealed = await rm1.post(`/customers/${res.json().id}/reveal`, {
        field: 'idNumber',
        reason: 'KYC check',
      });
      expect(revealed.json().value).toBe(id);
    });

    it.each([
      [
        'a wrong check character',
        { idNumber: makeUscc(9_200_001).slice(0, 17) + (makeUscc(9_200_001).endsWith('0') ? '1' : '0') },
        'body.idNumber',
        /check character/,
      ],
      [
        'a resident ID on a corporate',
        { idNumber: makeResidentId(9_200_002) },
        'body.idNumber',
        /unified social credit code/,
      ],
      ['an unknown kind', { kind: 'trust' }, 'body.kind', /./],
      ['an unknown industry', { industry: 'Z99' }, 'body.industry', /GB\/T 4754/],
      ['an oversized name', { name: '长'.repeat(201) }, 'body.name', /./],
      ['an empty name', { name: '   ' }, 'body.name', /empty/],
      ['a number as name', { name: 42 }, 'body.name', /./],
      ['an unknown field', { nickname: 'x' }, 'body.nickname', /unknown field/],
      ['an unknown need tag', { needTags: ['gold'] }, 'body.needTags.0', /./],
      ['three decimals of yuan', { annualRevenue: 1.005 }, 'body.annualRevenue', /2 decimals/],
      ['a negative amount', { annualRevenue: -1 }, 'body.annualRevenue', /negative/],
      ['a future establishment date', { establishedOn: '2999-01-01' }, 'body.establishedOn', /future/],
      ['an impossible date', { establishedOn: '2023-02-29' }, 'body.establishedOn', /calendar/],
      ['a bad e-mail', { email: 'not-an-email' }, 'body.email', /e-mail/],
      ['a bad credit grade', { creditGrade: 'AAAA' }, 'body.creditGrade', /./],
    ])('answers 400 naming the field for %s, and writes nothing', async (_, override, path, message) => {
      const before = (await admin.get('/customers?pageSize=1')).json().total;
      const res = await rm1.post('/customers', buildCustomer(override));
      expect(res.statusCode, res.body).toBe(400);
      const field = res.json().error.fields.find((f: { path: string }) => f.path === path);
      expect(field, res.body).toBeDefined();
      expect(field.message).toMatch(message);
      expect((await admin.get('/customers?pageSize=1')).json().total).toBe(before);
    });

    it('answers 400 for malformed JSON and 413 for an oversized body', async () => {
      const malformed = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: { cookie: rm1.cookie, 'x-csrf-token': rm1.csrfToken, 'content-type': 'application/json' },
        payload: '{"kind": "corporate",',
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.code).toBe('bad_request');
      const huge = await rm1.post('/customers', buildCustomer({ name: 'x'.repeat(2_000_000) }));
      expect(huge.statusCode).toBe(413);
    });

    it('answers 409 for a duplicate ID number or code', async () => {
      const body = buildCustomer();
      expect((await rm1.post('/customers', { ...body, code: 'DUP001' })).statusCode).toBe(201);
      const sameId = await rm1.post('/customers', buildCustomer({ idNumber: body.idNumber }));
      expect(sameId.statusCode).toBe(409);
      expect(fieldPaths(sameId)).toEqual(['body.idNumber']);
      const sameCode = await rm1.post('/customers', buildCustomer({ code: 'DUP001' }));
      expect(sameCode.statusCode).toBe(409);
    });

    it('keeps RMs to their own portfolio and team leads to their team', async () => {
      const rmForOther = await rm1.post('/customers', buildCustomer({ ownerId: ctx.users.rm2 }));
      expect(rmForOther.statusCode).toBe(400);
      expect(fieldPaths(rmForOther)).toEqual(['body.ownerId']);
      const leadForOtherTeam = await lead1.post('/customers', buildCustomer({ ownerId: ctx.users.rm3 }));
      expect(leadForOtherTeam.statusCode).toBe(400);
      const leadForTeam = await lead1.post('/customers', buildCustomer({ ownerId: ctx.users.rm2 }));
      expect(leadForTeam.statusCode).toBe(201);
      expect((await risk1.post('/customers', buildCustomer())).statusCode).toBe(403);
      expect((await ctx.anonymous.post('/customers', buildCustomer())).statusCode).toBe(401);
    });
  });

  describe('read and search', () => {
    it('shows each role exactly its portfolio', async () => {
      const unowned = await admin.post(
        '/customers',
        buildCustomer({ ownerId: null, name: '无主客户有限公司' }),
      );
      expect(unowned.statusCode).toBe(201);
      const rm3Own = await rm3.post('/customers', buildCustomer({ name: '杭州宏达机械制造有限公司' }));
      expect(rm3Own.statusCode).toBe(201);
      const ids = async (c: Client) =>
        new Set((await c.get('/customers?pageSize=200')).json().items.map((x: { id: number }) => x.id));
      const all = await ids(admin);
      expect(await ids(risk1)).toEqual(all);
      expect((await ids(rm1)).has(mine.id)).toBe(true);
      expect((await ids(rm2)).has(mine.id)).toBe(false);
      expect((await ids(lead1)).has(mine.id)).toBe(true);
      expect((await ids(lead1)).has(unowned.json().id)).toBe(true);
      expect((await ids(lead1)).has(rm3Own.json().id)).toBe(false);
      expect((await ids(lead2)).has(mine.id)).toBe(false);
      expect((await ids(lead2)).has(rm3Own.json().id)).toBe(true);
      expect((await ids(rm1)).has(unowned.json().id)).toBe(false);
    });

    it('answers 404 for another portfolio’s customer, exactly as for a missing one', async () => {
      const other = await rm2.get(`/customers/${mine.id}`);
      const missing = await rm2.get('/customers/999999');
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual(missing.json());
      expect(
        (await rm3.patch(`/customers/${mine.id}`, { version: mine.version, name: 'x' })).statusCode,
      ).toBe(404);
      expect((await lead2.get(`/customers/${mine.id}/lifecycle`)).statusCode).toBe(404);
      expect((await rm1.get('/customers/abc')).statusCode).toBe(400);
    });

    it('finds a Chinese name fragment, a code, a phone and an ID number', async () => {
      const search = async (q: string) =>
        (await rm1.get(`/customers?q=${encodeURIComponent(q)}`))
          .json()
          .items.map((x: { id: number }) => x.id);
      expect(await search('鑫泰')).toContain(mine.id);
      expect(await search('鑫泰贸易')).toContain(mine.id);
      expect(await search('鑫')).toContain(mine.id);
      expect(await search('泰鑫')).not.toContain(mine.id);
      expect(await search(mine.code)).toEqual([mine.id]);
      expect(await search('138-1234-5678')).toContain(mine.id);
      const full = (
        await rm1.post(`/customers/${mine.id}/reveal`, { field: 'idNumber', reason: 'search test' })
      ).json().value;
      expect(await search(full.toLowerCase())).toEqual([mine.id]);
      expect(await search('100%_')).toEqual([]);
      // Another RM's customer never turns up in search.
      expect(
        (await rm3.get(`/customers?q=${encodeURIComponent('鑫泰')}`))
          .json()
          .items.map((x: { id: number }) => x.id),
      ).not.toContain(mine.id);
    });

    it('filters, sorts and paginates on the server', async () => {
      const res = await admin.get(
        '/customers?kind=corporate&industry=F&creditGrade=AA&needTag=deposit&sort=name&order=asc',
      );
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items.map((x: { id: number }) => x.id)).toContain(mine.id);
      for (const c of items) expect(c).toMatchObject({ kind: 'corporate', creditGrade: 'AA' });
      const names = items.map((x: { name: string }) => x.name);
      expect(names).toEqual([...names].sort());
      const page1 = (await admin.get('/customers?pageSize=2&page=1&sort=createdAt&order=asc')).json();
      const page2 = (await admin.get('/customers?pageSize=2&page=2&sort=createdAt&order=asc')).json();
      expect(page1.items).toHaveLength(2);
      expect(page1.total).toBe(page2.total);
      expect(page1.items[1].id).toBeLessThan(page2.items[0].id);
      const none = (await admin.get('/customers?ownerId=none')).json();
      for (const c of none.items) expect(c.ownerId).toBeNull();
      expect((await admin.get('/customers?loanClass=bad')).statusCode).toBe(400);
      expect(fieldPaths(await admin.get('/customers?pageSize=1000'))).toEqual(['querystring.pageSize']);
    });
  });

  describe('edit', () => {
    it('edits with the version read, audits before and after, and answers 409 to a stale version', async () => {
      const current = (await rm1.get(`/customers/${mine.id}`)).json();
      const res = await rm1.patch(`/customers/${mine.id}`, {
        version: current.version,
        creditGrade: 'A',
        annualRevenue: 5000000.5,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        creditGrade: 'A',
        annualRevenue: 5000000.5,
        version: current.version + 1,
      });
      const stale = await rm1.patch(`/customers/${mine.id}`, {
        version: current.version,
        creditGrade: 'BBB',
      });
      expect(stale.statusCode).toBe(409);
      expect((await rm1.get(`/customers/${mine.id}`)).json().creditGrade).toBe('A');
      const audit = (await lead1.get(`/customers/${mine.id}/audit`)).json().items;
      const entry = audit.find((e: { action: string }) => e.action === 'update');
      expect(entry).toMatchObject({
        actorUsername: 'rm1',
        entity: 'customer',
        before: { creditGrade: 'AA' },
        after: { creditGrade: 'A', annualRevenue: 5000000.5 },
      });
      mine = res.json();
    });

    it('keeps the name index in step with a renamed customer', async () => {
      const res = await rm1.patch(`/customers/${mine.id}`, {
        version: mine.version,
        name: '上海鑫泰国际贸易有限公司',
      });
      expect(res.statusCode).toBe(200);
      mine = res.json();
      const found = (await rm1.get(`/customers?q=${encodeURIComponent('国际贸易')}`))
        .json()
        .items.map((x: { id: number }) => x.id);
      expect(found).toContain(mine.id);
    });

    it('refuses edits by a risk officer (403) and a bad ID number (400), changing nothing', async () => {
      expect(
        (await risk1.patch(`/customers/${mine.id}`, { version: mine.version, name: '改名' })).statusCode,
      ).toBe(403);
      const bad = await rm1.patch(`/customers/${mine.id}`, {
        version: mine.version,
        idNumber: makeResidentId(9_300_001),
      });
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)).toEqual(['body.idNumber']);
      expect((await rm1.get(`/customers/${mine.id}`)).json().version).toBe(mine.version);
      expect(fieldPaths(await rm1.patch(`/customers/${mine.id}`, { name: 'x' }))).toEqual(['body.version']);
      expect(
        fieldPaths(await rm1.patch(`/customers/${mine.id}`, { version: mine.version, kind: 'individual' })),
      ).toEqual(['body.kind']);
    });

    it('lets a team lead reassign within the team and share, and not outside it', async () => {
      const outside = await lead1.post(`/customers/${mine.id}/assign`, {
        ownerId: ctx.users.rm3,
        version: mine.version,
      });
      expect(outside.statusCode).toBe(400);
      expect(
        (await rm1.post(`/customers/${mine.id}/assign`, { ownerId: ctx.users.rm2, version: mine.version }))
          .statusCode,
      ).toBe(403);
      const shared = await lead1.post(`/customers/${mine.id}/shares`, { userId: ctx.users.rm2 });
      expect(shared.statusCode, shared.body).toBe(200);
      expect(shared.json().sharedWith).toEqual([{ id: ctx.users.rm2, displayName: 'RM2' }]);
      expect((await rm2.get(`/customers/${mine.id}`)).statusCode).toBe(200);
      expect((await lead1.delete(`/customers/${mine.id}/shares/${ctx.users.rm2}`)).statusCode).toBe(200);
      expect((await rm2.get(`/customers/${mine.id}`)).statusCode).toBe(404);
      const moved = await lead1.post(`/customers/${mine.id}/assign`, {
        ownerId: ctx.users.rm2,
        version: mine.version,
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().ownerId).toBe(ctx.users.rm2);
      expect((await rm1.get(`/customers/${mine.id}`)).statusCode).toBe(404);
      expect((await rm2.get(`/customers/${mine.id}`)).statusCode).toBe(200);
      const stale = await lead1.post(`/customers/${mine.id}/assign`, {
        ownerId: ctx.users.rm1,
        version: mine.version,
      });
      expect(stale.statusCode).toBe(409);
      const back = await admin.post(`/customers/${mine.id}/assign`, {
        ownerId: ctx.users.rm1,
        version: moved.json().version,
      });
      expect(back.statusCode).toBe(200);
      mine = back.json();
    });

    it('overrides the lifecycle stage with a note, shown as manual in the history', async () => {
      const res = await rm1.post(`/customers/${mine.id}/lifecycle`, {
        stage: 'growth',
        note: '新增大额授信',
        version: mine.version,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ lifecycleStage: 'growth', lifecycleManual: true });
      const history = (await rm1.get(`/customers/${mine.id}/lifecycle`)).json().items;
      expect(history[0]).toMatchObject({
        stage: 'growth',
        previousStage: 'potential',
        manual: true,
        reason: '新增大额授信',
        changedBy: 'RM1',
      });
      expect(
        fieldPaths(
          await rm1.post(`/customers/${mine.id}/lifecycle`, { stage: 'growth', version: res.json().version }),
        ),
      ).toEqual(['body.note']);
      mine = res.json();
    });
  });

  describe('reveal', () => {
    it('reveals a full identifier with a reason, audited; an administrator may not', async () => {
      const res = await lead1.post(`/customers/${mine.id}/reveal`, {
        field: 'phone',
        reason: '客户来电核实',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ field: 'phone', value: '13812345678' });
      const audit = (await admin.get(`/audit?action=reveal&customerId=${mine.id}`)).json().items;
      expect(audit[0]).toMatchObject({
        actorUsername: 'lead1',
        reason: '客户来电核实',
        after: { field: 'phone' },
      });
      expect(
        (await admin.post(`/customers/${mine.id}/reveal`, { field: 'phone', reason: 'curious' })).statusCode,
      ).toBe(403);
      expect(
        (await rm3.post(`/customers/${mine.id}/reveal`, { field: 'phone', reason: 'curious' })).statusCode,
      ).toBe(404);
      expect(fieldPaths(await rm1.post(`/customers/${mine.id}/reveal`, { field: 'phone' }))).toEqual([
        'body.reason',
      ]);
    });

    it('masks identifiers in the audit log as everywhere else', async () => {
      const audit = (await admin.get(`/audit?action=create&customerId=${mine.id}`)).json().items;
      expect(audit[0].after.phone).toBe('138****5678');
      expect(audit[0].after.idNumber).toContain('*');
    });
  });
});
