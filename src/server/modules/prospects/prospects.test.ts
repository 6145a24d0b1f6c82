import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  buildProspect,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { makeUscc } from '../../../domain/identity-numbers';

const fieldPaths = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  (res.json().error.fields ?? []).map((f) => f.path);
const daysAhead = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const futureDay = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

describe.each(dialects())('prospects on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm3: Client;
  let lead1: Client;
  let risk1: Client;
  let admin: Client;

  const create = async (overrides: Record<string, unknown> = {}, client = rm1) => {
    const res = await client.post('/prospects', buildProspect(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const count = async (table: 'customers' | 'prospects' | 'interactions' | 'customer_links') =>
    Number(
      (
        await ctx.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const move = (p: { id: number; version: number }, to: string, extra: Record<string, unknown> = {}) =>
    rm1.post(`/prospects/${p.id}/moves`, { version: p.version, to, ...extra });
  const plan = (prospectId: number) =>
    rm1.post('/visit-plans', {
      prospectId,
      startsAt: daysAhead(3),
      objectives: [
        {
          what: '了解企业结算与代发工资需求，争取开立基本户',
          needTag: 'deposit',
          product: 'demand_deposit',
          metric: '基本户日均存款',
          unit: 'yuan',
          target: 1_000_000,
          justification: '年营业收入三千万，日均留存百万合理',
          dueOn: futureDay(60),
        },
      ],
    });
  const contact = (prospectId: number) =>
    rm1.post('/interactions', {
      prospectId,
      channel: 'visit',
      occurredAt: hoursAgo(1),
      summary: '首次拜访，介绍我行结算产品',
    });

  /** A prospect walked to `engaged`: assessed to pursue, a visit plan, a contact. */
  const engaged = async (overrides: Record<string, unknown> = {}) => {
    let p = await create(overrides);
    p = (await move(p, 'screened')).json();
    p = (
      await rm1.put(`/prospects/${p.id}/assessment`, {
        version: p.version,
        needs: '结算、代发工资',
        wallet: 500_000,
        risks: '下游集中度高',
        decision: 'pursue',
      })
    ).json();
    expect((await plan(p.id)).statusCode).toBe(201);
    expect((await contact(p.id)).statusCode).toBe(201);
    const res = await move(p, 'engaged');
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [rm1, rm3, lead1, risk1, admin] = await ctx.loginAll('rm1', 'rm3', 'lead1', 'risk1', 'admin');
  });
  afterAll(async () => ctx?.close());

  it('records a prospect with its source, scores its fit at once and explains each criterion', async () => {
    const p = await create({ regionCode: '310115', regionName: '浦东新区' });
    expect(p).toMatchObject({ status: 'sourced', source: 'canvassing', owner: { id: ctx.users.rm1 } });
    expect(p.code).toMatch(/^P\d{14}$/);
    expect(p.idNumber).toContain('*');
    // Default profile: target industry C34 (20), Shanghai (15), medium (10), revenue 30m of 5–50m
    // (20 × 25/45), 8 years (10), A ≥ BBB (15), other banks 0.7 (10 × 0.7) = 88.1
    expect(p.fit.score).toBe(88.1);
    expect(p.fit.terms.map((t: { criterion: string }) => t.criterion)).toEqual([
      'industry',
      'region',
      'size',
      'revenue',
      'yearsInBusiness',
      'creditGrade',
      'cooperation',
    ]);
    expect(p.fit.terms[3]).toMatchObject({ criterion: 'revenue', points: 11.1 });
    expect(p.fit.terms[0].reason.zh).toContain('目标行业');
    expect(p.history).toEqual([expect.objectContaining({ from: null, to: 'sourced' })]);
    expect(p.moves.screened).toEqual({ ok: true, code: null, stage: null, reason: null });
    expect(p.moves.assessed).toMatchObject({ ok: false, stage: 'assessed' });

    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'prospect')
      .where('entity_id', '=', String(p.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);

    const list = (await rm1.get('/prospects?status=open&sort=fitScore')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(p.id);
  });

  it('refuses bad input naming the field, and hides prospects outside the portfolio', async () => {
    const bad = await rm1.post('/prospects', buildProspect({ idNumber: '91310000MA1FL00000' }));
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad)).toContain('body.idNumber');
    const noReferrer = await rm1.post('/prospects', buildProspect({ source: 'chain_referral' }));
    expect(noReferrer.statusCode).toBe(400);
    expect(fieldPaths(noReferrer)).toContain('body.referrer');
    const unnamed = await rm1.post(
      '/prospects',
      buildProspect({ source: 'key_person', referrer: { kind: 'person' } }),
    );
    expect(fieldPaths(unnamed)).toContain('body.referrer.name');
    const badSource = await rm1.post('/prospects', buildProspect({ source: 'cold_call' }));
    expect(fieldPaths(badSource)).toContain('body.source');

    expect((await ctx.anonymous.get('/prospects')).statusCode).toBe(401);
    expect((await risk1.post('/prospects', buildProspect())).statusCode).toBe(403);

    const p = await create();
    expect((await rm3.get(`/prospects/${p.id}`)).statusCode).toBe(404);
    expect((await rm3.patch(`/prospects/${p.id}`, { version: p.version, notes: 'x' })).statusCode).toBe(404);
    expect((await lead1.get(`/prospects/${p.id}`)).statusCode).toBe(200);
    // A team lead hands it to another RM of the team, not to one of another team; an RM keeps theirs.
    const toRm3 = await lead1.patch(`/prospects/${p.id}`, { version: p.version, ownerId: ctx.users.rm3 });
    expect(fieldPaths(toRm3)).toContain('body.ownerId');
    const byRm = await rm1.patch(`/prospects/${p.id}`, { version: p.version, ownerId: ctx.users.rm2 });
    expect(fieldPaths(byRm)).toContain('body.ownerId');
    const handed = await lead1.patch(`/prospects/${p.id}`, { version: p.version, ownerId: ctx.users.rm2 });
    expect(handed.json().owner).toMatchObject({ id: ctx.users.rm2 });
    expect((await rm1.get(`/prospects/${p.id}`)).statusCode).toBe(404);
    expect((await risk1.get(`/prospects/${p.id}`)).statusCode).toBe(200);
    expect(
      (await risk1.post(`/prospects/${p.id}/moves`, { version: p.version, to: 'screened' })).statusCode,
    ).toBe(403);
    expect((await rm3.get('/prospects')).json().items.map((i: { id: number }) => i.id)).not.toContain(p.id);
  });

  it('enforces each stage’s entry data, disqualifies with a reason and reopens at sourced', async () => {
    let p = await create();
    const skip = await move(p, 'targeted');
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error).toMatchObject({ code: 'stage_rule', details: { stage: 'assessed' } });
    expect(skip.json().error.details.reason.zh).toContain('客户评估表');
    p = (await move(p, 'needs_researched')).json();
    expect(p.status).toBe('needs_researched');

    const stale = await move({ ...p, version: p.version - 1 }, 'screened');
    expect(stale.statusCode).toBe(409);

    p = (
      await rm1.put(`/prospects/${p.id}/assessment`, {
        version: p.version,
        needs: '代发工资',
        wallet: 200_000,
        risks: '行业周期',
        decision: 'pursue',
      })
    ).json();
    expect(p.assessment).toMatchObject({
      decision: 'pursue',
      wallet: 200_000,
      assessedBy: { id: ctx.users.rm1 },
    });
    p = (await move(p, 'targeted')).json();
    const noPlan = await move(p, 'action_planned');
    expect(noPlan.json().error.details.stage).toBe('action_planned');
    expect((await plan(p.id)).statusCode).toBe(201);
    const noContact = await move(p, 'engaged');
    expect(noContact.json().error.details.stage).toBe('engaged');
    expect((await contact(p.id)).statusCode).toBe(201);
    p = (await move(p, 'engaged')).json();
    expect(p.counts).toEqual({ interactions: 1, visitPlans: 1, openTasks: 0 });

    const established = await move(p, 'established');
    expect(established.statusCode).toBe(400);
    expect(fieldPaths(established)).toContain('body.to');

    const noReason = await move(p, 'disqualified');
    expect(fieldPaths(noReason)).toContain('body.reason');
    p = (await move(p, 'disqualified', { reason: 'competitor', note: '已与他行签约' })).json();
    expect(p).toMatchObject({ status: 'disqualified', disqualifyReason: 'competitor' });
    expect((await move(p, 'screened')).json().error.code).toBe('stage_rule');
    p = (await move(p, 'sourced')).json();
    expect(p.history.map((h: { to: string }) => h.to)).toEqual([
      'sourced',
      'needs_researched',
      'targeted',
      'engaged',
      'disqualified',
      'sourced',
    ]);
    expect(p.history[4]).toMatchObject({ reason: 'competitor', note: '已与他行签约' });
  });

  it('keeps a restricted industry from development past screening', async () => {
    let p = await create({ industry: 'C31' });
    expect(p.fit).toMatchObject({ score: 0, restricted: true });
    p = (await move(p, 'screened')).json();
    const res = await move(p, 'needs_researched');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.stage).toBe('needs_researched');
  });

  it('converts into a customer without losing anything: contacts, plans, tasks and the referral move', async () => {
    const referrer = (await rm1.post('/customers', buildCustomer())).json();
    const p = await engaged({ source: 'chain_referral', referrer: { kind: 'customer', id: referrer.id } });
    const planId = (await rm1.get(`/visit-plans?prospectId=${p.id}`)).json().items[0].id;
    const before = {
      interactions: (await rm1.get(`/interactions?prospectId=${p.id}`)).json().total,
      customers: await count('customers'),
    };
    expect(before.interactions).toBe(1);

    const res = await rm1.post(`/prospects/${p.id}/convert`, { version: p.version, tier: 'ordinary' });
    expect(res.statusCode, res.body).toBe(200);
    const { customerId, prospect } = res.json();
    expect(prospect).toMatchObject({ status: 'established', customerId, customer: { id: customerId } });
    expect(await count('customers')).toBe(before.customers + 1);

    const customer = (await rm1.get(`/customers/${customerId}`)).json();
    expect(customer).toMatchObject({
      name: p.name,
      lifecycleStage: 'development',
      tier: 'ordinary',
      ownerId: ctx.users.rm1,
    });
    expect((await rm1.get(`/interactions?customerId=${customerId}`)).json().total).toBe(before.interactions);
    expect((await rm1.get(`/interactions?prospectId=${p.id}`)).json().total).toBe(0);
    expect((await rm1.get(`/visit-plans/${planId}`)).json()).toMatchObject({
      customer: { id: customerId },
      prospect: null,
    });
    const links = (await rm1.get(`/customers/${customerId}/links`)).json();
    expect(links.items).toEqual([
      expect.objectContaining({
        kind: 'referral',
        direction: 'incoming',
        linkedCustomer: expect.objectContaining({ id: referrer.id }),
      }),
    ]);
    // The referral stays in the prospect network too.
    expect(prospect.referrer).toMatchObject({ kind: 'customer', id: referrer.id });

    // Converted is history: no second conversion, no edits, no way back into the pipeline.
    expect((await rm1.post(`/prospects/${p.id}/convert`, { version: prospect.version })).statusCode).toBe(
      409,
    );
    expect(
      (await rm1.patch(`/prospects/${p.id}`, { version: prospect.version, notes: 'x' })).statusCode,
    ).toBe(409);
    expect(prospect.moves.sourced.ok).toBe(false);
    expect(prospect.moves.product_followup.ok).toBe(true);
    const followed = await rm1.post(`/prospects/${p.id}/moves`, {
      version: prospect.version,
      to: 'product_followup',
    });
    expect(followed.json().status).toBe('product_followup');
  });

  it('refuses to convert a duplicate or a prospect that skipped stages, writing nothing', async () => {
    const existing = (await rm1.post('/customers', buildCustomer())).json();
    const idNumber = (
      await ctx.deps.db
        .selectFrom('customers')
        .select('id_number')
        .where('id', '=', existing.id)
        .executeTakeFirstOrThrow()
    ).id_number;
    const p = await engaged({ idNumber: null });
    const before = { customers: await count('customers'), links: await count('customer_links') };

    const noId = await rm1.post(`/prospects/${p.id}/convert`, { version: p.version });
    expect(noId.statusCode).toBe(400);
    expect(fieldPaths(noId)).toContain('body.idNumber');
    const dup = await rm1.post(`/prospects/${p.id}/convert`, { version: p.version, idNumber });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({
      code: 'duplicate',
      details: { duplicates: [expect.objectContaining({ kind: 'customer', id: existing.id })] },
    });

    const early = await create();
    const skipped = await rm1.post(`/prospects/${early.id}/convert`, { version: early.version });
    expect(skipped.statusCode).toBe(400);
    expect(skipped.json().error.details.stage).toBe('assessed');

    const stale = await rm1.post(`/prospects/${p.id}/convert`, {
      version: p.version - 1,
      idNumber: makeUscc(990_001),
    });
    expect(stale.statusCode).toBe(409);
    expect({ customers: await count('customers'), links: await count('customer_links') }).toEqual(before);
    expect((await rm1.get(`/prospects/${p.id}`)).json()).toMatchObject({
      status: 'engaged',
      customerId: null,
    });
  });

  it('finds duplicates by ID number and by a very similar name in the region, and merges them', async () => {
    const first = await create({ name: '无锡远航物流有限公司', regionCode: '320211', idNumber: null });
    const idTaken = await rm1.post(
      '/prospects',
      buildProspect({
        idNumber: (
          await ctx.deps.db
            .selectFrom('prospects')
            .select('id_number')
            .where('id_number', 'is not', null)
            .executeTakeFirstOrThrow()
        ).id_number,
      }),
    );
    expect(idTaken.statusCode).toBe(409);
    expect(idTaken.json().error.code).toBe('duplicate');

    const similar = buildProspect({ name: '无锡远航物流股份有限公司', regionCode: '320211' });
    const warned = await rm1.post('/prospects', similar);
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error).toMatchObject({
      code: 'possible_duplicate',
      details: {
        duplicates: [
          expect.objectContaining({ kind: 'prospect', id: first.id, match: 'similar_name', similarity: 1 }),
        ],
      },
    });
    // Elsewhere the same name is another business.
    const elsewhere = await rm1.post(
      '/prospects',
      buildProspect({ name: '无锡远航物流股份有限公司', regionCode: '310115' }),
    );
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    const second = (await rm1.post('/prospects', { ...similar, acknowledgeDuplicates: true })).json();
    expect((await rm1.get(`/prospects/${second.id}/duplicates`)).json().items).toEqual([
      expect.objectContaining({ kind: 'prospect', id: first.id }),
    ]);

    expect((await contact(second.id)).statusCode).toBe(201);
    const merged = await rm1.post(`/prospects/${second.id}/merge`, {
      version: second.version,
      into: { kind: 'prospect', id: first.id },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({
      status: 'disqualified',
      disqualifyReason: 'duplicate',
      mergedInto: { kind: 'prospect', id: first.id, name: first.name },
    });
    expect((await rm1.get(`/interactions?prospectId=${first.id}`)).json().total).toBe(1);
    expect((await rm1.get(`/prospects/${first.id}/duplicates`)).json().items).toEqual([]);
    const again = await rm1.post(`/prospects/${second.id}/merge`, {
      version: merged.json().version,
      into: { kind: 'prospect', id: first.id },
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a referral cycle and a referrer the RM may not see, changing nothing', async () => {
    const a = await create();
    const b = await create({ source: 'chain_referral', referrer: { kind: 'prospect', id: a.id } });
    expect(b.referrer).toMatchObject({ kind: 'prospect', id: a.id, name: a.name });
    const cycle = await rm1.patch(`/prospects/${a.id}`, {
      version: a.version,
      source: 'chain_referral',
      referrer: { kind: 'prospect', id: b.id },
    });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().error.code).toBe('referral_cycle');
    expect((await rm1.get(`/prospects/${a.id}`)).json()).toMatchObject({
      version: a.version,
      referrer: null,
    });
    const self = await rm1.patch(`/prospects/${a.id}`, {
      version: a.version,
      referrer: { kind: 'prospect', id: a.id },
    });
    expect(fieldPaths(self)).toContain('body.referrer.id');

    const theirs = (await rm3.post('/customers', buildCustomer())).json();
    const hidden = await rm1.post(
      '/prospects',
      buildProspect({ source: 'chain_referral', referrer: { kind: 'customer', id: theirs.id } }),
    );
    expect(hidden.statusCode).toBe(400);
    expect(fieldPaths(hidden)).toContain('body.referrer.id');
  });

  it('records tactics: meeting needs, linked marketing with colleagues, indirect expansion through a customer', async () => {
    const p = await create();
    const buyer = (await rm1.post('/customers', buildCustomer())).json();
    const noColleagues = await rm1.post(`/prospects/${p.id}/tactics`, {
      kind: 'linked_marketing',
      note: '联合公司部',
    });
    expect(fieldPaths(noColleagues)).toContain('body.colleagues');
    const noCustomer = await rm1.post(`/prospects/${p.id}/tactics`, {
      kind: 'indirect_expansion',
      note: '通过下游',
      relation: 'buyer',
    });
    expect(fieldPaths(noCustomer)).toContain('body.relatedCustomerId');
    await rm1.post(`/prospects/${p.id}/tactics`, {
      kind: 'linked_marketing',
      note: '与国际业务部联动，提供结售汇方案',
      colleagues: [{ name: '王强', department: '国际业务部' }],
    });
    const res = await rm1.post(`/prospects/${p.id}/tactics`, {
      kind: 'indirect_expansion',
      note: '经由其主要购买商引荐',
      relatedCustomerId: buyer.id,
      relation: 'buyer',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tactics).toEqual([
      expect.objectContaining({
        kind: 'linked_marketing',
        colleagues: [{ name: '王强', department: '国际业务部' }],
      }),
      expect.objectContaining({
        kind: 'indirect_expansion',
        relation: 'buyer',
        relatedCustomer: expect.objectContaining({ id: buyer.id }),
      }),
    ]);
  });

  it('shows the kanban board per status with totals', async () => {
    const p = await create();
    const board = (await lead1.get('/prospects/board?perStage=2')).json();
    expect(board.columns.map((c: { status: string }) => c.status)).toContain('disqualified');
    const sourced = board.columns.find((c: { status: string }) => c.status === 'sourced');
    expect(sourced.total).toBeGreaterThanOrEqual(1);
    expect(sourced.items.length).toBeLessThanOrEqual(2);
    const mine = (await rm1.get(`/prospects/board?q=${encodeURIComponent(p.name)}`)).json();
    expect(mine.columns.find((c: { status: string }) => c.status === 'sourced').items).toEqual([
      expect.objectContaining({ id: p.id }),
    ]);
  });

  it('versions the ideal-customer profile (admin only) and rescores open prospects', async () => {
    const p = await create({ regionCode: '440305' });
    const current = (await admin.get('/settings/ideal-customer-profile')).json();
    expect(current.version).toBe(0);
    const profile = { ...current.profile, serviceArea: ['4403'] };
    expect(
      (await rm1.put('/settings/ideal-customer-profile', { profile, reason: '拓展深圳', version: 0 }))
        .statusCode,
    ).toBe(403);
    const invalid = await admin.put('/settings/ideal-customer-profile', {
      profile: { ...profile, revenue: { min: 9, ideal: 1 } },
      reason: '测试无效',
      version: 0,
    });
    expect(invalid.statusCode).toBe(400);
    expect(fieldPaths(invalid)).toContain('body.profile.revenue.min');
    const noReason = await admin.put('/settings/ideal-customer-profile', { profile, reason: '', version: 0 });
    expect(fieldPaths(noReason)).toContain('body.reason');

    const before = (await rm1.get(`/prospects/${p.id}`)).json().fit;
    const saved = await admin.put('/settings/ideal-customer-profile', {
      profile,
      reason: '新设深圳分行',
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 1,
      reason: '新设深圳分行',
      createdBy: { id: ctx.users.admin },
    });
    expect(saved.json().rescored).toBeGreaterThanOrEqual(1);
    const after = (await rm1.get(`/prospects/${p.id}`)).json().fit;
    expect(after.profileVersion).toBe(1);
    expect(after.score).toBe(Math.round((before.score + 15) * 10) / 10);

    expect(
      (await admin.put('/settings/ideal-customer-profile', { profile, reason: '重复保存', version: 0 }))
        .statusCode,
    ).toBe(409);
    const versions = (await rm1.get('/settings/ideal-customer-profile/versions')).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 0]);
    // Put the default back for the other tests of this file.
    await admin.put('/settings/ideal-customer-profile', {
      profile: current.profile,
      reason: '恢复默认标准',
      version: 1,
    });
  });
});
