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
const fieldPaths = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  (res.json().error.fields ?? []).map((f) => f.path);

describe.each(dialects())('visit plans on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let rm3: Client;
  let lead1: Client;
  let lead2: Client;
  let risk1: Client;
  let customer: { id: number; code: string };
  let contactId: number;
  let otherContactId: number;

  const at = (days: number, hour = 10) => {
    const d = new Date(ctx.deps.clock().getTime() + days * DAY);
    return `${bankDate(d)}T${String(hour).padStart(2, '0')}:00:00+08:00`;
  };
  const day = (days: number) => bankDate(new Date(ctx.deps.clock().getTime() + days * DAY));
  const smartObjective = (overrides: Record<string, unknown> = {}) => ({
    what: '新增单位定期存款',
    needTag: 'deposit',
    product: 'time_deposit',
    metric: '新增定期存款余额',
    unit: 'yuan',
    target: 3_000_000,
    justification: '年末回款约 500 万元，客户有存放意愿',
    dueOn: day(40),
    ...overrides,
  });
  const plan = (body: Record<string, unknown> = {}, client = rm1) =>
    client.post('/visit-plans', {
      customerId: customer.id,
      startsAt: at(3),
      place: '客户办公室',
      contactIds: [contactId],
      participants: [{ name: '赵国际', department: '国际业务部' }],
      timingRationale: '年末资金回笼',
      entryPoint: '代发工资合作',
      agenda: '1. 介绍定期存款 2. 了解结算需求',
      products: ['time_deposit'],
      offer: '定期存款利率上浮 10%',
      objectives: [smartObjective()],
      ...body,
    });

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [rm1, rm2, rm3, lead1, lead2, risk1] = await ctx.loginAll('rm1', 'rm2', 'rm3', 'lead1', 'lead2', 'risk1');
    customer = (await rm1.post('/customers', buildCustomer({ annualRevenue: 5_000_000 }))).json();
    contactId = (
      await rm1.post(`/customers/${customer.id}/contacts`, { name: '钱总', role: 'decision_maker' })
    ).json().id;
    const other = (await rm1.post('/customers', buildCustomer())).json();
    otherContactId = (
      await rm1.post(`/customers/${other.id}/contacts`, { name: '孙会计', role: 'operator' })
    ).json().id;
  });
  afterAll(async () => ctx?.close());

  it('drafts a plan whose objective fails the SMART check, shows why, and refuses to submit it', async () => {
    const res = await plan({ objectives: [smartObjective({ metric: null, target: 6_000_000 })] });
    expect(res.statusCode, res.body).toBe(201);
    const draft = res.json();
    expect(draft).toMatchObject({
      status: 'draft',
      smartOk: false,
      contacts: [{ id: contactId, name: '钱总' }],
      participants: [{ name: '赵国际', department: '国际业务部' }],
      products: ['time_deposit'],
      owner: { id: ctx.users.rm1 },
    });
    const letters = draft.objectives[0].smart.letters;
    expect(letters.M.ok).toBe(false);
    expect(letters.A.ok).toBe(false); // 6,000,000 above the revenue of 5,000,000
    expect(letters.A.reason.zh).toContain('5,000,000.00');
    expect(letters.S.ok && letters.R.ok && letters.T.ok).toBe(true);
    const submit = await rm1.post(`/visit-plans/${draft.id}/submit`, { version: draft.version });
    expect(submit.statusCode).toBe(400);
    expect(submit.json().error.code).toBe('not_smart');
    expect(fieldPaths(submit)).toEqual(['body.objectives.0.M', 'body.objectives.0.A']);
    expect((await rm1.get(`/visit-plans/${draft.id}`)).json().status).toBe('draft');
  });

  it('refuses plans in the past, due dates before the visit, a contact of another customer and a customer not seen', async () => {
    const past = await plan({ startsAt: at(-1) });
    expect(past.statusCode).toBe(400);
    expect(fieldPaths(past)).toEqual(['body.startsAt']);
    const early = await plan({ objectives: [smartObjective({ dueOn: day(1) })], submit: true });
    expect(early.statusCode).toBe(400);
    expect(fieldPaths(early)).toEqual(['body.objectives.0.T']);
    const foreign = await plan({ contactIds: [otherContactId] });
    expect(fieldPaths(foreign)).toEqual(['body.contactIds.0']);
    expect((await plan({}, rm3)).statusCode).toBe(404);
    expect((await plan({}, risk1)).statusCode).toBe(403);
    expect((await plan({ objectives: [] })).statusCode).toBe(400);
    expect(fieldPaths(await plan({ objectives: [smartObjective({ unit: 'count', target: 2.5 })] }))).toEqual([
      'body.objectives.0.target',
    ]);
    const plans = await ctx.deps.db
      .selectFrom('visit_plans')
      .select('id')
      .where('starts_at', '<', new Date().toISOString())
      .execute();
    expect(plans).toEqual([]);
  });

  it('fixes a draft with its version and submits it: planned when the team asks for no approval', async () => {
    const draft = (await plan({ objectives: [smartObjective({ metric: null })] })).json();
    expect(
      (await rm1.patch(`/visit-plans/${draft.id}`, { version: draft.version + 1, agenda: 'x' })).statusCode,
    ).toBe(409);
    const fixed = await rm1.patch(`/visit-plans/${draft.id}`, {
      version: draft.version,
      objectives: [smartObjective()],
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ smartOk: true, version: draft.version + 1 });
    expect((await lead1.patch(`/visit-plans/${draft.id}`, { version: 2, agenda: 'x' })).statusCode).toBe(403);
    expect((await rm3.patch(`/visit-plans/${draft.id}`, { version: 2, agenda: 'x' })).statusCode).toBe(404);
    const submitted = await rm1.post(`/visit-plans/${draft.id}/submit`, { version: 2 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'planned',
      needsApproval: false,
      submittedAt: expect.any(String),
    });
    const edit = await rm1.patch(`/visit-plans/${draft.id}`, { version: 3, agenda: 'x' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('wrong_status');
  });

  it('goes to the team lead when the team asks: returned with a note, resubmitted, approved; each told', async () => {
    const team = (await lead1.patch(`/teams/${ctx.teams.team1}`, { plansNeedApproval: true })).json();
    expect(team.plansNeedApproval).toBe(true);
    expect((await lead2.patch(`/teams/${ctx.teams.team1}`, { plansNeedApproval: false })).statusCode).toBe(
      404,
    );
    try {
      const submitted = (await plan({ submit: true })).json();
      expect(submitted).toMatchObject({ status: 'pending_approval', needsApproval: true });
      const bell = (await lead1.get('/notifications?unread=true')).json();
      expect(
        bell.items.find((n: { entityId: number; kind: string }) => n.entityId === submitted.id),
      ).toMatchObject({
        kind: 'plan_submitted',
        params: { by: 'rm1' },
      });
      expect(
        (await lead2.post(`/visit-plans/${submitted.id}/approve`, { version: submitted.version })).statusCode,
      ).toBe(404);
      expect(
        (await lead1.post(`/visit-plans/${submitted.id}/return`, { version: submitted.version })).statusCode,
      ).toBe(400);
      const returned = await lead1.post(`/visit-plans/${submitted.id}/return`, {
        version: submitted.version,
        note: '请补充同业竞争情况',
      });
      expect(returned.json()).toMatchObject({
        status: 'returned',
        decisionNote: '请补充同业竞争情况',
        decidedBy: { id: ctx.users.lead1 },
      });
      const told = (await rm1.get('/notifications?unread=true')).json().items;
      expect(told.find((n: { entityId: number }) => n.entityId === submitted.id)).toMatchObject({
        kind: 'plan_returned',
      });
      const again = (
        await rm1.post(`/visit-plans/${submitted.id}/submit`, { version: returned.json().version })
      ).json();
      expect(again.status).toBe('pending_approval');
      const approved = await lead1.post(`/visit-plans/${submitted.id}/approve`, { version: again.version });
      expect(approved.json()).toMatchObject({ status: 'planned', decisionNote: null });
      expect(
        (await rm1.get('/notifications?unread=true'))
          .json()
          .items.some(
            (n: { entityId: number; kind: string }) =>
              n.entityId === submitted.id && n.kind === 'plan_approved',
          ),
      ).toBe(true);
    } finally {
      await lead1.patch(`/teams/${ctx.teams.team1}`, { plansNeedApproval: false });
    }
  });

  it('after the visit: outcomes, needs found added to the customer, the memo as tasks, the visit as a contact', async () => {
    // A visit a few minutes ahead, so the sessions outlive the wait for it.
    const soon = new Date(ctx.deps.clock().getTime() + 3 * 60_000).toISOString();
    const planned = (await plan({ submit: true, startsAt: soon })).json();
    expect(planned.status).toBe('planned');
    const summary = {
      version: planned.version,
      summary: '见到钱总，客户同意先存 200 万定期，另有外汇结算需求',
      maintenanceForm: 'functional',
      nextStep: '两周内送国际结算方案',
      outcomes: [{ objectiveId: planned.objectives[0].id, outcome: 'partly', actual: 2_000_000 }],
      needsFound: ['fx'],
      addNeedTags: true,
      memo: [
        { title: '送国际结算方案', dueOn: day(14) },
        { title: '办理定期存款开户', dueOn: day(3), ownerId: ctx.users.rm2 },
      ],
    };
    const early = await rm1.post(`/visit-plans/${planned.id}/summary`, summary);
    expect(early.statusCode).toBe(400); // the visit has not happened yet
    ctx.advance(10 * 60_000);
    try {
      const incomplete = await rm1.post(`/visit-plans/${planned.id}/summary`, { ...summary, outcomes: [] });
      expect(fieldPaths(incomplete), incomplete.body).toContain('body.outcomes');
      expect((await rm2.post(`/visit-plans/${planned.id}/summary`, summary)).statusCode).toBe(404);
      const res = await rm1.post(`/visit-plans/${planned.id}/summary`, summary);
      expect(res.statusCode, res.body).toBe(200);
      const done = res.json();
      expect(done).toMatchObject({
        status: 'completed',
        needsFound: ['fx'],
        objectivesMet: 0,
        objectives: [{ outcome: 'partly', actual: 2_000_000 }],
        interactionId: expect.any(Number),
      });
      expect(done.memoTaskIds).toHaveLength(2);
      const contact = (await rm1.get(`/interactions/${done.interactionId}`)).json();
      expect(contact).toMatchObject({
        planId: planned.id,
        channel: 'visit',
        contact: { id: contactId },
        maintenanceForm: 'functional',
        summary: summary.summary,
        occurredAt: planned.startsAt,
      });
      const tasks = (await rm1.get(`/tasks?planId=${planned.id}`)).json().items;
      expect(
        tasks.map((t: { title: string; source: string; owner: { id: number } }) => [
          t.title,
          t.source,
          t.owner.id,
        ]),
      ).toEqual([
        ['办理定期存款开户', 'memo', ctx.users.rm2],
        ['送国际结算方案', 'memo', ctx.users.rm1],
      ]);
      const c = (await rm1.get(`/customers/${customer.id}`)).json();
      expect(c.needTags).toEqual(['deposit', 'fx']);
      const audit = await ctx.deps.db
        .selectFrom('audit_log')
        .select(['reason', 'after_json'])
        .where('entity', '=', 'customer')
        .where('entity_id', '=', String(customer.id))
        .where('action', '=', 'update')
        .execute();
      expect(audit.at(-1)).toMatchObject({ reason: `needs found on visit plan #${planned.id}` });
      expect(
        (await rm1.post(`/visit-plans/${planned.id}/summary`, { ...summary, version: done.version }))
          .statusCode,
      ).toBe(409);
    } finally {
      ctx.advance(-10 * 60_000);
    }
  });

  it('lists plans in scope with filters; cancels a plan; a risk officer reads but does not act', async () => {
    const p = (await plan()).json();
    const mine = (await rm1.get(`/visit-plans?customerId=${customer.id}&status=draft`)).json();
    expect(mine.items.map((i: { id: number }) => i.id)).toContain(p.id);
    expect((await rm3.get(`/visit-plans?customerId=${customer.id}`)).json()).toEqual({ items: [], total: 0 });
    expect((await risk1.get(`/visit-plans/${p.id}`)).statusCode).toBe(200);
    expect((await risk1.post(`/visit-plans/${p.id}/cancel`, { version: p.version })).statusCode).toBe(403);
    const cancelled = await lead1.post(`/visit-plans/${p.id}/cancel`, {
      version: p.version,
      note: '客户出差',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect((await rm1.post(`/visit-plans/${p.id}/cancel`, { version: p.version + 1 })).statusCode).toBe(409);
  });
});
