import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { bankDate } from '../../../shared/schemas/common';

const DAY = 86_400_000;

describe.each(dialects())('tasks and notifications on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let rm3: Client;
  let lead1: Client;
  let risk1: Client;
  const day = (plus: number) => bankDate(new Date(ctx.deps.clock().getTime() + plus * DAY));
  const task = async (body: Record<string, unknown>, client = rm1) => {
    const res = await client.post('/tasks', { title: '送定期存款方案', dueOn: day(3), ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [rm1, rm2, rm3, lead1, risk1] = await ctx.loginAll('rm1', 'rm2', 'rm3', 'lead1', 'risk1');
  });
  afterAll(async () => ctx?.close());

  it('sets a task for oneself about a customer, answered with names, audited, without a notification', async () => {
    const customer = (await rm1.post('/customers', buildCustomer())).json();
    const t = await task({ customerId: customer.id, notes: '带上利率表' });
    expect(t).toMatchObject({
      status: 'open',
      overdue: false,
      source: 'manual',
      owner: { id: ctx.users.rm1 },
      createdBy: { id: ctx.users.rm1 },
      customer: { id: customer.id, code: customer.code },
      version: 1,
    });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'customer_id'])
      .where('entity', '=', 'task')
      .where('entity_id', '=', String(t.id))
      .execute();
    expect(audit).toEqual([{ action: 'create', customer_id: customer.id }]);
    expect(
      (await rm1.get('/notifications')).json().items.filter((n: { entityId: number }) => n.entityId === t.id),
    ).toEqual([]);
  });

  it('gives a task to a team colleague, who is told; refuses someone of another team, a past due date and a customer not seen', async () => {
    const t = await task({ ownerId: ctx.users.rm2, title: '核对开户资料' }, lead1);
    const bell = (await rm2.get('/notifications?unread=true')).json();
    expect(bell.unread).toBeGreaterThanOrEqual(1);
    expect(bell.items.find((n: { entityId: number }) => n.entityId === t.id)).toMatchObject({
      kind: 'task_assigned',
      entity: 'task',
      read: false,
      params: { title: '核对开户资料', by: 'lead1' },
    });
    const refusals: [Record<string, unknown>, string][] = [
      [{ ownerId: ctx.users.rm3 }, 'body.ownerId'],
      [{ ownerId: ctx.users.risk1 }, 'body.ownerId'],
      [{ dueOn: day(-1) }, 'body.dueOn'],
      [{ dueOn: '2026-02-30' }, 'body.dueOn'],
      [{ title: '' }, 'body.title'],
    ];
    for (const [body, path] of refusals) {
      const res = await rm1.post('/tasks', { title: 'x', dueOn: day(1), ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const hidden = (await rm3.post('/customers', buildCustomer())).json();
    expect((await rm1.post('/tasks', { title: 'x', dueOn: day(1), customerId: hidden.id })).statusCode).toBe(
      404,
    );
    expect((await risk1.post('/tasks', { title: 'x', dueOn: day(1) })).statusCode).toBe(403);
    expect((await ctx.anonymous.get('/tasks')).statusCode).toBe(401);
  });

  it('shows a task to its owner, who set it and the owner’s team lead only', async () => {
    const t = await task({ title: '只给团队看' });
    expect((await rm1.get(`/tasks/${t.id}`)).statusCode).toBe(200);
    expect((await lead1.get(`/tasks/${t.id}`)).statusCode).toBe(200);
    expect((await rm2.get(`/tasks/${t.id}`)).statusCode).toBe(404);
    expect((await rm3.get(`/tasks/${t.id}`)).statusCode).toBe(404);
    expect((await rm3.patch(`/tasks/${t.id}`, { version: 1, status: 'done' })).statusCode).toBe(404);
  });

  it('lists overdue, today’s and this week’s open tasks, and flags the overdue', async () => {
    const mine = await ctx.login('rm2');
    const today = await task({ title: '今天', dueOn: day(0) }, mine);
    const soon = await task({ title: '五天后', dueOn: day(5) }, mine);
    const later = await task({ title: '十天后', dueOn: day(10) }, mine);
    const titles = async (q: string, client = mine) =>
      ((await client.get(`/tasks?ownerId=${ctx.users.rm2}&${q}`)).json().items as { id: number }[])
        .map((t) => t.id)
        .filter((id) => [today.id, soon.id, later.id].includes(id));
    expect(await titles('due=today')).toEqual([today.id]);
    expect(await titles('due=week')).toEqual([today.id, soon.id]);
    expect(await titles('due=overdue')).toEqual([]);
    ctx.advance(2 * DAY);
    try {
      const twoDaysLater = await ctx.login('rm2'); // the first session has expired meanwhile
      expect(await titles('due=overdue', twoDaysLater)).toEqual([today.id]);
      expect((await twoDaysLater.get(`/tasks/${today.id}`)).json().overdue).toBe(true);
      expect((await twoDaysLater.get(`/tasks/${later.id}`)).json().overdue).toBe(false);
    } finally {
      ctx.advance(-2 * DAY);
    }
  });

  it('completes a task with its version (409 when stale) and reopens it', async () => {
    const t = await task({ title: '完成我' });
    const done = await rm1.patch(`/tasks/${t.id}`, { version: 1, status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', version: 2, completedAt: expect.any(String) });
    expect((await rm1.patch(`/tasks/${t.id}`, { version: 1, status: 'open' })).statusCode).toBe(409);
    const reopened = (await rm1.patch(`/tasks/${t.id}`, { version: 2, status: 'open' })).json();
    expect(reopened).toMatchObject({ status: 'open', completedAt: null, version: 3 });
    expect((await rm1.patch(`/tasks/${t.id}`, { version: 3, dueOn: day(-2) })).statusCode).toBe(400);
  });

  it('announces tasks due by tomorrow once, and marks notifications read one by one or all', async () => {
    const me = await ctx.login('rm1');
    await me.post('/notifications/read-all');
    const due = await task({ title: '明天到期', dueOn: day(1) }, me);
    await task({ title: '还早', dueOn: day(6) }, me);
    const first = (await me.get('/notifications?unread=true')).json();
    const announced = first.items.filter((n: { kind: string }) => n.kind === 'task_due_soon');
    expect(announced.map((n: { entityId: number }) => n.entityId)).toEqual([due.id]);
    expect(first.unread).toBe(1);
    const again = (await me.get('/notifications?unread=true')).json();
    expect(again.unread).toBe(1); // announced once only
    expect((await rm2.post(`/notifications/${announced[0].id}/read`)).statusCode).toBe(404);
    expect((await me.post(`/notifications/${announced[0].id}/read`)).statusCode).toBe(204);
    expect((await me.get('/notifications?unread=true')).json()).toMatchObject({ unread: 0, items: [] });
    expect((await me.get('/notifications')).json().items[0]).toMatchObject({
      id: announced[0].id,
      read: true,
    });
    expect((await me.post('/notifications/read-all')).json()).toEqual({ read: 0 });
  });
});
