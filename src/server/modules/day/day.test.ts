import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { bankDate } from '../../../shared/schemas/common';

// The RM's day (工作台) from its agenda sources, and the team lead's overview.

const DAY = 86_400_000;
type Section = {
  source: string;
  total: number;
  items: { kind: string; id: number; title: string; overdue: boolean; detail: string | null }[];
};

describe.each(dialects())('the day page and the team overview on %s', (dialect) => {
  let ctx: TestContext;
  let rm2: Client;
  let lead1: Client;
  let lead2: Client;
  let customer: { id: number; name: string };
  const day = (plus: number) => bankDate(new Date(ctx.deps.clock().getTime() + plus * DAY));
  const sections = async (client: Client, q = '') => {
    const res = await client.get(`/day${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries((res.json().sections as Section[]).map((s) => [s.source, s]));
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [rm2, lead1, lead2] = await ctx.loginAll('rm2', 'lead1', 'lead2');
    customer = (await rm2.post('/customers', buildCustomer({ annualRevenue: 9_000_000 }))).json();
  });
  afterAll(async () => ctx?.close());

  it('answers every section for an RM, and the plans to approve for a team lead only', async () => {
    const mine = await sections(rm2);
    expect(Object.keys(mine)).toEqual([
      'visits',
      'tasks_overdue',
      'tasks_due',
      'memos',
      'recent_interactions',
    ]);
    expect(Object.keys(await sections(lead1))).toContain('plans_to_approve');
    expect((await rm2.get('/day?date=2026-02-30')).statusCode).toBe(400);
    expect((await ctx.anonymous.get('/day')).statusCode).toBe(401);
  });

  it('lists the day’s visits, overdue and due tasks, memos awaiting follow-up and recent contacts', async () => {
    const soon = new Date(ctx.deps.clock().getTime() + 5 * 60_000);
    const startsAt = soon.toISOString();
    const plan = (
      await rm2.post('/visit-plans', {
        customerId: customer.id,
        startsAt,
        products: ['time_deposit'],
        submit: true,
        objectives: [
          {
            what: '新增单位定期存款',
            needTag: 'deposit',
            product: 'time_deposit',
            metric: '新增定期存款余额',
            unit: 'yuan',
            target: 1_000_000,
            justification: '年末回款，客户有存放意愿',
            dueOn: day(30),
          },
        ],
      })
    ).json();
    expect(plan.status).toBe('planned');
    const today = await rm2.post('/tasks', { title: '今天要打的电话', dueOn: day(0) });
    expect(today.statusCode, today.body).toBe(201);
    const visitDay = bankDate(soon);
    const before = await sections(rm2, `?date=${visitDay}`);
    expect(before.visits!.items.map((i) => [i.kind, i.id, i.title])).toEqual([
      ['visit', plan.id, customer.name],
    ]);
    expect((await sections(rm2, `?date=${day(0)}`)).tasks_due!.items.map((i) => i.title)).toContain(
      '今天要打的电话',
    );

    ctx.advance(10 * 60_000);
    try {
      const done = await rm2.post(`/visit-plans/${plan.id}/summary`, {
        version: plan.version,
        summary: '拜访完成，客户同意存入 100 万',
        outcomes: [{ objectiveId: plan.objectives[0].id, outcome: 'met', actual: 1_000_000 }],
        needsFound: [],
        memo: [
          { title: '寄送存单', dueOn: day(2) },
          { title: '回访客户', dueOn: day(5) },
        ],
      });
      expect(done.statusCode, done.body).toBe(200);
      const after = await sections(rm2);
      expect(after.memos).toMatchObject({ total: 1, items: [{ kind: 'memo', id: plan.id, detail: '2' }] });
      expect(after.recent_interactions!.items[0]).toMatchObject({ kind: 'interaction', detail: 'visit' });
    } finally {
      ctx.advance(-10 * 60_000);
    }

    ctx.advance(3 * DAY);
    try {
      const later = await ctx.login('rm2');
      const overdue = (await sections(later)).tasks_overdue!;
      expect(overdue.items.map((i) => i.title)).toEqual(['今天要打的电话', '寄送存单']);
      expect(overdue.items.every((i) => i.overdue)).toBe(true);
    } finally {
      ctx.advance(-3 * DAY);
    }
  });

  it('gives a team lead the team’s plans by status, objective attainment and contacts per customer per month', async () => {
    const from = day(-1);
    const to = day(1);
    const res = await lead1.get(`/team/overview?from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    const overview = res.json();
    const member = overview.members.find((m: { user: { id: number } }) => m.user.id === ctx.users.rm2);
    expect(member).toMatchObject({
      plans: { completed: 1 },
      objectives: { met: 1, partly: 0, notMet: 0, total: 1, attainment: 1 },
      contacts: 1,
      customersContacted: 1,
      customersOwned: 1,
    });
    expect(overview.contactsByMonth).toEqual([
      {
        month: expect.stringMatching(/^\d{4}-\d{2}$/),
        userId: ctx.users.rm2,
        contacts: 1,
        customers: 1,
        perCustomer: 1,
      },
    ]);
    expect((await lead1.get(`/team/overview?from=${to}&to=${from}`)).statusCode).toBe(400);
    expect(
      (await lead2.get(`/team/overview?from=${from}&to=${to}&teamId=${ctx.teams.team1}`)).statusCode,
    ).toBe(404);
    expect((await rm2.get(`/team/overview?from=${from}&to=${to}`)).statusCode).toBe(403);
  });
});
