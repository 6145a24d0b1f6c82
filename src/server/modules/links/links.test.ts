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
// Checks made by the service name the bare field (as customers.service does); schema checks prefix
// where the field was: either way the field is named.
const namesToCustomerId = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  expect(fieldPaths(res)).toEqual([expect.stringMatching(/^(body\.)?toCustomerId$/)]);

interface Customer {
  id: number;
  code: string;
  name: string;
}

describe.each(dialects())('customer links on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let rm3: Client;
  let lead1: Client;
  let risk1: Client;
  let admin: Client;

  const newCustomer = async (client: Client): Promise<Customer> => {
    const res = await client.post('/customers', buildCustomer());
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const link = async (client: Client, from: number, toCustomerId: number, kind: string, note?: string) => {
    const res = await client.post(`/customers/${from}/links`, { toCustomerId, kind, note });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const links = async (client: Client, id: number) => {
    const res = await client.get(`/customers/${id}/links`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };
  const audit = (linkId: number) =>
    ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'customer_link')
      .where('entity_id', '=', String(linkId))
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const clients = await Promise.all(
      ['rm1', 'rm2', 'rm3', 'lead1', 'risk1', 'admin'].map((u) => ctx.login(u)),
    );
    [rm1, rm2, rm3, lead1, risk1, admin] = clients as [Client, Client, Client, Client, Client, Client];
  });
  afterAll(async () => ctx?.close());

  describe('POST /customers/:id/links', () => {
    it('links two customers, answers the link as seen from this customer and audits it on both', async () => {
      const [a, b] = [await newCustomer(rm1), await newCustomer(rm1)];
      const res = await rm1.post(`/customers/${a.id}/links`, {
        toCustomerId: b.id,
        kind: 'group',
        note: ' 同一集团 ',
      });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json();
      expect(created).toMatchObject({
        kind: 'group',
        direction: 'outgoing',
        linkedCustomer: { id: b.id, code: b.code, name: b.name, hidden: false },
        note: '同一集团',
        removable: true,
      });
      const entries = await audit(created.id);
      expect(entries.map((e) => [e.action, e.customer_id])).toEqual([
        ['create', a.id],
        ['create', b.id],
      ]);
      expect(JSON.parse(entries[0]!.after_json!)).toEqual({
        fromCustomerId: a.id,
        toCustomerId: b.id,
        kind: 'group',
        note: '同一集团',
      });
    });

    it.each([
      [{ kind: 'group' }, 'body.toCustomerId'],
      [{ toCustomerId: '12', kind: 'group' }, 'body.toCustomerId'],
      [{ toCustomerId: 12, kind: 'friends' }, 'body.kind'],
      [{ toCustomerId: 12, kind: 'group', since: '2020' }, 'body.since'],
      [{ toCustomerId: 12, kind: 'group', note: 'x'.repeat(501) }, 'body.note'],
    ])('refuses %j naming %s', async (body, path) => {
      const a = await newCustomer(rm1);
      const res = await rm1.post(`/customers/${a.id}/links`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldPaths(res)[0]).toBe(path);
    });

    it('refuses a link to the customer itself', async () => {
      const a = await newCustomer(rm1);
      const res = await rm1.post(`/customers/${a.id}/links`, { toCustomerId: a.id, kind: 'household' });
      expect(res.statusCode).toBe(400);
      namesToCustomerId(res);
    });

    it('answers a target outside the portfolio exactly like a missing one: 400 on toCustomerId', async () => {
      const a = await newCustomer(rm1);
      const theirs = await newCustomer(rm3);
      const hidden = await rm1.post(`/customers/${a.id}/links`, { toCustomerId: theirs.id, kind: 'group' });
      const missing = await rm1.post(`/customers/${a.id}/links`, { toCustomerId: 99_999_999, kind: 'group' });
      expect(hidden.statusCode).toBe(400);
      namesToCustomerId(hidden);
      expect(hidden.json()).toEqual(missing.json());
      expect(hidden.body).not.toContain(theirs.name);
    });

    it('answers 409 for a link that exists; group and household links count both ways', async () => {
      const [a, b] = [await newCustomer(rm1), await newCustomer(rm1)];
      await link(rm1, a.id, b.id, 'household');
      const again = await rm1.post(`/customers/${a.id}/links`, { toCustomerId: b.id, kind: 'household' });
      expect(again.statusCode).toBe(409);
      namesToCustomerId(again);
      const reverse = await rm1.post(`/customers/${b.id}/links`, { toCustomerId: a.id, kind: 'household' });
      expect(reverse.statusCode).toBe(409);
      // Another kind between the same two is a different link.
      await link(rm1, a.id, b.id, 'referral');
    });

    it('refuses a referral cycle, direct or through a chain, and allows a chain', async () => {
      const [a, b, c, d] = [
        await newCustomer(rm1),
        await newCustomer(rm1),
        await newCustomer(rm1),
        await newCustomer(rm1),
      ];
      await link(rm1, a.id, b.id, 'referral'); // a introduced b
      await link(rm1, b.id, c.id, 'referral'); // b introduced c
      await link(rm1, c.id, d.id, 'referral'); // c introduced d
      for (const [from, to] of [
        [b, a],
        [d, a],
        [c, b],
      ] as const) {
        const res = await rm1.post(`/customers/${from.id}/links`, { toCustomerId: to.id, kind: 'referral' });
        expect(res.statusCode, `${from.name} → ${to.name}`).toBe(400);
        namesToCustomerId(res);
        expect(res.json().error.message).toMatch(/cycle/);
      }
      // a also introduced d directly: two paths, no cycle. And group links never make a referral cycle.
      await link(rm1, a.id, d.id, 'referral');
      await link(rm1, d.id, a.id, 'group');
      const cycles = await ctx.deps.db
        .selectFrom('customer_links')
        .select('id')
        .where('kind', '=', 'referral')
        .where('to_customer_id', '=', a.id)
        .execute();
      expect(cycles).toEqual([]);
    });

    it('answers 401 anonymous, 404 for a customer of another portfolio and 403 to a risk officer', async () => {
      const [a, b] = [await newCustomer(rm1), await newCustomer(rm1)];
      const body = { toCustomerId: b.id, kind: 'group' };
      expect((await ctx.anonymous.post(`/customers/${a.id}/links`, body)).statusCode).toBe(401);
      expect((await rm3.post(`/customers/${a.id}/links`, body)).statusCode).toBe(404);
      expect((await rm2.post(`/customers/${a.id}/links`, body)).statusCode).toBe(404);
      expect((await risk1.post(`/customers/${a.id}/links`, body)).statusCode).toBe(403);
      expect(await links(rm1, a.id)).toEqual([]);
    });
  });

  describe('GET /customers/:id/links', () => {
    it('lists links both ways with the other customer and the direction, grouped by kind', async () => {
      const [a, b, c] = [await newCustomer(rm1), await newCustomer(rm1), await newCustomer(rm1)];
      const referral = await link(rm1, c.id, a.id, 'referral', 'c 介绍了 a');
      const group = await link(rm1, a.id, b.id, 'group');
      const items = await links(rm1, a.id);
      expect(items).toEqual([
        {
          id: group.id,
          kind: 'group',
          direction: 'outgoing',
          linkedCustomer: { id: b.id, code: b.code, name: b.name, hidden: false },
          note: null,
          createdAt: expect.any(String),
          removable: true,
        },
        {
          id: referral.id,
          kind: 'referral',
          direction: 'incoming',
          linkedCustomer: { id: c.id, code: c.code, name: c.name, hidden: false },
          note: 'c 介绍了 a',
          createdAt: expect.any(String),
          removable: true,
        },
      ]);
      const fromC = await links(rm1, c.id);
      expect(fromC).toMatchObject([{ id: referral.id, direction: 'outgoing', linkedCustomer: { id: a.id } }]);
    });

    it('lists a link to a customer the viewer may not see as a placeholder that names nobody', async () => {
      const mine = await newCustomer(rm1);
      const theirs = await newCustomer(rm3);
      const created = await link(admin, mine.id, theirs.id, 'group', `与${theirs.name}同属一个集团`);
      for (const client of [rm1, lead1]) {
        const res = await client.get(`/customers/${mine.id}/links`);
        expect(res.statusCode).toBe(200);
        expect(res.json().items).toEqual([
          {
            id: created.id,
            kind: 'group',
            direction: 'outgoing',
            linkedCustomer: { id: null, code: null, name: null, hidden: true },
            note: null,
            createdAt: expect.any(String),
            removable: false,
          },
        ]);
        expect(res.body).not.toContain(theirs.name);
        expect(res.body).not.toContain(theirs.code);
      }
      const fromTheirs = (await rm3.get(`/customers/${theirs.id}/links`)).json().items;
      expect(fromTheirs).toMatchObject([
        { direction: 'incoming', linkedCustomer: { hidden: true, name: null } },
      ]);
      // Those who see both see it all; a risk officer reads but may not remove.
      expect(await links(admin, mine.id)).toMatchObject([
        { linkedCustomer: { id: theirs.id, name: theirs.name, hidden: false }, removable: true },
      ]);
      expect(await links(risk1, mine.id)).toMatchObject([
        { linkedCustomer: { id: theirs.id, hidden: false }, removable: false },
      ]);
    });

    it('answers 400, 401 and 404', async () => {
      const a = await newCustomer(rm1);
      const bad = await rm1.get('/customers/x/links');
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)[0]).toBe('params.id');
      expect((await ctx.anonymous.get(`/customers/${a.id}/links`)).statusCode).toBe(401);
      expect((await rm3.get(`/customers/${a.id}/links`)).statusCode).toBe(404);
      expect((await rm2.get(`/customers/${a.id}/links`)).statusCode).toBe(404);
      expect((await lead1.get(`/customers/${a.id}/links`)).statusCode).toBe(200);
    });
  });

  describe('DELETE /customers/:id/links/:linkId', () => {
    it('removes the link from either end and audits it on both customers', async () => {
      const [a, b] = [await newCustomer(rm1), await newCustomer(rm1)];
      const created = await link(rm1, a.id, b.id, 'referral');
      const res = await rm1.delete(`/customers/${b.id}/links/${created.id}`);
      expect(res.statusCode, res.body).toBe(204);
      expect(await links(rm1, a.id)).toEqual([]);
      expect(await links(rm1, b.id)).toEqual([]);
      const entries = await audit(created.id);
      expect(entries.filter((e) => e.action === 'delete').map((e) => e.customer_id)).toEqual([a.id, b.id]);
      expect(JSON.parse(entries.at(-1)!.before_json!)).toMatchObject({
        kind: 'referral',
        toCustomerId: b.id,
      });
      expect((await rm1.delete(`/customers/${a.id}/links/${created.id}`)).statusCode).toBe(404);
    });

    it('answers 404 for a link that does not touch this customer', async () => {
      const [a, b, c] = [await newCustomer(rm1), await newCustomer(rm1), await newCustomer(rm1)];
      const created = await link(rm1, a.id, b.id, 'group');
      expect((await rm1.delete(`/customers/${c.id}/links/${created.id}`)).statusCode).toBe(404);
      expect(await links(rm1, a.id)).toHaveLength(1);
    });

    it('refuses with 403 to remove a link whose other customer the caller may not see', async () => {
      const mine = await newCustomer(rm1);
      const theirs = await newCustomer(rm3);
      const created = await link(admin, mine.id, theirs.id, 'household');
      expect((await rm1.delete(`/customers/${mine.id}/links/${created.id}`)).statusCode).toBe(403);
      expect((await admin.delete(`/customers/${mine.id}/links/${created.id}`)).statusCode).toBe(204);
    });

    it('answers 400, 401, 403 to a risk officer and 404 for another portfolio', async () => {
      const [a, b] = [await newCustomer(rm1), await newCustomer(rm1)];
      const created = await link(rm1, a.id, b.id, 'group');
      const bad = await rm1.delete(`/customers/${a.id}/links/abc`);
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)[0]).toBe('params.linkId');
      const url = `/customers/${a.id}/links/${created.id}`;
      expect((await ctx.anonymous.delete(url)).statusCode).toBe(401);
      expect((await risk1.delete(url)).statusCode).toBe(403);
      expect((await rm3.delete(url)).statusCode).toBe(404);
      expect((await rm2.delete(url)).statusCode).toBe(404);
      expect(await links(rm1, a.id)).toHaveLength(1);
    });
  });
});
