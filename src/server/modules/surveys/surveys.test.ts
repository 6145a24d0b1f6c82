import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
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

/** Two dimensions (service ×2, facility ×1); service has items s1 ×1 and s2 ×3, facility f1 ×1. */
const DEFINITION = {
  dimensions: [
    { key: 'service', name: '服务态度', weight: 2 },
    { key: 'facility', name: '网点环境', weight: 1 },
  ],
  items: [
    { key: 's1', dimension: 'service', text: '客户经理响应及时', weight: 1 },
    { key: 's2', dimension: 'service', text: '业务办理专业', weight: 3 },
    { key: 'f1', dimension: 'facility', text: '网点环境舒适', weight: 1 },
  ],
  questions: [{ key: 'q1', text: '您还有什么建议？' }],
};

type Scores = Record<'s1' | 's2' | 'f1', [number, number]>;
const answersOf = (scores: Scores) =>
  Object.entries(scores).map(([item, [expected, perceived]]) => ({ item, expected, perceived }));
const SAME: Scores = { s1: [5, 5], s2: [5, 5], f1: [5, 5] };

describe.each(dialects())('satisfaction surveys on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let rm3: Client;
  let lead1: Client;
  let admin: Client;
  let risk1: Client;
  let templateId: number;
  /** rm1: c1, c2 (corporate, A), c3 (individual, A), c4 (corporate, B); rm2: c5 (corporate, A); rm3 (team 2): c6 (corporate, A). */
  const c: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6', { id: number; name: string; code: string }> =
    {} as never;

  const newCustomer = async (
    client: Client,
    set: { value_tier: string; lifecycle_stage: string },
    overrides: Record<string, unknown> = {},
  ) => {
    const res = await client.post('/customers', buildCustomer(overrides));
    expect(res.statusCode, res.body).toBe(201);
    const { id, name, code } = res.json();
    await ctx.deps.db.updateTable('customers').set(set).where('id', '=', id).execute();
    return { id, name, code };
  };

  const newCampaign = async (
    segment: Record<string, unknown> = { valueTiers: ['A'], kinds: ['corporate'] },
    sampleSize = 50,
    by: Client = lead1,
  ) => {
    const res = await by.post('/survey-campaigns', {
      name: '2026年对公客户满意度调查',
      description: '请根据您的实际感受填写',
      templateId,
      segment,
      sampleSize,
      linkDays: 14,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number; step: string; targets: number };
  };

  /** Moves the campaign on, one step at a time, up to `step`. */
  const toStep = async (id: number, step: string) => {
    const order = ['plan', 'fieldwork', 'analysis', 'report', 'follow_up'];
    for (;;) {
      const current = (await lead1.get(`/survey-campaigns/${id}`)).json();
      if (current.step === step) return current;
      const res = await lead1.post(`/survey-campaigns/${id}/advance`, {
        version: current.version,
        step: order[order.indexOf(current.step) + 1],
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  };

  const answer = (client: Client, campaignId: number, customerId: number, scores: Scores, text?: string) =>
    client.post(`/survey-campaigns/${campaignId}/responses`, {
      customerId,
      channel: 'visit',
      answers: answersOf(scores),
      texts: text ? [{ question: 'q1', text }] : [],
    });

  const responsesOf = async (campaignId: number) =>
    (
      await ctx.deps.db
        .selectFrom('survey_responses')
        .selectAll()
        .where('campaign_id', '=', campaignId)
        .execute()
    ).map((r) => ({ ...r }));

  const newLink = async (campaignId: number, customerId: number, by: Client = rm1) => {
    const res = await by.post(`/survey-campaigns/${campaignId}/links`, { customerId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { token: string; path: string; expiresAt: string };
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [rm1, rm2, rm3, lead1, admin, risk1] = await ctx.loginAll('rm1', 'rm2', 'rm3', 'lead1', 'admin', 'risk1');
    const mature = { value_tier: 'A', lifecycle_stage: 'maturity' };
    c.c1 = await newCustomer(rm1, mature);
    c.c2 = await newCustomer(rm1, { value_tier: 'A', lifecycle_stage: 'growth' });
    c.c3 = await newCustomer(rm1, mature, { kind: 'individual', industry: null });
    c.c4 = await newCustomer(rm1, { value_tier: 'B', lifecycle_stage: 'maturity' });
    c.c5 = await newCustomer(rm2, mature);
    c.c6 = await newCustomer(rm3, mature);
    const res = await lead1.post('/survey-templates', {
      name: '对公客户满意度',
      description: '期望与感知，1–7 分',
      definition: DEFINITION,
    });
    expect(res.statusCode, res.body).toBe(201);
    templateId = res.json().id;
  });
  afterAll(() => ctx.close());

  // ---- templates

  it('refuses a template with a key used twice or an item in an unknown dimension, naming the field', async () => {
    const duplicate = await lead1.post('/survey-templates', {
      name: '重复',
      definition: { ...DEFINITION, items: [DEFINITION.items[0], { ...DEFINITION.items[1], key: 's1' }] },
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.fields).toContainEqual({
      path: 'body.definition.items.1.key',
      message: 'is used twice',
    });

    const stray = await lead1.post('/survey-templates', {
      name: '未知维度',
      definition: {
        ...DEFINITION,
        items: [...DEFINITION.items, { ...DEFINITION.items[0], key: 'x1', dimension: 'price' }],
      },
    });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().error.fields).toContainEqual({
      path: 'body.definition.items.3.dimension',
      message: 'is not a dimension of the survey',
    });

    const weightless = await lead1.post('/survey-templates', {
      name: '零权重',
      definition: {
        ...DEFINITION,
        dimensions: [{ ...DEFINITION.dimensions[0], weight: 0 }, DEFINITION.dimensions[1]],
      },
    });
    expect(weightless.statusCode).toBe(400);
    expect(weightless.json().error.fields.map((f: { path: string }) => f.path)).toContain(
      'body.definition.dimensions.0.weight',
    );

    const names = (await rm1.get('/survey-templates')).json().items.map((t: { name: string }) => t.name);
    expect(names).toContain('对公客户满意度');
    for (const refused of ['重复', '未知维度', '零权重']) expect(names).not.toContain(refused);
  });

  it('lets team leads and admins write templates, everyone read them, and refuses a stale version', async () => {
    expect((await rm1.post('/survey-templates', { name: 'x', definition: DEFINITION })).statusCode).toBe(403);
    expect((await risk1.post('/survey-templates', { name: 'x', definition: DEFINITION })).statusCode).toBe(
      403,
    );
    expect((await ctx.anonymous.get('/survey-templates')).statusCode).toBe(401);
    const created = await admin.post('/survey-templates', { name: '个人客户满意度', definition: DEFINITION });
    expect(created.statusCode, created.body).toBe(201);
    const t = created.json();
    expect(t).toMatchObject({ version: 1, campaigns: 0, createdBy: { name: 'ADMIN' } });
    expect(t.definition.items[0].loyaltyMeasure).toBeNull();
    expect((await risk1.get(`/survey-templates/${t.id}`)).json().name).toBe('个人客户满意度');
    expect((await rm1.get('/survey-templates/999999')).statusCode).toBe(404);

    const renamed = await lead1.patch(`/survey-templates/${t.id}`, {
      version: 1,
      name: '个人客户满意度（新）',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ version: 2, name: '个人客户满意度（新）' });
    const stale = await lead1.patch(`/survey-templates/${t.id}`, { version: 1, name: '旧' });
    expect(stale.statusCode).toBe(409);
    expect((await rm1.get(`/survey-templates/${t.id}`)).json().name).toBe('个人客户满意度（新）');
    expect((await rm1.patch(`/survey-templates/${t.id}`, { version: 2, name: 'rm' })).statusCode).toBe(403);

    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'survey_template')
      .where('entity_id', '=', String(t.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('keeps the campaign’s copy of the template when the template changes', async () => {
    const created = await lead1.post('/survey-templates', { name: '复制测试', definition: DEFINITION });
    const t = created.json();
    const campaign = await lead1.post('/survey-campaigns', {
      name: '复制',
      templateId: t.id,
      segment: { valueTiers: ['A'] },
      sampleSize: 1,
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const changed = {
      ...DEFINITION,
      items: DEFINITION.items.map((i) => ({ ...i, text: `${i.text}（改）` })),
    };
    expect(
      (await lead1.patch(`/survey-templates/${t.id}`, { version: 1, definition: changed })).statusCode,
    ).toBe(200);
    const after = (await lead1.get(`/survey-campaigns/${campaign.json().id}`)).json();
    expect(after.definition.items[0].text).toBe('客户经理响应及时');
    expect((await lead1.get(`/survey-templates/${t.id}`)).json()).toMatchObject({ campaigns: 1, version: 2 });
  });

  // ---- campaigns

  it('draws only customers of the segment that the creator may see, at most sampleSize', async () => {
    // lead1 sees team 1 (rm1, rm2): of tier A corporates, c1, c2 and c5; not c6 of team 2.
    const all = await newCampaign(
      { valueTiers: ['A'], kinds: ['corporate'], branchIds: [ctx.teams.branch] },
      10,
    );
    expect(all).toMatchObject({ step: 'plan', targets: 3, version: 1 });
    const targets = (await lead1.get(`/survey-campaigns/${all.id}/targets`)).json();
    expect(targets.total).toBe(3);
    expect(targets.items.map((t: { customer: { id: number } }) => t.customer.id).sort()).toEqual(
      [c.c1.id, c.c2.id, c.c5.id].sort(),
    );
    expect(targets.items[0]).toMatchObject({ responded: false, source: null, link: null });

    const two = await newCampaign({ valueTiers: ['A'], kinds: ['corporate'] }, 2);
    expect(two.targets).toBe(2);
    const drawn = await ctx.deps.db
      .selectFrom('survey_targets')
      .select('customer_id')
      .where('campaign_id', '=', two.id)
      .execute();
    expect(drawn).toHaveLength(2);
    for (const d of drawn) expect([c.c1.id, c.c2.id, c.c5.id]).toContain(d.customer_id);

    // An RM's campaign would see only their own; admins see the whole bank (c6 too).
    const bank = await newCampaign({ valueTiers: ['A'], kinds: ['corporate'] }, 10, admin);
    expect(bank.targets).toBe(4);
    const individuals = await newCampaign({ kinds: ['individual'], lifecycleStages: ['maturity'] }, 10);
    const ind = (await lead1.get(`/survey-campaigns/${individuals.id}/targets`)).json();
    expect(ind.items.map((t: { customer: { id: number } }) => t.customer.id)).toEqual([c.c3.id]);

    const detail = (await lead1.get(`/survey-campaigns/${all.id}`)).json();
    expect(detail.steps).toEqual([
      expect.objectContaining({ step: 'plan', by: { id: ctx.users.lead1, name: 'LEAD1' } }),
    ]);
    expect(detail.segment).toEqual({
      valueTiers: ['A'],
      kinds: ['corporate'],
      branchIds: [ctx.teams.branch],
      lifecycleStages: [],
    });
  });

  it('refuses a campaign of an unknown template or branch, or a segment that matches nobody, writing nothing', async () => {
    const before = await ctx.deps.db
      .selectFrom('survey_campaigns')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const body = { name: 'x', templateId, segment: { valueTiers: ['A'] }, sampleSize: 5 };
    const noTemplate = await lead1.post('/survey-campaigns', { ...body, templateId: 999999 });
    expect(noTemplate.statusCode).toBe(400);
    expect(noTemplate.json().error.fields[0].path).toBe('body.templateId');
    const noBranch = await lead1.post('/survey-campaigns', { ...body, segment: { branchIds: [999999] } });
    expect(noBranch.statusCode).toBe(400);
    expect(noBranch.json().error.fields[0].path).toBe('body.segment.branchIds.0');
    const nobody = await lead1.post('/survey-campaigns', { ...body, segment: { valueTiers: ['D'] } });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.fields[0].path).toBe('body.segment');
    const zero = await lead1.post('/survey-campaigns', { ...body, sampleSize: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields[0].path).toBe('body.sampleSize');
    expect((await rm1.post('/survey-campaigns', body)).statusCode).toBe(403);
    const after = await ctx.deps.db
      .selectFrom('survey_campaigns')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('shows a campaign to the RMs of its targets and to leads, risk officers and admins; 404 to other RMs', async () => {
    const campaign = await newCampaign({ valueTiers: ['A'], kinds: ['corporate'] }, 10);
    expect((await rm1.get(`/survey-campaigns/${campaign.id}`)).statusCode).toBe(200);
    expect((await risk1.get(`/survey-campaigns/${campaign.id}`)).statusCode).toBe(200);
    expect((await rm3.get(`/survey-campaigns/${campaign.id}`)).statusCode).toBe(404);
    expect((await rm3.get(`/survey-campaigns/${campaign.id}/results`)).statusCode).toBe(404);
    expect((await rm3.get(`/survey-campaigns/${campaign.id}/targets`)).statusCode).toBe(404);
    expect((await ctx.anonymous.get(`/survey-campaigns/${campaign.id}`)).statusCode).toBe(401);
    const rm1List = (await rm1.get('/survey-campaigns?step=plan&pageSize=100')).json();
    expect(rm1List.items.map((x: { id: number }) => x.id)).toContain(campaign.id);
    const rm3List = (await rm3.get('/survey-campaigns?pageSize=100')).json();
    expect(rm3List.items.map((x: { id: number }) => x.id)).not.toContain(campaign.id);
    // rm1 sees two of the three targets: c1 and c2.
    const mine = (await rm1.get(`/survey-campaigns/${campaign.id}`)).json();
    expect(mine.targets).toBe(2);
    const targets = (await rm1.get(`/survey-campaigns/${campaign.id}/targets`)).json();
    expect(targets.items.map((t: { customer: { id: number } }) => t.customer.id).sort()).toEqual(
      [c.c1.id, c.c2.id].sort(),
    );
    const inReport = (await lead1.get('/survey-campaigns?step=report&pageSize=100')).json();
    expect(inReport.items.every((x: { step: string }) => x.step === 'report')).toBe(true);
    expect(inReport.items.map((x: { id: number }) => x.id)).not.toContain(campaign.id);
  });

  it('advances one step at a time: a skip answers 400 step_skipped, a stale version 409, nothing changed', async () => {
    const campaign = await newCampaign();
    const skip = await lead1.post(`/survey-campaigns/${campaign.id}/advance`, {
      version: 1,
      step: 'analysis',
    });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error).toMatchObject({ code: 'step_skipped', fields: [{ path: 'body.step' }] });
    const back = await lead1.post(`/survey-campaigns/${campaign.id}/advance`, { version: 1, step: 'plan' });
    expect(back.json().error.code).toBe('step_skipped');
    expect((await lead1.get(`/survey-campaigns/${campaign.id}`)).json()).toMatchObject({
      step: 'plan',
      version: 1,
    });

    const ok = await lead1.post(`/survey-campaigns/${campaign.id}/advance`, {
      version: 1,
      step: 'fieldwork',
      note: '开始走访',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ step: 'fieldwork', version: 2 });
    expect(ok.json().steps.map((s: { step: string; note: string | null }) => [s.step, s.note])).toEqual([
      ['plan', null],
      ['fieldwork', '开始走访'],
    ]);
    const stale = await lead1.post(`/survey-campaigns/${campaign.id}/advance`, {
      version: 1,
      step: 'analysis',
    });
    expect(stale.statusCode).toBe(409);
    expect((await lead1.get(`/survey-campaigns/${campaign.id}`)).json()).toMatchObject({
      step: 'fieldwork',
      version: 2,
    });
    expect(
      (await rm1.post(`/survey-campaigns/${campaign.id}/advance`, { version: 2, step: 'analysis' }))
        .statusCode,
    ).toBe(403);
    const last = await toStep(campaign.id, 'follow_up');
    const beyond = await lead1.post(`/survey-campaigns/${campaign.id}/advance`, {
      version: last.version,
      step: 'follow_up',
    });
    expect(beyond.json().error.code).toBe('step_skipped');
    expect(last.steps.map((s: { step: string }) => s.step)).toEqual([
      'plan',
      'fieldwork',
      'analysis',
      'report',
      'follow_up',
    ]);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity', '=', 'survey_campaign')
      .where('entity_id', '=', String(campaign.id))
      .where('action', '=', 'advance')
      .execute();
    expect(audit).toHaveLength(4);
  });

  // ---- responses

  it('takes an RM’s entry during fieldwork only, refuses scores outside 1–7 and writes nothing on error', async () => {
    const campaign = await newCampaign();
    const early = await answer(rm1, campaign.id, c.c1.id, SAME);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('campaign_not_in_fieldwork');
    await toStep(campaign.id, 'fieldwork');

    const zero = await answer(rm1, campaign.id, c.c1.id, { ...SAME, s1: [0, 5] });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'body.answers.0.expected',
    ]);
    const eight = await answer(rm1, campaign.id, c.c1.id, { ...SAME, s2: [5, 8] });
    expect(eight.statusCode).toBe(400);
    expect(eight.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'body.answers.1.perceived',
    ]);
    const half = await answer(rm1, campaign.id, c.c1.id, { ...SAME, f1: [4.5, 5] });
    expect(half.statusCode).toBe(400);
    expect(half.json().error.fields[0].path).toBe('body.answers.2.expected');

    const base = answersOf(SAME);
    const post = (answers: unknown[], texts: unknown[] = []) =>
      rm1.post(`/survey-campaigns/${campaign.id}/responses`, { customerId: c.c1.id, answers, texts });
    const unknown = await post([...base, { item: 'zz', expected: 3, perceived: 3 }]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual([
      { path: 'body.answers.3.item', message: 'is not an item of this survey' },
    ]);
    const twice = await post([base[0], base[0], base[1], base[2]]);
    expect(twice.json().error.fields).toEqual([
      { path: 'body.answers.1.item', message: 'is answered twice' },
    ]);
    const missing = await post([base[0], base[1]]);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([
      { path: 'body.answers', message: 'must answer every item; missing: f1' },
    ]);
    const badQuestion = await post(base, [{ question: 'q9', text: '好' }]);
    expect(badQuestion.json().error.fields).toEqual([
      { path: 'body.texts.0.question', message: 'is not a question of this survey' },
    ]);
    expect(await responsesOf(campaign.id)).toEqual([]);

    // Not a target (tier B), a target of another RM, a customer of another team: all 404.
    expect((await answer(rm1, campaign.id, c.c4.id, SAME)).statusCode).toBe(404);
    expect((await answer(rm1, campaign.id, c.c5.id, SAME)).statusCode).toBe(404);
    expect((await answer(risk1, campaign.id, c.c1.id, SAME)).statusCode).toBe(403);
    expect(await responsesOf(campaign.id)).toEqual([]);

    const ok = await answer(rm1, campaign.id, c.c1.id, SAME, '服务周到');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ customer: { id: c.c1.id }, responded: true, source: 'rm' });
    const again = await answer(lead1, campaign.id, c.c1.id, SAME);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_responded');
    const rows = await responsesOf(campaign.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'rm', channel: 'visit', entered_by: ctx.users.rm1 });
    const answers = await ctx.deps.db
      .selectFrom('survey_answers')
      .selectAll()
      .where('response_id', '=', rows[0]!.id)
      .execute();
    expect(answers).toHaveLength(3);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'survey_response')
      .where('entity_id', '=', String(rows[0]!.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: ctx.users.rm1, customer_id: c.c1.id });

    await toStep(campaign.id, 'analysis');
    const late = await answer(rm1, campaign.id, c.c2.id, SAME);
    expect(late.json().error.code).toBe('campaign_not_in_fieldwork');
  });

  // ---- results

  it('computes satisfaction per item, dimension, customer and segment over what the viewer may see', async () => {
    const campaign = await newCampaign({ valueTiers: ['A'], kinds: ['corporate'] }, 10);
    expect(campaign.targets).toBe(3);
    await toStep(campaign.id, 'fieldwork');
    expect(
      (await answer(rm1, campaign.id, c.c1.id, { s1: [5, 6], s2: [4, 4], f1: [3, 6] }, '服务很好'))
        .statusCode,
    ).toBe(201);
    expect((await answer(rm1, campaign.id, c.c2.id, { s1: [5, 4], s2: [6, 3], f1: [2, 2] })).statusCode).toBe(
      201,
    );
    // c5 answers on their phone.
    const link = await newLink(campaign.id, c.c5.id, rm2);
    const submitted = await ctx.anonymous.post(`/public/surveys/${link.token}`, {
      answers: answersOf({ s1: [7, 7], s2: [7, 7], f1: [7, 7] }),
      texts: [{ question: 'q1', text: '希望延长营业时间' }],
    });
    expect(submitted.statusCode, submitted.body).toBe(201);

    // rm1: c1 and c2 only.
    const mine = (await rm1.get(`/survey-campaigns/${campaign.id}/results`)).json();
    expect(mine).toMatchObject({ targets: 2, responses: 2, responseRate: 1 });
    const item = (key: string) => mine.items.find((i: { key: string }) => i.key === key);
    // s1: (5,6) and (5,4): Σ10 ÷ Σ10 = exactly 1.
    expect(item('s1')).toMatchObject({ n: 2, expected: 5, perceived: 5, satisfaction: 1, gap: 0 });
    // s2: Σ perceived 7 ÷ Σ expected 10; mean gap (7 − 10) / 2.
    expect(item('s2').satisfaction).toBeCloseTo(0.7, 12);
    expect(item('s2').gap).toBeCloseTo(-1.5, 12);
    expect(item('f1').satisfaction).toBeCloseTo(1.6, 12);
    // service: items weighted 1 and 3 → (1 × 1 + 3 × 0.7) / 4 = 0.775; facility 1.6.
    const service = mine.dimensions.find((d: { key: string }) => d.key === 'service');
    expect(service.satisfaction).toBeCloseTo(0.775, 12);
    expect(service.gap).toBeCloseTo(-1.125, 12);
    expect(service.expected).toBeCloseTo(5, 12);
    expect(service.perceived).toBeCloseTo(3.875, 12);
    expect(service.n).toBe(4);
    // overall: dimensions weighted 2 and 1 → (2 × 0.775 + 1.6) / 3 = 1.05.
    expect(mine.overall.satisfaction).toBeCloseTo(1.05, 12);
    expect(mine.overall.gap).toBeCloseTo(-0.25, 12);
    // c1 alone: s1 6/5 = 1.2, s2 1, f1 2 → service (1.2 + 3) / 4 = 1.05 → overall (2.1 + 2) / 3.
    const c1 = mine.customers.find((x: { customer: { id: number } }) => x.customer.id === c.c1.id);
    expect(c1).toMatchObject({ source: 'rm', customer: { code: c.c1.code, name: c.c1.name } });
    expect(c1.satisfaction).toBeCloseTo(4.1 / 3, 12);
    expect(mine.customers.map((x: { customer: { id: number } }) => x.customer.id)).not.toContain(c.c5.id);
    // Importance–performance: means 12.5/3 for both axes.
    expect(mine.ipa.importanceMean).toBeCloseTo(12.5 / 3, 12);
    expect(mine.items.map((i: { key: string; quadrant: string }) => [i.key, i.quadrant])).toEqual([
      ['s1', 'keep_up'],
      ['s2', 'concentrate_here'],
      ['f1', 'low_priority'],
    ]);
    expect(mine.texts).toEqual([{ question: 'q1', text: '您还有什么建议？', answers: ['服务很好'] }]);
    // Lifecycle: c1 maturity, c2 growth; c2 alone: s1 0.8, s2 0.5, f1 1 → service 0.575 → (1.15 + 1) / 3.
    const growth = mine.segments.lifecycleStage.find((s: { key: string }) => s.key === 'growth');
    expect(growth.responses).toBe(1);
    expect(growth.satisfaction).toBeCloseTo(2.15 / 3, 12);

    // lead1: all three, the link's answer among them.
    const team = (await lead1.get(`/survey-campaigns/${campaign.id}/results`)).json();
    expect(team).toMatchObject({ targets: 3, responses: 3, responseRate: 1 });
    const s1 = team.items.find((i: { key: string }) => i.key === 's1');
    expect(s1).toMatchObject({ n: 3, satisfaction: 1, gap: 0 }); // Σ17 ÷ Σ17
    expect(team.items.find((i: { key: string }) => i.key === 's2').satisfaction).toBeCloseTo(14 / 17, 12);
    expect(team.items.find((i: { key: string }) => i.key === 'f1').satisfaction).toBeCloseTo(15 / 12, 12);
    expect(team.overall.satisfaction).toBeCloseTo(((2 * (1 + (3 * 14) / 17)) / 4 + 1.25) / 3, 12);
    expect(team.customers.find((x: { customer: { id: number } }) => x.customer.id === c.c5.id)).toMatchObject(
      {
        source: 'link',
        satisfaction: 1,
      },
    );
    expect(team.texts[0].answers).toEqual(['服务很好', '希望延长营业时间']);
    expect(team.segments.valueTier).toEqual([
      { key: 'A', responses: 3, satisfaction: team.overall.satisfaction },
    ]);
    expect(team.segments.kind).toEqual([
      { key: 'corporate', responses: 3, satisfaction: team.overall.satisfaction },
    ]);
    expect(team.segments.branch).toEqual([
      {
        key: String(ctx.teams.branch),
        name: '测试支行',
        responses: 3,
        satisfaction: team.overall.satisfaction,
      },
    ]);
    expect(
      team.segments.lifecycleStage.map((s: { key: string; responses: number }) => [s.key, s.responses]),
    ).toEqual([
      ['growth', 1],
      ['maturity', 2],
    ]);
    // rm2 sees only c5's answers.
    const theirs = (await rm2.get(`/survey-campaigns/${campaign.id}/results`)).json();
    expect(theirs).toMatchObject({ targets: 1, responses: 1, overall: { satisfaction: 1, gap: 0 } });
    expect(theirs.texts[0].answers).toEqual(['希望延长营业时间']);
  });

  it('answers empty results for a campaign without responses', async () => {
    const campaign = await newCampaign();
    const res = await risk1.get(`/survey-campaigns/${campaign.id}/results`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      responses: 0,
      responseRate: 0,
      overall: { satisfaction: null, gap: null },
      ipa: { importanceMean: null, performanceMean: null },
      customers: [],
    });
    expect(res.json().items[0]).toMatchObject({ n: 0, satisfaction: null, quadrant: null });
  });

  // ---- one-time links

  it('lets a one-time link be answered once, without a session, showing nothing of the bank', async () => {
    const campaign = await newCampaign();
    const link = await newLink(campaign.id, c.c1.id);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(link.path).toBe(`/s/${link.token}`);
    const stored = await ctx.deps.db
      .selectFrom('survey_links')
      .selectAll()
      .where('campaign_id', '=', campaign.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(link.token);

    // During plan the survey is not open yet.
    const early = await ctx.anonymous.get(`/public/surveys/${link.token}`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('campaign_not_open');
    await toStep(campaign.id, 'fieldwork');

    const page = await ctx.anonymous.get(`/public/surveys/${link.token}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(Object.keys(page.json()).sort()).toEqual(
      ['description', 'dimensions', 'expiresAt', 'items', 'questions', 'title'].sort(),
    );
    expect(page.json().items[0]).toEqual({ key: 's1', dimension: 'service', text: '客户经理响应及时' });
    expect(page.json().dimensions[0]).toEqual({ key: 'service', name: '服务态度' });
    for (const secret of [c.c1.name, c.c1.code, 'RM1', 'LEAD1', 'weight', 'segment', 'valueTier'])
      expect(page.body).not.toContain(secret);

    const bad = await ctx.anonymous.post(`/public/surveys/${link.token}`, {
      answers: answersOf({ ...SAME, s1: [8, 5] }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('body.answers.0.expected');
    expect(await responsesOf(campaign.id)).toEqual([]);

    const ok = await ctx.anonymous.post(`/public/surveys/${link.token}`, {
      answers: answersOf(SAME),
      texts: [{ question: 'q1', text: '很满意' }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const rows = await responsesOf(campaign.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      customer_id: c.c1.id,
      source: 'link',
      entered_by: null,
      link_id: stored[0]!.id,
    });

    const second = await ctx.anonymous.post(`/public/surveys/${link.token}`, { answers: answersOf(SAME) });
    expect(second.statusCode).toBe(410);
    expect(second.json().error.code).toBe('link_used');
    expect(await responsesOf(campaign.id)).toHaveLength(1);
    expect((await ctx.anonymous.get(`/public/surveys/${link.token}`)).json().error.code).toBe('link_used');

    const target = (await rm1.get(`/survey-campaigns/${campaign.id}/targets`))
      .json()
      .items.find((t: { customer: { id: number } }) => t.customer.id === c.c1.id);
    expect(target).toMatchObject({ responded: true, source: 'link', link: { usedAt: expect.any(String) } });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'survey_response')
      .where('entity_id', '=', String(rows[0]!.id))
      .execute();
    expect(audit).toMatchObject([{ actor_id: null, customer_id: c.c1.id }]);
    // A new link for who has answered is refused.
    const again = await rm1.post(`/survey-campaigns/${campaign.id}/links`, { customerId: c.c1.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_responded');
  });

  it('answers 404 to an unknown or malformed token and 410 to an expired link, writing nothing', async () => {
    const campaign = await newCampaign();
    await toStep(campaign.id, 'fieldwork');
    const unknown = randomBytes(24).toString('base64url');
    for (const token of [unknown, 'abc', `${unknown}x`]) {
      const get = await ctx.anonymous.get(`/public/surveys/${token}`);
      expect(get.statusCode).toBe(404);
      const post = await ctx.anonymous.post(`/public/surveys/${token}`, { answers: answersOf(SAME) });
      expect(post.statusCode).toBe(404);
      // The answer to an unknown token is always the same: it says nothing about other tokens.
      expect(get.json()).toEqual(
        (await ctx.anonymous.get(`/public/surveys/${randomBytes(24).toString('base64url')}`)).json(),
      );
    }

    const link = await newLink(campaign.id, c.c2.id);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(13.9 * DAY);
    expect((await ctx.anonymous.get(`/public/surveys/${link.token}`)).statusCode).toBe(200);
    // Only anonymous calls while the clock is ahead: the test sessions would expire.
    ctx.advance(15 * DAY);
    try {
      const get = await ctx.anonymous.get(`/public/surveys/${link.token}`);
      expect(get.statusCode).toBe(410);
      expect(get.json().error.code).toBe('link_expired');
      const post = await ctx.anonymous.post(`/public/surveys/${link.token}`, { answers: answersOf(SAME) });
      expect(post.statusCode).toBe(410);
      expect(post.json().error.code).toBe('link_expired');
    } finally {
      ctx.advance(-15 * DAY);
    }
    expect(await responsesOf(campaign.id)).toEqual([]);
  });

  it('ends a customer’s earlier link when a new one is sent, and closes links with fieldwork', async () => {
    const campaign = await newCampaign();
    const first = await newLink(campaign.id, c.c2.id);
    const second = await newLink(campaign.id, c.c2.id);
    await toStep(campaign.id, 'fieldwork');
    expect((await ctx.anonymous.get(`/public/surveys/${first.token}`)).json().error.code).toBe(
      'link_expired',
    );
    expect((await ctx.anonymous.get(`/public/surveys/${second.token}`)).statusCode).toBe(200);

    // The RM enters the answers first: the link then answers already_responded.
    const other = await newLink(campaign.id, c.c1.id);
    expect((await answer(rm1, campaign.id, c.c1.id, SAME)).statusCode).toBe(201);
    const late = await ctx.anonymous.post(`/public/surveys/${other.token}`, { answers: answersOf(SAME) });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('already_responded');

    // Someone else's customer, or no target: 404.
    expect(
      (await rm1.post(`/survey-campaigns/${campaign.id}/links`, { customerId: c.c5.id })).statusCode,
    ).toBe(404);
    expect(
      (await rm1.post(`/survey-campaigns/${campaign.id}/links`, { customerId: c.c4.id })).statusCode,
    ).toBe(404);
    expect(
      (await risk1.post(`/survey-campaigns/${campaign.id}/links`, { customerId: c.c1.id })).statusCode,
    ).toBe(403);

    await toStep(campaign.id, 'analysis');
    const closed = await ctx.anonymous.post(`/public/surveys/${second.token}`, { answers: answersOf(SAME) });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('campaign_closed');
    const noLink = await rm1.post(`/survey-campaigns/${campaign.id}/links`, { customerId: c.c2.id });
    expect(noLink.statusCode).toBe(409);
    expect(noLink.json().error.code).toBe('campaign_closed');
    const rows = await responsesOf(campaign.id);
    expect(rows.map((r) => r.customer_id)).toEqual([c.c1.id]);
  });

  // ---- report

  it('exports the results as a workbook with Chinese and English headers', async () => {
    const campaign = await newCampaign();
    await toStep(campaign.id, 'fieldwork');
    expect(
      (await answer(rm1, campaign.id, c.c1.id, { s1: [5, 6], s2: [5, 5], f1: [5, 5] }, '=HYPERLINK("x")'))
        .statusCode,
    ).toBe(201);
    const res = await lead1.get(`/survey-campaigns/${campaign.id}/report.xlsx`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '概要 Summary',
      '维度 Dimensions',
      '题目 Items',
      '细分 Segments',
      '客户 Customers',
      '文字意见 Free text',
    ]);
    const items = workbook.getWorksheet('题目 Items')!;
    expect(items.getCell('A1').value).toBe('题目代码');
    expect(items.getCell('A2').value).toBe('Key');
    expect(items.getCell('A3').value).toBe('s1');
    expect(items.getCell('H3').value).toBeCloseTo(1.2, 12);
    const summary = workbook.getWorksheet('概要 Summary')!;
    expect(summary.getCell('B7').value).toBe(1);
    const customers = workbook.getWorksheet('客户 Customers')!;
    expect(customers.getCell('B3').value).toBe(c.c1.name);
    const texts = workbook.getWorksheet('文字意见 Free text')!;
    expect(texts.getCell('C3').value).toBe('=HYPERLINK("x")'); // a text, never a formula
    expect(texts.getCell('C3').type).toBe(ExcelJS.ValueType.String);

    // An RM of another team: 404; the download is audited.
    expect((await rm3.get(`/survey-campaigns/${campaign.id}/report.xlsx`)).statusCode).toBe(404);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('entity', '=', 'survey_campaign')
      .where('entity_id', '=', String(campaign.id))
      .where('action', '=', 'export')
      .execute();
    expect(audit).toEqual([{ actor_id: ctx.users.lead1 }]);
  });

  // ---- follow-up actions

  it('turns a follow-up action into a task for the assignee, in the follow-up step only', async () => {
    const campaign = await newCampaign();
    const dueOn = bankDate(new Date(Date.now() + 7 * DAY));
    const action = {
      title: '回访 s2 低分客户',
      assigneeId: ctx.users.rm1,
      dueOn,
      customerId: c.c1.id,
      note: '了解原因',
    };
    const early = await lead1.post(`/survey-campaigns/${campaign.id}/actions`, action);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('campaign_not_in_follow_up');
    await toStep(campaign.id, 'follow_up');

    const outsider = await lead1.post(`/survey-campaigns/${campaign.id}/actions`, {
      ...action,
      assigneeId: ctx.users.rm3,
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.fields[0].path).toBe('body.assigneeId');
    const past = await lead1.post(`/survey-campaigns/${campaign.id}/actions`, {
      ...action,
      dueOn: '2020-01-01',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].path).toBe('body.dueOn');
    const hidden = await lead1.post(`/survey-campaigns/${campaign.id}/actions`, {
      ...action,
      customerId: c.c6.id,
    });
    expect(hidden.statusCode).toBe(404);
    expect((await rm1.post(`/survey-campaigns/${campaign.id}/actions`, action)).statusCode).toBe(403);

    const created = await lead1.post(`/survey-campaigns/${campaign.id}/actions`, action);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      title: '回访 s2 低分客户',
      source: 'survey',
      dueOn,
      status: 'open',
      owner: { id: ctx.users.rm1 },
      customer: { id: c.c1.id },
    });
    expect(created.json().notes).toContain('了解原因');
    const tasks = (await rm1.get('/tasks?pageSize=100')).json();
    expect(tasks.items).toContainEqual(expect.objectContaining({ id: created.json().id, source: 'survey' }));
  });
});
