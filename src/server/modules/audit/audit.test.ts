import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { bankDate, bankDayStart } from '../../../shared/schemas/common';

describe.each(dialects())('audit log on %s', (dialect) => {
  let ctx: TestContext;
  let admin: Client;
  let rm1: Client;
  let customerId: number;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [admin, rm1] = await ctx.loginAll('admin', 'rm1');
    customerId = (await rm1.post('/customers', buildCustomer())).json().id;
  });
  afterAll(async () => ctx?.close());

  it('lets administrators filter by actor, entity, action, customer and day', async () => {
    const today = bankDate(ctx.deps.clock()); // days are the bank's (Asia/Shanghai), not UTC
    const res = await admin.get(
      `/audit?actorId=${ctx.users.rm1}&entity=customer&action=create&customerId=${customerId}&from=${today}&to=${today}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().items[0]).toMatchObject({
      actorUsername: 'rm1',
      entity: 'customer',
      entityId: String(customerId),
    });
    expect((await admin.get('/audit?from=2000-01-01&to=2000-01-02')).json().total).toBe(0);
  });

  it('counts days in the bank’s time zone: 16:00 UTC is already the next day in Shanghai', () => {
    expect(bankDayStart('2026-03-01')).toBe('2026-02-28T16:00:00.000Z');
    expect(bankDayStart('2026-03-01', 1)).toBe('2026-03-01T16:00:00.000Z');
    expect(bankDate(new Date('2026-02-28T15:59:59.999Z'))).toBe('2026-02-28');
    expect(bankDate(new Date('2026-02-28T16:00:00.000Z'))).toBe('2026-03-01');
  });

  it('answers 400 for a bad filter and 403 to anyone but an administrator', async () => {
    const bad = await admin.get('/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('querystring.from');
    expect((await rm1.get('/audit')).statusCode).toBe(403);
    expect((await ctx.anonymous.get('/audit')).statusCode).toBe(401);
  });

  it('keeps a customer’s trail from RMs and from team leads of other teams', async () => {
    expect((await rm1.get(`/customers/${customerId}/audit`)).statusCode).toBe(403);
    expect((await (await ctx.login('lead2')).get(`/customers/${customerId}/audit`)).statusCode).toBe(404);
    const lead1 = await ctx.login('lead1');
    expect((await lead1.get(`/customers/${customerId}/audit`)).json().items[0].action).toBe('create');
  });

  it('writes the audit entry in the transaction of the write: a refused write leaves none', async () => {
    const before = (await admin.get('/audit?entity=customer&pageSize=1')).json().total;
    const c = (await rm1.get(`/customers/${customerId}`)).json();
    expect(
      (await rm1.patch(`/customers/${customerId}`, { version: c.version + 5, name: '新名字' })).statusCode,
    ).toBe(409);
    expect((await admin.get('/audit?entity=customer&pageSize=1')).json().total).toBe(before);
  });
});
