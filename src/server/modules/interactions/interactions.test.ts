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

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe.each(dialects())('interactions on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm3: Client;
  let lead1: Client;
  let risk1: Client;
  let admin: Client;
  let customerId: number;
  let otherCustomerId: number;
  let contactId: number;
  let otherContactId: number;

  const newCustomer = async () => {
    const res = await rm1.post('/customers', buildCustomer());
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const contact = async (id: number, name: string) => {
    const res = await rm1.post(`/customers/${id}/contacts`, { name, role: 'finance_head' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const record = (body: Record<string, unknown> = {}, client = rm1) =>
    client.post('/interactions', {
      customerId,
      channel: 'visit',
      occurredAt: hoursAgo(2),
      summary: '拜访财务总监，了解年底资金安排',
      ...body,
    });

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [rm1, rm3, lead1, risk1, admin] = await ctx.loginAll('rm1', 'rm3', 'lead1', 'risk1', 'admin');
    customerId = await newCustomer();
    otherCustomerId = await newCustomer();
    contactId = await contact(customerId, '李财务');
    otherContactId = await contact(otherCustomerId, '张经理');
  });
  afterAll(async () => ctx?.close());

  it('records a contact with its person, channel and form, answers it with names, and audits it', async () => {
    const res = await record({
      contactId,
      channel: 'phone',
      direction: 'inbound',
      place: '客户办公室',
      purpose: '年底资金安排',
      maintenanceForm: 'functional',
      outcome: '客户有 500 万闲置资金',
      nextStep: '下周送定期存款方案',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      customer: { id: customerId },
      contact: { id: contactId, name: '李财务' },
      channel: 'phone',
      direction: 'inbound',
      maintenanceForm: 'functional',
      recordedBy: { id: ctx.users.rm1, name: 'RM1' },
      planId: null,
      version: 1,
    });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'interaction')
      .where('entity_id', '=', String(body.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', customer_id: customerId, actor_id: ctx.users.rm1 });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ channel: 'phone', summary: body.summary });
  });

  it('defaults the direction to outbound and takes the time with any offset, answering UTC', async () => {
    const res = await record({ occurredAt: '2026-01-05T09:30:00+08:00' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ direction: 'outbound', occurredAt: '2026-01-05T01:30:00.000Z' });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await ctx.deps.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: 'pigeon' }, 'body.channel'],
      [{ summary: '   ' }, 'body.summary'],
      [{ occurredAt: '2026-01-05 09:30' }, 'body.occurredAt'],
      [{ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'body.occurredAt'],
      [{ contactId: otherContactId }, 'body.contactId'],
      [{ maintenanceForm: 'gifts' }, 'body.maintenanceForm'],
      [{ unknown: 1 }, 'body'],
    ];
    for (const [body, path] of cases) {
      const res = await record(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(
        fieldPaths(res).some((p) => p.startsWith(path)),
        `${JSON.stringify(body)} → ${res.body}`,
      ).toBe(true);
    }
    const after = await ctx.deps.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers 404 for a customer the RM may not see, 403 to a risk officer and an administrator, 401 anonymous', async () => {
    expect((await record({}, rm3)).statusCode).toBe(404);
    expect((await record({}, risk1)).statusCode).toBe(403);
    expect((await record({}, admin)).statusCode).toBe(403);
    expect((await ctx.anonymous.post('/interactions', {})).statusCode).toBe(401);
    const own = (await record()).json();
    expect((await rm3.get(`/interactions/${own.id}`)).statusCode).toBe(404);
    expect((await risk1.get(`/interactions/${own.id}`)).statusCode).toBe(200);
  });

  it('lists the contacts the viewer may see, newest first, with filters', async () => {
    const c = await newCustomer();
    const ids: number[] = [];
    for (const [h, channel, summary] of [
      [30, 'visit', '上门拜访，参观厂区'],
      [20, 'wechat', '微信问候生日'],
      [10, 'visit', '再次拜访，谈代发工资'],
    ] as const) {
      ids.push((await record({ customerId: c, occurredAt: hoursAgo(h), channel, summary })).json().id);
    }
    const all = (await rm1.get(`/interactions?customerId=${c}`)).json();
    expect(all.total).toBe(3);
    expect(all.items.map((i: { id: number }) => i.id)).toEqual([...ids].reverse());
    const visits = (await rm1.get(`/interactions?customerId=${c}&channel=visit`)).json();
    expect(visits.items.map((i: { id: number }) => i.id)).toEqual([ids[2], ids[0]]);
    const words = (await rm1.get(`/interactions?customerId=${c}&q=${encodeURIComponent('代发')}`)).json();
    expect(words.items.map((i: { id: number }) => i.id)).toEqual([ids[2]]);
    expect((await lead1.get(`/interactions?customerId=${c}`)).json().total).toBe(3);
    expect((await rm3.get(`/interactions?customerId=${c}`)).json()).toEqual({ items: [], total: 0 });
    const paged = (await rm1.get(`/interactions?customerId=${c}&page=2&pageSize=2`)).json();
    expect(paged).toMatchObject({ total: 3, items: [{ id: ids[0] }] });
    expect((await rm1.get('/interactions?from=2026-13-01')).statusCode).toBe(400);
  });

  it('corrects a record with its version: 409 when stale, audited with the change only', async () => {
    const created = (await record()).json();
    const res = await rm1.patch(`/interactions/${created.id}`, {
      version: 1,
      outcome: '客户同意试用现金管理',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: '客户同意试用现金管理', version: 2 });
    expect((await rm1.patch(`/interactions/${created.id}`, { version: 1, outcome: 'x' })).statusCode).toBe(
      409,
    );
    expect(
      (await rm1.patch(`/interactions/${created.id}`, { version: 2, contactId: otherContactId })).statusCode,
    ).toBe(400);
    expect((await risk1.patch(`/interactions/${created.id}`, { version: 2, outcome: 'x' })).statusCode).toBe(
      403,
    );
    expect((await rm3.patch(`/interactions/${created.id}`, { version: 2, outcome: 'x' })).statusCode).toBe(
      404,
    );
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity', '=', 'interaction')
      .where('entity_id', '=', String(created.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]!.after_json!)).toEqual({ outcome: '客户同意试用现金管理' });
  });
});
