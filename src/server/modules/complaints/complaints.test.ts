import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { escalateOverdue } from './escalation';

// Complaints, suggestions and praise (issue #8 part 3, DOMAIN §5): deadlines by severity, escalation to
// the team lead on breach (once), resolution and the satisfaction with the fix, the day page's alerts,
// the dashboard and the versioned deadline settings.

const fieldPaths = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  (res.json().error.fields ?? []).map((f) => f.path);

/** The clock of every test unless it says otherwise: 2026-03-31 10:00 in Asia/Shanghai. */
const NOW = '2026-03-31T02:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

const complaint = (customerId: number, over: Record<string, unknown> = {}) => ({
  customerId,
  kind: 'complaint',
  channel: 'branch',
  category: 'waiting_time',
  severity: 'normal',
  subject: '网点排队时间过长',
  description: '客户反映周一上午在营业部排队超过一小时。',
  ...over,
});

describe.each(dialects())('complaints on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let rm3: Client;
  let lead1: Client;
  let lead2: Client;
  let risk1: Client;
  let admin: Client;
  /** rm1's customer, used by the tests that need no customer of their own. */
  let customerId: number;
  let now = NOW;

  const newCustomer = async (client: Client = rm1, over: Record<string, unknown> = {}) => {
    const res = await client.post('/customers', buildCustomer(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const create = async (body: Record<string, unknown>, client: Client = rm1) => {
    const res = await client.post('/complaints', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const get = async (id: number, client: Client = rm1) => {
    const res = await client.get(`/complaints/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const notificationsOf = (entityId: number) =>
    ctx.deps.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('entity', '=', 'complaint')
      .where('entity_id', '=', entityId)
      .orderBy('id')
      .execute();
  const audit = (entityId: number) =>
    ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'complaint')
      .where('entity_id', '=', String(entityId))
      .orderBy('id')
      .execute();
  /** Runs `fn` with the clock at `at`, then puts it back. */
  const at = async <T>(iso: string, fn: () => Promise<T>) => {
    const previous = now;
    now = iso;
    try {
      return await fn();
    } finally {
      now = previous;
    }
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ctx.deps.clock = () => new Date(now);
    [rm1, rm2, rm3, lead1, lead2, risk1, admin] = await ctx.loginAll(
      'rm1',
      'rm2',
      'rm3',
      'lead1',
      'lead2',
      'risk1',
      'admin',
    );
    customerId = await newCustomer();
  });
  afterEach(() => {
    now = NOW;
  });
  afterAll(async () => ctx?.close());

  describe('POST /complaints', () => {
    it('sets the deadline by severity (praise has none), assigns the customer’s RM and audits it', async () => {
      const receivedAt = ago(2 * HOUR);
      const res = await lead1.post('/complaints', complaint(customerId, { receivedAt, severity: 'high' }));
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      expect(c).toEqual({
        id: expect.any(Number),
        customer: { id: customerId, code: expect.any(String), name: expect.any(String) },
        kind: 'complaint',
        channel: 'branch',
        category: 'waiting_time',
        severity: 'high',
        status: 'open',
        subject: '网点排队时间过长',
        description: '客户反映周一上午在营业部排队超过一小时。',
        receivedAt,
        deadlineAt: plus(receivedAt, 3 * DAY),
        breached: false,
        assignee: { id: ctx.users.rm1, name: 'RM1' },
        escalatedAt: null,
        escalatedTo: null,
        resolution: null,
        resolvedAt: null,
        resolvedBy: null,
        hoursToResolve: null,
        fixSatisfaction: null,
        version: 1,
        createdBy: { id: ctx.users.lead1, name: 'LEAD1' },
        createdAt: NOW,
      });
      for (const [severity, days] of [
        ['urgent', 1],
        ['normal', 7],
        ['low', 15],
      ] as const) {
        expect((await create(complaint(customerId, { receivedAt, severity }))).deadlineAt).toBe(
          plus(receivedAt, days * DAY),
        );
      }
      const praise = await create(complaint(customerId, { kind: 'praise', receivedAt, severity: 'urgent' }));
      expect(praise).toMatchObject({ deadlineAt: null, breached: false });
      // The RM is told of the case the team lead entered for them; nobody is told of their own.
      expect(await notificationsOf(c.id)).toEqual([{ user_id: ctx.users.rm1, kind: 'complaint_assigned' }]);
      expect(await notificationsOf(praise.id)).toEqual([]);
      const entries = await audit(c.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'create',
        customer_id: customerId,
        actor_id: ctx.users.lead1,
      });
      expect(JSON.parse(entries[0]!.after_json!)).toMatchObject({
        severity: 'high',
        deadlineAt: c.deadlineAt,
        assigneeId: ctx.users.rm1,
      });
    });

    it('takes now as receivedAt when none is given', async () => {
      const c = await create(complaint(customerId, { severity: 'urgent' }));
      expect(c).toMatchObject({ receivedAt: NOW, deadlineAt: plus(NOW, DAY) });
    });

    it('answers 400 naming the bad field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ category: 'weather' }, 'body.category'],
        [{ kind: 'rant' }, 'body.kind'],
        [{ severity: 'critical' }, 'body.severity'],
        [{ channel: 'pigeon' }, 'body.channel'],
        [{ receivedAt: '2026-03-31' }, 'body.receivedAt'],
        [{ receivedAt: plus(NOW, 1) }, 'body.receivedAt'],
        [{ subject: ' ' }, 'body.subject'],
        [{ colour: 'red' }, 'body.colour'],
      ];
      for (const [body, path] of cases) {
        const res = await rm1.post('/complaints', complaint(customerId, body));
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(fieldPaths(res), JSON.stringify(body)).toEqual([path]);
      }
    });

    it('accepts a receivedAt of exactly now', async () => {
      expect((await create(complaint(customerId, { receivedAt: NOW }))).receivedAt).toBe(NOW);
    });

    it('lets an RM assign only to themself, a team lead to the team, and only to someone who sees the customer', async () => {
      const self = await create(complaint(customerId, { assigneeId: ctx.users.rm1 }));
      expect(self.assignee.id).toBe(ctx.users.rm1);
      const toColleague = await rm1.post('/complaints', complaint(customerId, { assigneeId: ctx.users.rm2 }));
      expect(toColleague.statusCode).toBe(400);
      expect(fieldPaths(toColleague)).toEqual(['body.assigneeId']);
      const otherTeam = await lead1.post('/complaints', complaint(customerId, { assigneeId: ctx.users.rm3 }));
      expect(fieldPaths(otherTeam)).toEqual(['body.assigneeId']);
      const risk = await admin.post('/complaints', complaint(customerId, { assigneeId: ctx.users.risk1 }));
      expect(fieldPaths(risk)).toEqual(['body.assigneeId']);
      // rm2 does not see rm1's customer until it is shared with them.
      const shared = await newCustomer();
      const unseen = await lead1.post('/complaints', complaint(shared, { assigneeId: ctx.users.rm2 }));
      expect(fieldPaths(unseen)).toEqual(['body.assigneeId']);
      expect((await lead1.post(`/customers/${shared}/shares`, { userId: ctx.users.rm2 })).statusCode).toBe(
        200,
      );
      const c = await create(complaint(shared, { assigneeId: ctx.users.rm2 }), lead1);
      expect(c.assignee).toEqual({ id: ctx.users.rm2, name: 'RM2' });
      expect(await notificationsOf(c.id)).toEqual([{ user_id: ctx.users.rm2, kind: 'complaint_assigned' }]);
    });

    it('answers 404 for a customer the RM may not see or a missing one, 403 to a risk officer, 401 anonymous', async () => {
      expect((await rm2.post('/complaints', complaint(customerId))).statusCode).toBe(404);
      expect((await rm3.post('/complaints', complaint(customerId))).statusCode).toBe(404);
      expect((await rm1.post('/complaints', complaint(999_999))).statusCode).toBe(404);
      expect((await risk1.post('/complaints', complaint(customerId))).statusCode).toBe(403);
      expect((await ctx.anonymous.post('/complaints', complaint(customerId))).statusCode).toBe(401);
    });
  });

  describe('deadline and escalation', () => {
    it('is not breached at exactly the deadline, breached 1 ms later, and then escalated to the team lead once', async () => {
      const c = await create(complaint(customerId, { receivedAt: ago(7 * DAY) }));
      expect(c).toMatchObject({ deadlineAt: NOW, breached: false, escalatedAt: null });
      expect(await escalateOverdue(ctx.deps, { ids: [c.id] })).toEqual([]);
      expect((await get(c.id)).breached).toBe(false);

      const later = plus(NOW, 1);
      await at(later, async () => {
        expect((await get(c.id)).breached).toBe(true);
        // Two sweeps at once (two instances on PostgreSQL), then another: the case is escalated once.
        const [first, second] = await Promise.all([escalateOverdue(ctx.deps), escalateOverdue(ctx.deps)]);
        expect([...first!, ...second!].filter((id) => id === c.id)).toEqual([c.id]);
        expect(await escalateOverdue(ctx.deps)).toEqual([]);
        const escalated = await get(c.id);
        expect(escalated).toMatchObject({
          breached: true,
          escalatedAt: later,
          escalatedTo: { id: ctx.users.lead1, name: 'LEAD1' },
          version: 1,
        });
      });
      expect(await notificationsOf(c.id)).toEqual([
        { user_id: ctx.users.lead1, kind: 'complaint_escalated' },
        { user_id: ctx.users.rm1, kind: 'complaint_escalated' },
      ]);
      const entries = await audit(c.id);
      expect(entries.map((e) => e.action)).toEqual(['create', 'escalate']);
      expect(entries[1]).toMatchObject({ actor_id: null, customer_id: customerId });
      expect(JSON.parse(entries[1]!.after_json!)).toEqual({
        escalatedAt: later,
        escalatedTo: ctx.users.lead1,
      });
    });

    it('escalates at once a case entered after its deadline passed', async () => {
      const c = await create(complaint(customerId, { severity: 'urgent', receivedAt: ago(DAY + 1) }));
      expect(c).toMatchObject({
        breached: true,
        escalatedAt: NOW,
        escalatedTo: { id: ctx.users.lead1, name: 'LEAD1' },
      });
      expect(await notificationsOf(c.id)).toEqual([
        { user_id: ctx.users.lead1, kind: 'complaint_escalated' },
        { user_id: ctx.users.rm1, kind: 'complaint_escalated' },
      ]);
      expect(await escalateOverdue(ctx.deps)).not.toContain(c.id);
      expect((await audit(c.id)).map((e) => e.action)).toEqual(['create', 'escalate']);
    });

    it("escalates a team lead's own case to an administrator", async () => {
      const own = await newCustomer(lead1, { ownerId: ctx.users.lead1 });
      const c = await create(complaint(own, { receivedAt: ago(8 * DAY) }), lead1);
      expect(c.assignee.id).toBe(ctx.users.lead1);
      expect(c.escalatedTo).toEqual({ id: ctx.users.admin, name: 'ADMIN' });
      expect(await notificationsOf(c.id)).toEqual([
        { user_id: ctx.users.admin, kind: 'complaint_escalated' },
        { user_id: ctx.users.lead1, kind: 'complaint_escalated' },
      ]);
    });

    it('never gives praise a deadline nor escalates it', async () => {
      const c = await create(complaint(customerId, { kind: 'praise', receivedAt: ago(800 * DAY) }));
      expect(c).toMatchObject({ deadlineAt: null, breached: false, escalatedAt: null });
      expect(await escalateOverdue(ctx.deps)).not.toContain(c.id);
      expect(await get(c.id)).toMatchObject({ escalatedAt: null, escalatedTo: null });
      expect(await notificationsOf(c.id)).toEqual([]);
    });

    it('does not escalate a case resolved before its deadline', async () => {
      // Due 5 minutes from now; the clock then moves 10 minutes on (sessions idle out after 30).
      const c = await create(
        complaint(customerId, { severity: 'urgent', receivedAt: ago(DAY - 5 * 60_000) }),
      );
      const res = await rm1.patch(`/complaints/${c.id}`, {
        version: 1,
        status: 'resolved',
        resolution: '已致歉',
      });
      expect(res.statusCode, res.body).toBe(200);
      await at(plus(NOW, 10 * 60_000), async () => {
        expect(await escalateOverdue(ctx.deps)).not.toContain(c.id);
        expect(await get(c.id)).toMatchObject({ breached: false, escalatedAt: null });
      });
    });
  });

  describe('PATCH /complaints/:id', () => {
    it('re-rates (the deadline moves from receivedAt), re-categorises and reassigns with a notification', async () => {
      const id = await newCustomer();
      const receivedAt = ago(2 * DAY);
      const c = await create(complaint(id, { receivedAt }), lead1);
      const res = await lead1.patch(`/complaints/${c.id}`, {
        version: 1,
        severity: 'low',
        category: 'fees',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        severity: 'low',
        category: 'fees',
        deadlineAt: plus(receivedAt, 15 * DAY),
        version: 2,
      });
      expect((await lead1.post(`/customers/${id}/shares`, { userId: ctx.users.rm2 })).statusCode).toBe(200);
      const moved = await lead1.patch(`/complaints/${c.id}`, { version: 2, assigneeId: ctx.users.rm2 });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ assignee: { id: ctx.users.rm2 }, version: 3 });
      expect(await notificationsOf(c.id)).toEqual([
        { user_id: ctx.users.rm1, kind: 'complaint_assigned' },
        { user_id: ctx.users.rm2, kind: 'complaint_assigned' },
      ]);
      // rm2 may take the case back to themself, but not hand it to rm1.
      const handOn = await rm2.patch(`/complaints/${c.id}`, { version: 3, assigneeId: ctx.users.rm1 });
      expect(fieldPaths(handOn)).toEqual(['body.assigneeId']);
      const entries = await audit(c.id);
      expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update']);
      expect(JSON.parse(entries[1]!.before_json!)).toEqual({
        category: 'waiting_time',
        severity: 'normal',
        deadlineAt: plus(receivedAt, 7 * DAY),
      });
      expect(JSON.parse(entries[2]!.after_json!)).toEqual({ assigneeId: ctx.users.rm2 });
    });

    it('escalates at once when a higher severity puts the case past its deadline', async () => {
      const c = await create(complaint(customerId, { receivedAt: ago(2 * DAY) }));
      expect(c.escalatedAt).toBeNull();
      const res = await rm1.patch(`/complaints/${c.id}`, { version: 1, severity: 'urgent' });
      expect(res.json()).toMatchObject({
        deadlineAt: ago(DAY),
        breached: true,
        escalatedAt: NOW,
        escalatedTo: { id: ctx.users.lead1 },
      });
    });

    it('resolves with a resolution, then records the satisfaction with the fix', async () => {
      const receivedAt = ago(30 * HOUR);
      const c = await create(complaint(customerId, { receivedAt }));
      const none = await rm1.patch(`/complaints/${c.id}`, { version: 1, status: 'resolved' });
      expect(none.statusCode).toBe(400);
      expect(fieldPaths(none)).toEqual(['body.resolution']);
      const blank = await rm1.patch(`/complaints/${c.id}`, {
        version: 1,
        status: 'resolved',
        resolution: ' ',
      });
      expect(fieldPaths(blank)).toEqual(['body.resolution']);
      const early = await rm1.patch(`/complaints/${c.id}`, { version: 1, fixSatisfaction: 6 });
      expect(early.statusCode).toBe(400);
      expect(fieldPaths(early)).toEqual(['body.fixSatisfaction']);

      const res = await rm1.patch(`/complaints/${c.id}`, {
        version: 1,
        status: 'resolved',
        resolution: '已增开窗口并向客户致歉',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'resolved',
        resolution: '已增开窗口并向客户致歉',
        resolvedAt: NOW,
        resolvedBy: { id: ctx.users.rm1, name: 'RM1' },
        hoursToResolve: 30,
        breached: false,
        version: 2,
      });
      for (const score of [0, 8, 5.5]) {
        const bad = await rm1.patch(`/complaints/${c.id}`, { version: 2, fixSatisfaction: score });
        expect(bad.statusCode, String(score)).toBe(400);
        expect(fieldPaths(bad)).toEqual(['body.fixSatisfaction']);
      }
      const rated = await rm1.patch(`/complaints/${c.id}`, { version: 2, fixSatisfaction: 6 });
      expect(rated.json()).toMatchObject({ fixSatisfaction: 6, version: 3 });
      const cleared = await rm1.patch(`/complaints/${c.id}`, { version: 3, resolution: null });
      expect(fieldPaths(cleared)).toEqual(['body.resolution']);
      expect((await audit(c.id)).map((e) => e.action)).toEqual(['create', 'resolve', 'update']);
    });

    it('records a case resolved after its deadline as breached', async () => {
      const c = await create(complaint(customerId, { severity: 'urgent', receivedAt: ago(25 * HOUR) }));
      const res = await rm1.patch(`/complaints/${c.id}`, {
        version: 1,
        status: 'resolved',
        resolution: '已处理',
      });
      expect(res.json()).toMatchObject({ breached: true, hoursToResolve: 25 });
    });

    it('lets a team lead reopen a resolved case, clearing the resolution and its rating; an RM may not', async () => {
      const c = await create(complaint(customerId, { receivedAt: ago(HOUR) }));
      await rm1.patch(`/complaints/${c.id}`, {
        version: 1,
        status: 'resolved',
        resolution: '已解释收费标准',
      });
      await rm1.patch(`/complaints/${c.id}`, { version: 2, fixSatisfaction: 2 });
      const byRm = await rm1.patch(`/complaints/${c.id}`, { version: 3, status: 'open' });
      expect(byRm.statusCode).toBe(403);
      const res = await lead1.patch(`/complaints/${c.id}`, { version: 3, status: 'open' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'open',
        resolution: null,
        resolvedAt: null,
        resolvedBy: null,
        fixSatisfaction: null,
        hoursToResolve: null,
        version: 4,
      });
      const entries = await audit(c.id);
      expect(entries.at(-1)).toMatchObject({ action: 'reopen', actor_id: ctx.users.lead1 });
      expect(JSON.parse(entries.at(-1)!.before_json!)).toMatchObject({
        status: 'resolved',
        resolution: '已解释收费标准',
        fixSatisfaction: 2,
      });
    });

    it('refuses a rating on praise', async () => {
      const c = await create(complaint(customerId, { kind: 'praise' }));
      await rm1.patch(`/complaints/${c.id}`, { version: 1, status: 'resolved', resolution: '已转达表扬' });
      const res = await rm1.patch(`/complaints/${c.id}`, { version: 2, fixSatisfaction: 7 });
      expect(fieldPaths(res)).toEqual(['body.fixSatisfaction']);
    });

    it('answers 409 to a stale version and changes nothing; a no-op keeps the version', async () => {
      const c = await create(complaint(customerId));
      expect((await rm1.patch(`/complaints/${c.id}`, { version: 1, category: 'fees' })).statusCode).toBe(200);
      const stale = await lead1.patch(`/complaints/${c.id}`, { version: 1, severity: 'urgent' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('stale_version');
      expect(await get(c.id)).toMatchObject({ category: 'fees', severity: 'normal', version: 2 });
      const same = await rm1.patch(`/complaints/${c.id}`, { version: 2, category: 'fees' });
      expect(same.json()).toMatchObject({ version: 2 });
      expect(await audit(c.id)).toHaveLength(2);
    });

    it('answers 400 for a bad field, 404 for a case the RM may not see, 403 to a risk officer, 401 anonymous', async () => {
      const c = await create(complaint(customerId));
      const bad = await rm1.patch(`/complaints/${c.id}`, { version: 1, category: 'weather' });
      expect(fieldPaths(bad)).toEqual(['body.category']);
      expect(fieldPaths(await rm1.patch(`/complaints/${c.id}`, { status: 'resolved' }))).toEqual([
        'body.version',
      ]);
      expect((await rm3.patch(`/complaints/${c.id}`, { version: 1, category: 'fees' })).statusCode).toBe(404);
      expect((await rm1.patch('/complaints/999999', { version: 1 })).statusCode).toBe(404);
      expect((await risk1.patch(`/complaints/${c.id}`, { version: 1, category: 'fees' })).statusCode).toBe(
        403,
      );
      expect((await ctx.anonymous.patch(`/complaints/${c.id}`, { version: 1 })).statusCode).toBe(401);
      expect(await audit(c.id)).toHaveLength(1);
    });
  });

  describe('reading', () => {
    it('lists only cases of visible customers, filtered and paged; a hidden one answers 404', async () => {
      const mine = await newCustomer();
      const a = await create(complaint(mine, { severity: 'low', receivedAt: ago(3 * DAY) }));
      const b = await create(complaint(mine, { severity: 'urgent', receivedAt: ago(2 * DAY) }));
      const p = await create(complaint(mine, { kind: 'praise', receivedAt: ago(DAY) }));
      const list = await rm1.get(`/complaints?customerId=${mine}`);
      expect(list.statusCode, list.body).toBe(200);
      // By deadline: b (breached, escalated at entry), a; praise last.
      expect(list.json().items.map((c: { id: number }) => c.id)).toEqual([b.id, a.id, p.id]);
      expect(list.json().total).toBe(3);
      const byReceipt = (await rm1.get(`/complaints?customerId=${mine}&sort=receivedAt&order=desc`)).json();
      expect(byReceipt.items.map((c: { id: number }) => c.id)).toEqual([p.id, b.id, a.id]);
      const breached = (await rm1.get(`/complaints?customerId=${mine}&breached=true`)).json();
      expect(breached.items.map((c: { id: number }) => c.id)).toEqual([b.id]);
      const notBreached = (await rm1.get(`/complaints?customerId=${mine}&breached=false`)).json();
      expect(notBreached.items.map((c: { id: number }) => c.id)).toEqual([a.id, p.id]);
      const praise = (await rm1.get(`/complaints?customerId=${mine}&kind=praise`)).json();
      expect(praise.items.map((c: { id: number }) => c.id)).toEqual([p.id]);
      const page = (await rm1.get(`/complaints?customerId=${mine}&pageSize=1&page=2`)).json();
      expect(page).toMatchObject({ total: 3, items: [{ id: a.id }] });

      expect((await rm3.get(`/complaints?customerId=${mine}`)).json()).toEqual({ items: [], total: 0 });
      expect((await rm3.get(`/complaints/${a.id}`)).statusCode).toBe(404);
      expect((await lead2.get(`/complaints/${a.id}`)).statusCode).toBe(404);
      expect((await lead1.get(`/complaints/${a.id}`)).statusCode).toBe(200);
      expect((await risk1.get(`/complaints/${a.id}`)).statusCode).toBe(200);
      expect((await ctx.anonymous.get(`/complaints/${a.id}`)).statusCode).toBe(401);
      expect((await rm1.get('/complaints/999999')).statusCode).toBe(404);
      const bad = await rm1.get('/complaints?category=weather');
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)).toEqual(['querystring.category']);
    });

    it("lists the customer's cases newest first on the customer page", async () => {
      const id = await newCustomer();
      const older = await create(complaint(id, { receivedAt: ago(5 * DAY) }));
      const newer = await create(complaint(id, { kind: 'suggestion', receivedAt: ago(HOUR) }));
      const res = await rm1.get(`/customers/${id}/complaints`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((c: { id: number }) => c.id)).toEqual([newer.id, older.id]);
      expect((await risk1.get(`/customers/${id}/complaints`)).statusCode).toBe(200);
      expect((await rm3.get(`/customers/${id}/complaints`)).statusCode).toBe(404);
    });
  });

  describe('GET /complaints/alerts', () => {
    // Team 2's RM and lead are used by no other test, so their alerts are exactly these cases.
    it("shows the RM's open cases and the lead's escalated ones, breached first, with the counts", async () => {
      const id = await newCustomer(rm3);
      const breached = await create(complaint(id, { receivedAt: ago(8 * DAY) }), rm3);
      expect(breached.escalatedTo).toEqual({ id: ctx.users.lead2, name: 'LEAD2' });
      // Due in 10 minutes, so the clock can pass it before the sessions idle out (30 minutes).
      const dueSoon = await create(complaint(id, { receivedAt: ago(7 * DAY - 10 * 60_000) }), rm3);
      const dueEdge = await create(complaint(id, { receivedAt: ago(6 * DAY) }), rm3); // due in exactly 24 h
      const later = await create(complaint(id, { kind: 'suggestion', receivedAt: ago(DAY) }), rm3);
      await create(complaint(id, { kind: 'praise', receivedAt: ago(DAY) }), rm3);
      const done = await create(complaint(id, { receivedAt: ago(HOUR) }), rm3);
      await rm3.patch(`/complaints/${done.id}`, { version: 1, status: 'resolved', resolution: '已办结' });

      const mine = await rm3.get('/complaints/alerts');
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json()).toMatchObject({ breached: 1, dueSoon: 2 });
      expect(mine.json().items.map((c: { id: number }) => c.id)).toEqual([
        breached.id,
        dueSoon.id,
        dueEdge.id,
        later.id,
      ]);
      const lead = (await lead2.get('/complaints/alerts')).json();
      expect(lead).toMatchObject({ breached: 1, dueSoon: 0 });
      expect(lead.items.map((c: { id: number }) => c.id)).toEqual([breached.id]);

      // The sweep runs first: a case that breached since shows up escalated.
      await at(plus(dueSoon.deadlineAt, 1), async () => {
        const swept = (await lead2.get('/complaints/alerts')).json();
        expect(swept.items.map((c: { id: number }) => c.id)).toEqual([breached.id, dueSoon.id]);
        expect(swept.breached).toBe(2);
      });
      expect((await risk1.get('/complaints/alerts')).statusCode).toBe(403);
      expect((await admin.get('/complaints/alerts')).statusCode).toBe(403);
      expect((await ctx.anonymous.get('/complaints/alerts')).statusCode).toBe(401);
    });
  });

  describe('GET /complaints/dashboard', () => {
    it('counts by category, branch and month and measures resolution times, checked by hand', async () => {
      const id = await newCustomer();
      /** Enters a case at its receipt, resolves it `hours` later (when given) and rates the fix. */
      const handled = async (
        receivedAt: string,
        over: Record<string, unknown>,
        hours?: number,
        rating?: number,
      ) => {
        const c = await at(receivedAt, () => create(complaint(id, { receivedAt, ...over })));
        if (hours === undefined) return c;
        await at(plus(receivedAt, hours * HOUR), async () => {
          const res = await rm1.patch(`/complaints/${c.id}`, {
            version: 1,
            status: 'resolved',
            resolution: '已办结',
          });
          expect(res.statusCode, res.body).toBe(200);
          if (rating !== undefined) {
            expect(
              (await rm1.patch(`/complaints/${c.id}`, { version: 2, fixSatisfaction: rating })).statusCode,
            ).toBe(200);
          }
        });
        return c;
      };
      // Bank months run in Asia/Shanghai: 2024-12-31T16:00Z is already 2025-01-01 there.
      await handled('2024-12-31T15:59:59.000Z', { category: 'fees' }, 5);
      await handled('2024-12-31T16:00:00.000Z', { category: 'fees' }, 50);
      await handled('2025-01-10T02:00:00.000Z', { category: 'fees' }, 10, 6);
      await handled('2025-01-20T02:00:00.000Z', { category: 'fees', severity: 'high' }, 20, 7);
      await handled(
        '2025-02-05T02:00:00.000Z',
        { kind: 'suggestion', category: 'process', severity: 'low' },
        30,
      );
      // Urgent (24 h), resolved after 40 h: breached.
      await handled('2025-02-15T02:00:00.000Z', { category: 'service_attitude', severity: 'urgent' }, 40, 2);
      // Entered now, long after its deadline: open, breached, escalated.
      await create(complaint(id, { category: 'staff_conduct', receivedAt: '2025-03-01T02:00:00.000Z' }));
      await handled('2025-03-20T02:00:00.000Z', { kind: 'praise', category: 'service_attitude' });
      await handled('2025-03-31T16:00:00.000Z', { category: 'fees' }, 1); // 2025-04-01 in Shanghai

      const res = await admin.get('/complaints/dashboard?from=2025-01&to=2025-03');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        from: '2025-01',
        to: '2025-03',
        total: 7,
        open: 2,
        breached: 2,
        escalated: 1,
        byCategory: [
          { category: 'fees', count: 3, open: 0, breached: 0 },
          { category: 'service_attitude', count: 2, open: 1, breached: 1 },
          { category: 'process', count: 1, open: 0, breached: 0 },
          { category: 'staff_conduct', count: 1, open: 1, breached: 1 },
        ],
        byBranch: [
          {
            branch: { id: ctx.teams.branch, name: '测试支行' },
            count: 7,
            breached: 2,
            meanHoursToResolve: 30,
          },
        ],
        byMonth: [
          { month: '2025-01', complaint: 3, suggestion: 0, praise: 0 },
          { month: '2025-02', complaint: 1, suggestion: 1, praise: 0 },
          { month: '2025-03', complaint: 1, suggestion: 0, praise: 1 },
        ],
        // Hours 10, 20, 30, 40, 50: median 30; p90 at rank 0.9 × 4 = 3.6 → 40 + 0.6 × 10 = 46.
        // Within the deadline: all but the urgent one resolved after 40 h, 4 of 5.
        resolution: { resolved: 5, medianHours: 30, p90Hours: 46, withinDeadlineShare: 0.8 },
        fixSatisfaction: { n: 3, mean: 5 },
      });

      // A team lead sees their team's customers only; a branch filter narrows to that branch.
      const team2 = (await lead2.get('/complaints/dashboard?from=2025-01&to=2025-03')).json();
      expect(team2).toMatchObject({
        total: 0,
        byCategory: [],
        byBranch: [],
        resolution: { resolved: 0, medianHours: null },
      });
      const team1 = (await lead1.get('/complaints/dashboard?from=2025-01&to=2025-03')).json();
      expect(team1.total).toBe(7);
      const otherBranch = (
        await risk1.get(`/complaints/dashboard?from=2025-01&to=2025-03&branchId=${ctx.teams.branch + 1}`)
      ).json();
      expect(otherBranch.total).toBe(0);
      const oneMonth = (await risk1.get('/complaints/dashboard?from=2025-02&to=2025-02')).json();
      expect(oneMonth).toMatchObject({
        total: 2,
        resolution: { resolved: 2, medianHours: 35, p90Hours: 39 },
      });
    });

    it('defaults to the 12 months to the current bank month and checks its query', async () => {
      const res = await lead1.get('/complaints/dashboard');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ from: '2025-04', to: '2026-03' });
      expect(res.json().byMonth).toHaveLength(12);
      const cases: [string, string][] = [
        ['?from=2025-13', 'querystring.from'],
        ['?from=2025-1', 'querystring.from'],
        ['?from=2025-06&to=2025-05', 'querystring.from'],
        ['?to=March', 'querystring.to'],
      ];
      for (const [q, path] of cases) {
        const bad = await admin.get(`/complaints/dashboard${q}`);
        expect(bad.statusCode, q).toBe(400);
        expect(fieldPaths(bad), q).toEqual([path]);
      }
      expect((await rm1.get('/complaints/dashboard')).statusCode).toBe(403);
      expect((await ctx.anonymous.get('/complaints/dashboard')).statusCode).toBe(401);
    });
  });

  describe('settings', () => {
    // Last: it changes the deadlines, and puts the defaults back at the end.
    it('versions the deadlines with who and why; a new version applies to new cases only', async () => {
      const current = await rm1.get('/settings/complaint-deadlines');
      expect(current.statusCode).toBe(200);
      expect(current.json()).toEqual({
        version: 0,
        settings: { deadlineDays: { urgent: 1, high: 3, normal: 7, low: 15 } },
        reason: null,
        createdAt: null,
        createdBy: null,
      });
      const earlier = await create(complaint(customerId, { receivedAt: ago(HOUR) }));
      const settings = { deadlineDays: { urgent: 1, high: 2, normal: 5, low: 10 } };
      expect(
        (
          await lead1.put('/settings/complaint-deadlines', {
            settings,
            reason: '监管要求缩短时限',
            version: 0,
          })
        ).statusCode,
      ).toBe(403);
      const bad = await admin.put('/settings/complaint-deadlines', {
        settings: { deadlineDays: { ...settings.deadlineDays, normal: 0 } },
        reason: '监管要求缩短时限',
        version: 0,
      });
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)).toEqual(['body.settings.deadlineDays.normal']);
      const noReason = await admin.put('/settings/complaint-deadlines', {
        settings,
        reason: '短',
        version: 0,
      });
      expect(fieldPaths(noReason)).toEqual(['body.reason']);

      const saved = await admin.put('/settings/complaint-deadlines', {
        settings,
        reason: '监管要求缩短时限',
        version: 0,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({
        version: 1,
        settings,
        reason: '监管要求缩短时限',
        createdAt: NOW,
        createdBy: { id: ctx.users.admin },
      });
      expect(
        (await admin.put('/settings/complaint-deadlines', { settings, reason: '再次保存', version: 0 }))
          .statusCode,
      ).toBe(409);

      const receivedAt = ago(HOUR);
      const fresh = await create(complaint(customerId, { receivedAt }));
      expect(fresh.deadlineAt).toBe(plus(receivedAt, 5 * DAY));
      expect((await get(earlier.id)).deadlineAt).toBe(plus(earlier.receivedAt, 7 * DAY));
      const rerated = await rm1.patch(`/complaints/${earlier.id}`, { version: 1, severity: 'high' });
      expect(rerated.json().deadlineAt).toBe(plus(earlier.receivedAt, 2 * DAY));

      const versions = (await risk1.get('/settings/complaint-deadlines/versions')).json().items;
      expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 0]);
      const entry = await ctx.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity', '=', 'complaint_settings')
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({
        action: 'update',
        actor_id: ctx.users.admin,
        reason: '监管要求缩短时限',
      });

      const restored = await admin.put('/settings/complaint-deadlines', {
        settings: { deadlineDays: { urgent: 1, high: 3, normal: 7, low: 15 } },
        reason: '恢复默认时限',
        version: 1,
      });
      expect(restored.json().version).toBe(2);
    });
  });
});
