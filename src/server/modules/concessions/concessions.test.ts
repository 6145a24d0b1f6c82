import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';

// Concessions (DOMAIN §5, pitfall 1): recorded by those who may edit the customer, listed newest first
// with whether each is in force on the bank day, changed or ended with their version, all audited.

const fieldPaths = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  (res.json().error.fields ?? []).map((f) => f.path);

/** The bank day of every test: 2026-03-31 in Asia/Shanghai. */
const NOW = '2026-03-31T10:00:00+08:00';

const waiver = (over: Record<string, unknown> = {}) => ({
  kind: 'fee_waiver',
  description: '免收代发工资手续费',
  yearlyCost: 12_000.5,
  approver: '王行长',
  reason: '战略客户，代发工资 800 人',
  startsOn: '2026-01-01',
  ...over,
});

describe.each(dialects())('concessions on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let lead1: Client;
  let risk1: Client;
  let admin: Client;
  let customerId: number;

  const newCustomer = async (client: Client = rm1) => {
    const res = await client.post('/customers', buildCustomer());
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const add = async (id: number, body: Record<string, unknown> = {}, client: Client = rm1) => {
    const res = await client.post(`/customers/${id}/concessions`, waiver(body));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const audit = (entityId: number) =>
    ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'concession')
      .where('entity_id', '=', String(entityId))
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ctx.deps.clock = () => new Date(NOW);
    [rm1, rm2, lead1, risk1, admin] = await ctx.loginAll('rm1', 'rm2', 'lead1', 'risk1', 'admin');
    customerId = await newCustomer();
  });
  afterAll(async () => ctx?.close());

  describe('POST /customers/:id/concessions', () => {
    it('records a concession in fen, answers it in yuan with who recorded it, and audits it', async () => {
      const id = await newCustomer();
      const res = await rm1.post(`/customers/${id}/concessions`, waiver({ endsOn: '2026-12-31' }));
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      expect(c).toEqual({
        id: expect.any(Number),
        customerId: id,
        kind: 'fee_waiver',
        description: '免收代发工资手续费',
        yearlyCost: 12000.5,
        approver: '王行长',
        reason: '战略客户，代发工资 800 人',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        active: true,
        createdBy: { id: ctx.users.rm1, name: 'RM1' },
        createdAt: new Date(NOW).toISOString(),
        version: 1,
      });
      const stored = await ctx.deps.db
        .selectFrom('concessions')
        .select('yearly_cost')
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(Number(stored.yearly_cost)).toBe(1_200_050);
      const entries = await audit(c.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'create', customer_id: id, actor_id: ctx.users.rm1 });
      expect(JSON.parse(entries[0]!.after_json!)).toMatchObject({
        yearlyCost: 12000.5,
        endsOn: '2026-12-31',
      });
    });

    it("lets the team lead and the administrator record one for the team's customer", async () => {
      expect((await lead1.post(`/customers/${customerId}/concessions`, waiver())).statusCode).toBe(201);
      expect((await admin.post(`/customers/${customerId}/concessions`, waiver())).statusCode).toBe(201);
    });

    it('answers 400 naming the bad field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ yearlyCost: 1.005 }, 'body.yearlyCost'],
        [{ yearlyCost: -1 }, 'body.yearlyCost'],
        [{ kind: 'cashback' }, 'body.kind'],
        [{ approver: ' ' }, 'body.approver'],
        [{ startsOn: '2026-02-30' }, 'body.startsOn'],
        [{ endsOn: '2025-12-31' }, 'body.endsOn'],
        [{ colour: 'red' }, 'body.colour'],
      ];
      for (const [body, path] of cases) {
        const res = await rm1.post(`/customers/${customerId}/concessions`, waiver(body));
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(fieldPaths(res)).toContain(path);
      }
      const { reason: _, ...noReason } = waiver();
      const res = await rm1.post(`/customers/${customerId}/concessions`, noReason);
      expect(fieldPaths(res)).toEqual(['body.reason']);
    });

    it('answers 401 to an anonymous caller', async () => {
      expect((await ctx.anonymous.post(`/customers/${customerId}/concessions`, waiver())).statusCode).toBe(
        401,
      );
    });

    it("answers 404 for another RM's customer and for a missing one, and 403 to a risk officer", async () => {
      expect((await rm2.post(`/customers/${customerId}/concessions`, waiver())).statusCode).toBe(404);
      expect((await rm1.post('/customers/999999/concessions', waiver())).statusCode).toBe(404);
      expect((await risk1.post(`/customers/${customerId}/concessions`, waiver())).statusCode).toBe(403);
    });
  });

  describe('GET /customers/:id/concessions', () => {
    it('lists newest first, each marked in force on the bank day or not', async () => {
      const id = await newCustomer();
      const ended = await add(id, { startsOn: '2025-01-01', endsOn: '2026-03-30' });
      const endsToday = await add(id, {
        kind: 'rate_discount',
        startsOn: '2025-06-01',
        endsOn: '2026-03-31',
      });
      const startsToday = await add(id, { startsOn: '2026-03-31' });
      const future = await add(id, { startsOn: '2026-04-01' });
      const res = await rm1.get(`/customers/${id}/concessions`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((c: { id: number; active: boolean }) => [c.id, c.active])).toEqual([
        [future.id, false],
        [startsToday.id, true],
        [endsToday.id, true],
        [ended.id, false],
      ]);
    });

    it('lets a risk officer and the team lead read them', async () => {
      expect((await risk1.get(`/customers/${customerId}/concessions`)).statusCode).toBe(200);
      expect((await lead1.get(`/customers/${customerId}/concessions`)).statusCode).toBe(200);
    });

    it('answers 400 for a bad id, 401 anonymous and 404 for another RM’s customer', async () => {
      const bad = await rm1.get('/customers/abc/concessions');
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)).toEqual(['params.id']);
      expect((await ctx.anonymous.get(`/customers/${customerId}/concessions`)).statusCode).toBe(401);
      expect((await rm2.get(`/customers/${customerId}/concessions`)).statusCode).toBe(404);
    });
  });

  describe('PATCH /concessions/:id', () => {
    it('ends a concession by its end date, bumps the version and audits the change', async () => {
      const c = await add(customerId);
      const res = await rm1.patch(`/concessions/${c.id}`, { version: 1, endsOn: '2026-03-30' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: c.id, endsOn: '2026-03-30', active: false, version: 2 });
      const changed = await rm1.patch(`/concessions/${c.id}`, { version: 2, yearlyCost: 8000, endsOn: null });
      expect(changed.json()).toMatchObject({ yearlyCost: 8000, endsOn: null, active: true, version: 3 });
      const entries = await audit(c.id);
      expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update']);
      expect(JSON.parse(entries[1]!.before_json!)).toEqual({ endsOn: null });
      expect(JSON.parse(entries[1]!.after_json!)).toEqual({ endsOn: '2026-03-30' });
      expect(JSON.parse(entries[2]!.after_json!)).toEqual({ yearlyCost: 8000, endsOn: null });
    });

    it('changes nothing and writes no audit entry when nothing differs', async () => {
      const c = await add(customerId);
      const res = await rm1.patch(`/concessions/${c.id}`, { version: 1, approver: '王行长' });
      expect(res.json()).toMatchObject({ version: 1 });
      expect(await audit(c.id)).toHaveLength(1);
    });

    it('answers 409 to a stale version and changes nothing', async () => {
      const c = await add(customerId);
      expect((await rm1.patch(`/concessions/${c.id}`, { version: 1, approver: '李行长' })).statusCode).toBe(
        200,
      );
      const stale = await lead1.patch(`/concessions/${c.id}`, { version: 1, endsOn: '2026-06-30' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('stale_version');
      const [now] = (await rm1.get(`/customers/${customerId}/concessions`)).json().items;
      expect(now).toMatchObject({ id: c.id, approver: '李行长', endsOn: null, version: 2 });
    });

    it('answers 400 naming the field when the end would be before the start', async () => {
      const c = await add(customerId, { startsOn: '2026-01-01', endsOn: '2026-06-30' });
      const end = await rm1.patch(`/concessions/${c.id}`, { version: 1, endsOn: '2025-12-31' });
      expect(end.statusCode).toBe(400);
      expect(fieldPaths(end)).toEqual(['body.endsOn']);
      const start = await rm1.patch(`/concessions/${c.id}`, { version: 1, startsOn: '2026-07-01' });
      expect(start.statusCode).toBe(400);
      expect(fieldPaths(start)).toEqual(['body.startsOn']);
      const missing = await rm1.patch(`/concessions/${c.id}`, { endsOn: '2026-12-31' });
      expect(fieldPaths(missing)).toEqual(['body.version']);
      const kind = await rm1.patch(`/concessions/${c.id}`, { version: 1, kind: 'rate_discount' });
      expect(fieldPaths(kind)).toEqual(['body.kind']);
    });

    it("answers 401 anonymous, 404 for another RM's concession or a missing one, 403 to a risk officer", async () => {
      const c = await add(customerId);
      expect((await ctx.anonymous.patch(`/concessions/${c.id}`, { version: 1 })).statusCode).toBe(401);
      expect((await rm2.patch(`/concessions/${c.id}`, { version: 1, endsOn: '2026-04-30' })).statusCode).toBe(
        404,
      );
      expect((await rm1.patch('/concessions/999999', { version: 1 })).statusCode).toBe(404);
      expect((await risk1.patch(`/concessions/${c.id}`, { version: 1 })).statusCode).toBe(403);
      expect(await audit(c.id)).toHaveLength(1);
    });
  });
});
