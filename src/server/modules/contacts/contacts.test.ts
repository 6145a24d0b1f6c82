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

const tomorrow = () => new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);

describe.each(dialects())('contacts on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let rm3: Client;
  let lead1: Client;
  let risk1: Client;
  let customerId: number;
  let otherCustomerId: number;

  const newCustomer = async (client: Client) => {
    const res = await client.post('/customers', buildCustomer());
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const audit = (entity: string, entityId: number) =>
    ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', entity)
      .where('entity_id', '=', String(entityId))
      .orderBy('id')
      .execute();
  const addContact = async (id: number, body: Record<string, unknown> = {}) => {
    const res = await rm1.post(`/customers/${id}/contacts`, {
      name: '王建国',
      role: 'legal_representative',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const [a, b, c, d, e] = await Promise.all(
      ['rm1', 'rm2', 'rm3', 'lead1', 'risk1'].map((u) => ctx.login(u)),
    );
    [rm1, rm2, rm3, lead1, risk1] = [a!, b!, c!, d!, e!];
    customerId = await newCustomer(rm1);
    otherCustomerId = await newCustomer(rm1);
  });
  afterAll(async () => ctx?.close());

  describe('POST /customers/:id/contacts', () => {
    it('adds a contact, answers it with phone and e-mail masked, and audits it in full', async () => {
      const res = await rm1.post(`/customers/${customerId}/contacts`, {
        name: ' 王建国 ',
        role: 'finance_head',
        title: '财务总监',
        phone: '138-1234-5678',
        email: 'wang.jianguo@example.com',
        birthday: '1975-06-18',
        preferences: '喜欢喝茶，周末打高尔夫',
        notes: '每年 6 月生日问候',
      });
      expect(res.statusCode, res.body).toBe(201);
      const contact = res.json();
      expect(contact).toMatchObject({
        customerId,
        name: '王建国',
        role: 'finance_head',
        title: '财务总监',
        phone: '138****5678',
        email: 'w***@example.com',
        birthday: '1975-06-18',
        preferences: '喜欢喝茶，周末打高尔夫',
        version: 1,
      });
      expect(res.body).not.toContain('13812345678');
      expect(res.body).not.toContain('wang.jianguo');

      const entries = await audit('contact', contact.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'create',
        customer_id: customerId,
        actor_username: 'rm1',
      });
      expect(JSON.parse(entries[0]!.after_json!)).toMatchObject({
        name: '王建国',
        phone: '13812345678',
        email: 'wang.jianguo@example.com',
      });
    });

    it('needs only a name and a role', async () => {
      const contact = await addContact(customerId, { name: '李娜', role: 'family' });
      expect(contact).toMatchObject({ title: null, phone: null, email: null, birthday: null, notes: null });
    });

    it.each([
      [{ name: '王', role: 'legal_representative', nickname: 'x' }, 'body.nickname'],
      [{ name: '王', role: 'boss' }, 'body.role'],
      [{ role: 'legal_representative' }, 'body.name'],
      [{ name: '   ', role: 'legal_representative' }, 'body.name'],
      [{ name: '王', role: 'other', birthday: '1980-02-30' }, 'body.birthday'],
      [{ name: '王', role: 'other', birthday: '18/06/1975' }, 'body.birthday'],
      [{ name: '王', role: 'other', phone: 'call me' }, 'body.phone'],
      [{ name: '王', role: 'other', phone: '+12345678901234567890' }, 'body.phone'],
      [{ name: '王', role: 'other', email: 'not-an-address' }, 'body.email'],
      [{ name: '王', role: 'other', notes: 'x'.repeat(2001) }, 'body.notes'],
    ])('refuses %j naming %s', async (body, path) => {
      const res = await rm1.post(`/customers/${customerId}/contacts`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldPaths(res)[0]).toBe(path);
    });

    it('refuses a birthday in the future', async () => {
      const res = await rm1.post(`/customers/${customerId}/contacts`, {
        name: '王',
        role: 'other',
        birthday: tomorrow(),
      });
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res)).toEqual(['body.birthday']);
    });

    it('names a bad customer id', async () => {
      const res = await rm1.post('/customers/abc/contacts', { name: '王', role: 'other' });
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res)[0]).toBe('params.id');
    });

    it('answers 401 to an anonymous caller', async () => {
      const res = await ctx.anonymous.post(`/customers/${customerId}/contacts`, {
        name: '王',
        role: 'other',
      });
      expect(res.statusCode).toBe(401);
    });

    it('answers 404 for a customer outside the portfolio: another team’s RM, a teammate, or no such customer', async () => {
      for (const [client, id] of [
        [rm3, customerId],
        [rm2, customerId],
        [rm1, 999_999],
      ] as const) {
        const res = await client.post(`/customers/${id}/contacts`, { name: '王', role: 'other' });
        expect(res.statusCode, `${client.username}`).toBe(404);
      }
    });

    it('lets the team lead add one, and refuses a risk officer with 403', async () => {
      expect(
        (await lead1.post(`/customers/${customerId}/contacts`, { name: '赵', role: 'operator' })).statusCode,
      ).toBe(201);
      const res = await risk1.post(`/customers/${customerId}/contacts`, { name: '赵', role: 'operator' });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('GET /customers/:id/contacts', () => {
    it('lists the customer’s contacts, masked, oldest first, and only this customer’s', async () => {
      const id = await newCustomer(rm1);
      const first = await addContact(id, { name: '甲', phone: '13900001111' });
      const second = await addContact(id, { name: '乙', email: 'yi@example.cn' });
      await addContact(otherCustomerId, { name: '丙' });
      const res = await rm1.get(`/customers/${id}/contacts`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((c: { id: number }) => c.id)).toEqual([first.id, second.id]);
      expect(res.json().items[0].phone).toBe('139****1111');
      expect(res.json().items[1].email).toBe('y***@example.cn');
    });

    it('lets the team lead and a risk officer read', async () => {
      expect((await lead1.get(`/customers/${customerId}/contacts`)).statusCode).toBe(200);
      expect((await risk1.get(`/customers/${customerId}/contacts`)).statusCode).toBe(200);
    });

    it('answers 400, 401 and 404', async () => {
      const bad = await rm1.get('/customers/0/contacts');
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)[0]).toBe('params.id');
      expect((await ctx.anonymous.get(`/customers/${customerId}/contacts`)).statusCode).toBe(401);
      expect((await rm3.get(`/customers/${customerId}/contacts`)).statusCode).toBe(404);
      expect((await rm2.get(`/customers/${customerId}/contacts`)).statusCode).toBe(404);
    });
  });

  describe('PATCH /customers/:id/contacts/:contactId', () => {
    it('changes the named fields, bumps the version and audits only what changed', async () => {
      const contact = await addContact(customerId, { title: '董事长', phone: '13800000001' });
      const res = await rm1.patch(`/customers/${customerId}/contacts/${contact.id}`, {
        version: 1,
        title: '总经理',
        phone: '13800000002',
        name: '王建国',
        notes: null,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ title: '总经理', phone: '138****0002', version: 2 });

      const entries = await audit('contact', contact.id);
      expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
      expect(entries[1]!.customer_id).toBe(customerId);
      expect(JSON.parse(entries[1]!.before_json!)).toEqual({ title: '董事长', phone: '13800000001' });
      expect(JSON.parse(entries[1]!.after_json!)).toEqual({ title: '总经理', phone: '13800000002' });
    });

    it('clears a field with null', async () => {
      const contact = await addContact(customerId, { email: 'a@b.cn' });
      const res = await rm1.patch(`/customers/${customerId}/contacts/${contact.id}`, {
        version: 1,
        email: null,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().email).toBeNull();
    });

    it('answers a patch that changes nothing without a new version or audit entry', async () => {
      const contact = await addContact(customerId);
      const res = await rm1.patch(`/customers/${customerId}/contacts/${contact.id}`, {
        version: 1,
        name: '王建国',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().version).toBe(1);
      expect(await audit('contact', contact.id)).toHaveLength(1);
    });

    it('answers 409 for a stale version and changes nothing', async () => {
      const contact = await addContact(customerId, { title: '甲' });
      const url = `/customers/${customerId}/contacts/${contact.id}`;
      expect((await rm1.patch(url, { version: 1, title: '乙' })).statusCode).toBe(200);
      const stale = await lead1.patch(url, { version: 1, title: '丙' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('stale_version');
      const list = (await rm1.get(`/customers/${customerId}/contacts`)).json();
      expect(list.items.find((c: { id: number }) => c.id === contact.id)).toMatchObject({
        title: '乙',
        version: 2,
      });
    });

    it('answers 400 naming the field', async () => {
      const contact = await addContact(customerId);
      const url = `/customers/${customerId}/contacts/${contact.id}`;
      expect(fieldPaths(await rm1.patch(url, { title: 'x' }))[0]).toBe('body.version');
      expect(fieldPaths(await rm1.patch(url, { version: 1, customerId: 5 }))[0]).toBe('body.customerId');
      expect(fieldPaths(await rm1.patch(url, { version: 1, birthday: tomorrow() }))[0]).toBe('body.birthday');
      expect(fieldPaths(await rm1.patch(`/customers/${customerId}/contacts/x`, { version: 1 }))[0]).toBe(
        'params.contactId',
      );
    });

    it('answers 404 for a contact of another customer, another RM’s customer, or no such contact', async () => {
      const contact = await addContact(customerId);
      const elsewhere = await rm1.patch(`/customers/${otherCustomerId}/contacts/${contact.id}`, {
        version: 1,
        title: 'x',
      });
      expect(elsewhere.statusCode).toBe(404);
      const theirs = await rm3.patch(`/customers/${customerId}/contacts/${contact.id}`, {
        version: 1,
        title: 'x',
      });
      expect(theirs.statusCode).toBe(404);
      const missing = await rm1.patch(`/customers/${customerId}/contacts/999999`, { version: 1, title: 'x' });
      expect(missing.statusCode).toBe(404);
    });

    it('answers 401 anonymous and 403 to a risk officer', async () => {
      const contact = await addContact(customerId);
      const url = `/customers/${customerId}/contacts/${contact.id}`;
      expect((await ctx.anonymous.patch(url, { version: 1, title: 'x' })).statusCode).toBe(401);
      expect((await risk1.patch(url, { version: 1, title: 'x' })).statusCode).toBe(403);
    });
  });

  describe('DELETE /customers/:id/contacts/:contactId', () => {
    it('removes the contact and audits what it was', async () => {
      const contact = await addContact(customerId, { name: '孙', phone: '13700001234' });
      const res = await rm1.delete(`/customers/${customerId}/contacts/${contact.id}`);
      expect(res.statusCode, res.body).toBe(204);
      const list = (await rm1.get(`/customers/${customerId}/contacts`)).json();
      expect(list.items.some((c: { id: number }) => c.id === contact.id)).toBe(false);
      const entries = await audit('contact', contact.id);
      expect(entries.at(-1)).toMatchObject({ action: 'delete', customer_id: customerId, after_json: null });
      expect(JSON.parse(entries.at(-1)!.before_json!)).toMatchObject({ name: '孙', phone: '13700001234' });
      expect((await rm1.delete(`/customers/${customerId}/contacts/${contact.id}`)).statusCode).toBe(404);
    });

    it('answers 404 for a contact of another customer, and keeps it', async () => {
      const contact = await addContact(customerId);
      expect((await rm1.delete(`/customers/${otherCustomerId}/contacts/${contact.id}`)).statusCode).toBe(404);
      expect((await rm3.delete(`/customers/${customerId}/contacts/${contact.id}`)).statusCode).toBe(404);
      const list = (await rm1.get(`/customers/${customerId}/contacts`)).json();
      expect(list.items.some((c: { id: number }) => c.id === contact.id)).toBe(true);
    });

    it('answers 400, 401 and 403', async () => {
      const contact = await addContact(customerId);
      const bad = await rm1.delete(`/customers/${customerId}/contacts/-1`);
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)[0]).toBe('params.contactId');
      expect((await ctx.anonymous.delete(`/customers/${customerId}/contacts/${contact.id}`)).statusCode).toBe(
        401,
      );
      expect((await risk1.delete(`/customers/${customerId}/contacts/${contact.id}`)).statusCode).toBe(403);
    });
  });
  describe('POST /customers/:id/contacts/:contactId/reveal', () => {
    it('shows the full phone to whom may see it, with the reason in the audit log; never to an administrator', async () => {
      const c = await addContact(customerId, {
        name: '周经理',
        phone: '13912345678',
        email: 'zhou@example.com',
      });
      expect(c.phone).toBe('139****5678');
      const res = await rm1.post(`/customers/${customerId}/contacts/${c.id}/reveal`, {
        field: 'phone',
        reason: '电话预约拜访',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ field: 'phone', value: '13912345678' });
      const audit = await ctx.deps.db
        .selectFrom('audit_log')
        .select(['action', 'reason', 'after_json', 'actor_id'])
        .where('entity', '=', 'contact')
        .where('entity_id', '=', String(c.id))
        .where('action', '=', 'reveal')
        .execute();
      expect(audit).toEqual([
        {
          action: 'reveal',
          reason: '电话预约拜访',
          after_json: JSON.stringify({ field: 'phone' }),
          actor_id: ctx.users.rm1,
        },
      ]);
      expect(
        (
          await risk1.post(`/customers/${customerId}/contacts/${c.id}/reveal`, {
            field: 'email',
            reason: '核实身份',
          })
        ).json(),
      ).toEqual({
        field: 'email',
        value: 'zhou@example.com',
      });
      const admin = await ctx.login('admin');
      expect(
        (
          await admin.post(`/customers/${customerId}/contacts/${c.id}/reveal`, {
            field: 'phone',
            reason: '看看号码',
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await rm3.post(`/customers/${customerId}/contacts/${c.id}/reveal`, {
            field: 'phone',
            reason: '看看号码',
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await rm1.post(`/customers/${otherCustomerId}/contacts/${c.id}/reveal`, {
            field: 'phone',
            reason: '看看号码',
          })
        ).statusCode,
      ).toBe(404);
      const bad = await rm1.post(`/customers/${customerId}/contacts/${c.id}/reveal`, {
        field: 'birthday',
        reason: 'x',
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .error.fields.map((f: { path: string }) => f.path)
          .sort(),
      ).toEqual(['body.field', 'body.reason']);
    });
  });
});
