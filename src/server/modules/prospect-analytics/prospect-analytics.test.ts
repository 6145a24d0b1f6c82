import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import {
  acquisitionRate,
  funnel,
  furthestStage,
  PIPELINE_STAGES,
  type ProspectStatus,
} from '../../../domain/pipeline';
import {
  acquisitionBy,
  daysToEstablish,
  monthsBetween,
  type StatusChange,
  sourceEffectiveness,
  timeInStage,
} from '../../../domain/pipeline-analytics';
import { PROSPECT_SOURCES } from '../../../shared/codes';
import { bankDate } from '../../../shared/schemas/common';
import { stageAtRank, stageRank } from './prospect-analytics.repository';

// The pipeline's figures and the referral network over prospects written straight into the database
// (their history as the prospects module writes it), so every number can be worked out by hand.
//
//  P  owner source          created  history (day: status)                          referrer
//  1  rm1   chain_referral  D0       0 sourced, 4 screened, 10 engaged, 20 established  customer C1; converted into C5
//  2  rm1   web             D2       2 sourced, 5 screened, 15 engaged (open)
//  3  rm1   web             D40      40 sourced, 45 disqualified
//  4  rm1   key_person      D60      60 sourced (open)                                 person 王总
//  5  rm2   chain_referral  D31      31 sourced, 33 screened, 41 engaged, 51 established, 61 product_followup   contact CT1 of C1
//  6  rm3   chain_referral  D10      10 sourced, 20 engaged (open)                     customer C1
//  7  rm1   web             D5       merged into P2: never counted
//  8  rm1   web             2025-12-15: before the period
//  9  rm1   chain_referral  D70      70 sourced (open)                                 prospect P6
//  10 rm1   chain_referral  2025-11  sourced                                          customer C6
//  11 rm1   web             2025-11  sourced, engaged, established; converted into C6
//  and the customer link C1 → C2 (referral). C1, C2, C5, C6 are rm1's customers.
//  The clock stands at D90; the period is 2026-01-01 … 2026-03-31.

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 0, 1, 2); // 10:00 in Shanghai
const D = (n: number) => new Date(D0 + n * DAY).toISOString();
const PERIOD = 'from=2026-01-01&to=2026-03-31';

const fieldPaths = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  (res.json().error.fields ?? []).map((f) => f.path);

describe.each(dialects())('prospect analytics on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let rm3: Client;
  let lead1: Client;
  let admin: Client;
  const c: Record<string, { id: number; name: string }> = {};
  const p: Record<number, number> = {};
  let contactId = 0;

  let seq = 0;
  async function prospect(
    n: number,
    owner: number,
    source: string,
    history: [string, number][],
    extra: Record<string, unknown> = {},
    createdAt = D(history[0]![1]),
  ) {
    seq += 1;
    const status = history.at(-1)![0];
    const row = await ctx.deps.db
      .insertInto('prospects')
      .values({
        code: `P-T${seq}`,
        kind: 'corporate',
        name: `潜在客户${n}`,
        search_name: `潜在客户${n}`,
        source,
        owner_id: owner,
        status,
        stage_entered_at: createdAt,
        version: 1,
        created_at: createdAt,
        updated_at: createdAt,
        ...extra,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    p[n] = row.id;
    let from: string | null = null;
    for (const [to, day] of history) {
      await ctx.deps.db
        .insertInto('prospect_stage_history')
        .values({
          prospect_id: row.id,
          from_status: from,
          to_status: to,
          changed_at: D(day),
          changed_by: owner,
        })
        .execute();
      from = to;
    }
  }

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ctx.deps.clock = () => new Date(D(90));
    [rm1, rm2, rm3, lead1, admin] = await ctx.loginAll('rm1', 'rm2', 'rm3', 'lead1', 'admin');
    for (const key of ['C1', 'C2', 'C5', 'C6']) {
      const body = buildCustomer();
      const res = await rm1.post('/customers', body);
      expect(res.statusCode, res.body).toBe(201);
      c[key] = { id: res.json().id, name: body.name };
    }
    const db = ctx.deps.db;
    contactId = (
      await db
        .insertInto('contacts')
        .values({
          customer_id: c.C1!.id,
          name: '李财务',
          role: 'finance_head',
          version: 1,
          created_at: D(0),
          updated_at: D(0),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('customer_links')
      .values({
        from_customer_id: c.C1!.id,
        to_customer_id: c.C2!.id,
        kind: 'referral',
        note: null,
        created_at: D(1),
      })
      .execute();

    const { rm1: u1, rm2: u2, rm3: u3 } = ctx.users;
    await prospect(
      1,
      u1,
      'chain_referral',
      [
        ['sourced', 0],
        ['screened', 4],
        ['engaged', 10],
        ['established', 20],
      ],
      {
        referrer_kind: 'customer',
        referrer_customer_id: c.C1!.id,
        customer_id: c.C5!.id,
        converted_at: D(20),
      },
    );
    await prospect(2, u1, 'web', [
      ['sourced', 2],
      ['screened', 5],
      ['engaged', 15],
    ]);
    await prospect(3, u1, 'web', [
      ['sourced', 40],
      ['disqualified', 45],
    ]);
    await prospect(4, u1, 'key_person', [['sourced', 60]], {
      referrer_kind: 'person',
      referrer_name: '王总',
    });
    await prospect(
      5,
      u2,
      'chain_referral',
      [
        ['sourced', 31],
        ['screened', 33],
        ['engaged', 41],
        ['established', 51],
        ['product_followup', 61],
      ],
      { referrer_kind: 'contact', referrer_contact_id: contactId },
    );
    await prospect(
      6,
      u3,
      'chain_referral',
      [
        ['sourced', 10],
        ['engaged', 20],
      ],
      { referrer_kind: 'customer', referrer_customer_id: c.C1!.id },
    );
    await prospect(7, u1, 'web', [['sourced', 5]], { merged_into_kind: 'prospect', merged_into_id: p[2] });
    await prospect(8, u1, 'web', [['sourced', -17]]);
    await prospect(9, u1, 'chain_referral', [['sourced', 70]], {
      referrer_kind: 'prospect',
      referrer_prospect_id: p[6],
    });
    // Before the period (November 2025): P11 was converted into C6, which then introduced P10. C6 is
    // reached only as a referrer, and still shows as the converted prospect it is.
    await prospect(
      11,
      u1,
      'web',
      [
        ['sourced', -60],
        ['engaged', -55],
        ['established', -50],
      ],
      { customer_id: c.C6!.id, converted_at: D(-50) },
    );
    await prospect(10, u1, 'chain_referral', [['sourced', -45]], {
      referrer_kind: 'customer',
      referrer_customer_id: c.C6!.id,
    });
  });
  afterAll(async () => ctx?.close());

  describe('GET /prospects/analytics', () => {
    it('gives the funnel with the conversion between stages, over every prospect the caller sees', async () => {
      const res = await admin.get(`/prospects/analytics?${PERIOD}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.period).toEqual({ from: '2026-01-01', to: '2026-03-31' });
      expect(body.asOf).toBe(D(90));
      expect(body.funnel).toEqual([
        { stage: 'sourced', reached: 7, conversion: null },
        { stage: 'screened', reached: 4, conversion: 4 / 7 },
        { stage: 'needs_researched', reached: 4, conversion: 1 },
        { stage: 'assessed', reached: 4, conversion: 1 },
        { stage: 'targeted', reached: 4, conversion: 1 },
        { stage: 'action_planned', reached: 4, conversion: 1 },
        { stage: 'engaged', reached: 4, conversion: 1 },
        { stage: 'established', reached: 2, conversion: 0.5 },
        { stage: 'product_followup', reached: 1, conversion: 0.5 },
      ]);
    });

    it('gives the acquisition rate overall and by RM, team, source and month', async () => {
      const { acquisition } = (await admin.get(`/prospects/analytics?${PERIOD}`)).json();
      expect(acquisition.overall).toEqual({ prospects: 7, approached: 4, acquired: 2, rate: 0.5 });
      expect(acquisition.byOwner).toEqual([
        { owner: { id: ctx.users.rm1, name: 'RM1' }, prospects: 5, approached: 2, acquired: 1, rate: 0.5 },
        { owner: { id: ctx.users.rm2, name: 'RM2' }, prospects: 1, approached: 1, acquired: 1, rate: 1 },
        { owner: { id: ctx.users.rm3, name: 'RM3' }, prospects: 1, approached: 1, acquired: 0, rate: 0 },
      ]);
      expect(acquisition.byTeam).toEqual([
        {
          team: { id: ctx.teams.team1, name: '团队T1' },
          prospects: 6,
          approached: 3,
          acquired: 2,
          rate: 2 / 3,
        },
        { team: { id: ctx.teams.team2, name: '团队T2' }, prospects: 1, approached: 1, acquired: 0, rate: 0 },
      ]);
      expect(acquisition.bySource).toEqual([
        { source: 'chain_referral', prospects: 4, approached: 3, acquired: 2, rate: 2 / 3 },
        { source: 'key_person', prospects: 1, approached: 0, acquired: 0, rate: null },
        { source: 'web', prospects: 2, approached: 1, acquired: 0, rate: 0 },
      ]);
      expect(acquisition.byMonth).toEqual([
        { month: '2026-01', prospects: 3, approached: 3, acquired: 1, rate: 1 / 3 },
        { month: '2026-02', prospects: 2, approached: 1, acquired: 1, rate: 1 },
        { month: '2026-03', prospects: 2, approached: 0, acquired: 0, rate: null },
      ]);
    });

    it('gives the median and mean days in each stage, an open stay counted to now', async () => {
      const { timeInStage } = (await admin.get(`/prospects/analytics?${PERIOD}`)).json();
      const none = { prospects: 0, medianDays: null, meanDays: null };
      expect(timeInStage).toEqual([
        // 4, 3, 5, 30 (open), 2, 10, 20 (open)
        { stage: 'sourced', prospects: 7, medianDays: 5, meanDays: 10.6 },
        // 6, 10, 8
        { stage: 'screened', prospects: 3, medianDays: 8, meanDays: 8 },
        { stage: 'needs_researched', ...none },
        { stage: 'assessed', ...none },
        { stage: 'targeted', ...none },
        { stage: 'action_planned', ...none },
        // 10, 75 (open), 10, 70 (open)
        { stage: 'engaged', prospects: 4, medianDays: 40, meanDays: 41.3 },
      ]);
    });

    it('gives the effectiveness of each source, most prospects first', async () => {
      const { sources } = (await admin.get(`/prospects/analytics?${PERIOD}`)).json();
      expect(sources).toEqual([
        {
          source: 'chain_referral',
          prospects: 4,
          approached: 3,
          acquired: 2,
          rate: 2 / 3,
          disqualified: 0,
          medianDaysToEstablish: 20,
        },
        {
          source: 'web',
          prospects: 2,
          approached: 1,
          acquired: 0,
          rate: 0,
          disqualified: 1,
          medianDaysToEstablish: null,
        },
        {
          source: 'key_person',
          prospects: 1,
          approached: 0,
          acquired: 0,
          rate: null,
          disqualified: 0,
          medianDaysToEstablish: null,
        },
      ]);
    });

    it('narrows to the caller’s scope: an RM their own, a team lead the team’s', async () => {
      const mine = (await rm1.get(`/prospects/analytics?${PERIOD}`)).json();
      expect(mine.acquisition.overall).toEqual({ prospects: 5, approached: 2, acquired: 1, rate: 0.5 });
      expect(mine.acquisition.byOwner.map((o: { owner: { id: number } }) => o.owner.id)).toEqual([
        ctx.users.rm1,
      ]);
      expect(mine.funnel.map((s: { reached: number }) => s.reached)).toEqual([5, 2, 2, 2, 2, 2, 2, 1, 0]);

      const rm3View = (await rm3.get(`/prospects/analytics?${PERIOD}`)).json();
      expect(rm3View.acquisition.overall).toEqual({ prospects: 1, approached: 1, acquired: 0, rate: 0 });

      const team = (await lead1.get(`/prospects/analytics?${PERIOD}`)).json();
      expect(team.acquisition.overall).toEqual({ prospects: 6, approached: 3, acquired: 2, rate: 2 / 3 });
      expect(team.acquisition.byTeam).toHaveLength(1);
    });

    it('filters by RM, team and source; one outside the caller’s scope answers nothing', async () => {
      const overall = async (client: Client, q: string) =>
        (await client.get(`/prospects/analytics?${PERIOD}&${q}`)).json().acquisition.overall;
      expect(await overall(lead1, `ownerId=${ctx.users.rm2}`)).toEqual({
        prospects: 1,
        approached: 1,
        acquired: 1,
        rate: 1,
      });
      expect(await overall(admin, `teamId=${ctx.teams.team2}`)).toMatchObject({ prospects: 1 });
      expect(await overall(admin, 'source=web')).toEqual({
        prospects: 2,
        approached: 1,
        acquired: 0,
        rate: 0,
      });
      expect(await overall(rm1, `ownerId=${ctx.users.rm3}`)).toEqual({
        prospects: 0,
        approached: 0,
        acquired: 0,
        rate: null,
      });
      const empty = (await lead1.get(`/prospects/analytics?${PERIOD}&teamId=${ctx.teams.team2}`)).json();
      expect(empty.funnel.every((s: { reached: number }) => s.reached === 0)).toBe(true);
      expect(empty.acquisition.byOwner).toEqual([]);
      expect(empty.sources).toEqual([]);
      expect(empty.acquisition.byMonth.map((m: { month: string }) => m.month)).toEqual([
        '2026-01',
        '2026-02',
        '2026-03',
      ]);
    });

    it('counts a prospect in the month of the bank day it was created', async () => {
      // D(-17) is 2025-12-15 and outside; the first of January at 10:00 in Shanghai is inside
      const res = (await admin.get('/prospects/analytics?from=2025-12-01&to=2025-12-31')).json();
      expect(res.acquisition.overall.prospects).toBe(1);
      expect(res.acquisition.byMonth).toEqual([
        { month: '2025-12', prospects: 1, approached: 0, acquired: 0, rate: null },
      ]);
    });

    it('answers 400 naming the field for a bad period or filter', async () => {
      const cases: [string, string][] = [
        ['from=2026-02-30&to=2026-03-31', 'querystring.from'],
        ['from=2026-01-01&to=31.03.2026', 'querystring.to'],
        ['to=2026-03-31', 'querystring.from'],
        ['from=2026-03-31&to=2026-01-01', 'querystring.to'],
        ['from=2020-01-01&to=2026-01-01', 'querystring.to'],
        [`${PERIOD}&source=newspaper`, 'querystring.source'],
        [`${PERIOD}&ownerId=abc`, 'querystring.ownerId'],
        [`${PERIOD}&stage=x`, 'querystring.stage'],
      ];
      for (const [q, field] of cases) {
        const res = await rm1.get(`/prospects/analytics?${q}`);
        expect(res.statusCode, q).toBe(400);
        expect(fieldPaths(res), q).toContain(field);
      }
    });

    it('answers 401 to an anonymous caller', async () => {
      expect((await ctx.anonymous.get(`/prospects/analytics?${PERIOD}`)).statusCode).toBe(401);
    });
  });

  describe('the figures counted in SQL', () => {
    it('ranks every status as furthestStage reads it', async () => {
      for (const status of [...PIPELINE_STAGES, 'disqualified', 'unknown_code']) {
        const { rank } = await ctx.deps.db
          .selectNoFrom(stageRank(sql.val(status)).as('rank'))
          .executeTakeFirstOrThrow();
        expect(stageAtRank(Number(rank)), status).toBe(furthestStage([status as ProspectStatus]));
      }
    });

    // Random prospects and histories (moved back, reopened, two changes at one instant, changes
    // recorded out of order, a change after the clock, no history at all, merged duplicates),
    // answered by the API and by the pure rules over the same rows: the SQL must say what the rules say.
    // Times fall on whole three hours, so both sides compute every day count exactly. The period lies
    // before the fixture's prospects; some changes come after the clock (D90).
    const STATUSES: ProspectStatus[] = [...PIPELINE_STAGES, 'disqualified'];
    const SOURCES = ['web', 'chain_referral', 'key_person'] as const;
    const START = Date.UTC(2025, 5, 24, 16); // 2025-06-25 00:00 in Shanghai
    const STEP = 3 * 3_600_000;
    const at = (steps: number) => new Date(START + steps * STEP).toISOString();
    const period = { from: '2025-07-01', to: '2025-09-30' };
    const prospectArb = fc.record({
      owner: fc.constantFrom('rm1', 'rm2', 'rm3', null),
      source: fc.constantFrom(...SOURCES),
      status: fc.constantFrom(...STATUSES),
      created: fc.integer({ min: 0, max: 8 * 100 }),
      merged: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      history: fc.oneof(
        // Any history at all
        fc.array(
          fc.record({
            status: fc.constantFrom(...STATUSES),
            after: fc.oneof(
              fc.integer({ min: 0, max: 3 }),
              fc.integer({ min: 0, max: 8 * 40 }),
              fc.integer({ min: 8 * 250, max: 8 * 320 }),
            ),
          }),
          { maxLength: 6 },
        ),
        // A march forward, skipping stages, perhaps disqualified at the end (most prospects)
        fc
          .tuple(
            fc.uniqueArray(fc.integer({ min: 0, max: PIPELINE_STAGES.length - 1 }), { maxLength: 6 }),
            fc.boolean(),
            fc.array(fc.integer({ min: 1, max: 8 * 60 }), { minLength: 7, maxLength: 7 }),
          )
          .map(([stages, disqualified, gaps]) => {
            const statuses: ProspectStatus[] = [...stages]
              .sort((a, b) => a - b)
              .map((i) => PIPELINE_STAGES[i]!);
            if (disqualified) statuses.push('disqualified');
            let after = 0;
            return statuses.map((status, i) => {
              if (i > 0) after += gaps[i]!;
              return { status, after };
            });
          }),
      ),
    });

    it('answers what the rules answer over the same prospects, for every scope', async () => {
      const db = ctx.deps.db;
      const users = await db.selectFrom('users').select(['id', 'username', 'team_id']).execute();
      const user = (name: string) => users.find((u) => u.username === name)!;
      const teamOf = new Map(users.map((u) => [u.id, u.team_id]));
      const asOf = ctx.deps.clock();
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(prospectArb, { minLength: 1, maxLength: 10 }), async (drawn) => {
          runs += 1;
          const rows = drawn.map((d, i) => ({
            ...d,
            ownerId: d.owner === null ? null : user(d.owner).id,
            createdAt: at(d.created),
            code: `PP-${runs}-${i}`,
          }));
          const ids = (
            await db
              .insertInto('prospects')
              .values(
                rows.map((r) => ({
                  code: r.code,
                  kind: 'corporate',
                  name: r.code,
                  search_name: r.code,
                  source: r.source,
                  owner_id: r.ownerId,
                  status: r.status,
                  stage_entered_at: r.createdAt,
                  merged_into_kind: r.merged ? 'prospect' : null,
                  version: 1,
                  created_at: r.createdAt,
                  updated_at: r.createdAt,
                })),
              )
              .returning('id')
              .execute()
          ).map((r) => r.id);
          // Recorded in the order drawn, which need not be the order of the instants.
          const changes = rows.flatMap((r, i) =>
            r.history.map((h) => ({ prospect: i, status: h.status, at: at(r.created + h.after) })),
          );
          if (changes.length > 0) {
            await db
              .insertInto('prospect_stage_history')
              .values(
                changes.map((c) => ({
                  prospect_id: ids[c.prospect]!,
                  from_status: null,
                  to_status: c.status,
                  changed_by: null,
                  changed_at: c.at,
                })),
              )
              .execute();
          }
          try {
            const scopes: [Client, (ownerId: number | null) => boolean][] = [
              [admin, () => true],
              [rm1, (o) => o === user('rm1').id],
              [lead1, (o) => o === null || teamOf.get(o) === user('lead1').team_id],
            ];
            for (const [client, sees] of scopes) {
              const res = await client.get(`/prospects/analytics?from=${period.from}&to=${period.to}`);
              expect(res.statusCode, res.body).toBe(200);
              const got = res.json();
              const expected = byTheRules(
                rows
                  .map((r, i) => ({ ...r, index: i, id: ids[i]! }))
                  .filter(
                    (r) =>
                      !r.merged &&
                      sees(r.ownerId) &&
                      r.createdAt >= '2025-06-30T16:00:00.000Z' &&
                      r.createdAt < '2025-09-30T16:00:00.000Z',
                  )
                  .map((r) => ({
                    ...r,
                    changes: changes
                      .map((c, order) => ({ ...c, order }))
                      .filter((c) => c.prospect === r.index)
                      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order))
                      .map((c): StatusChange => ({ status: c.status, at: c.at })),
                  })),
                asOf.toISOString(),
                teamOf,
              );
              const byId = <T extends { owner?: { id: number } | null; team?: { id: number } | null }>(
                list: T[],
              ) =>
                list
                  .map(({ owner, team, ...rate }) => ({
                    id: (owner ?? team)?.id ?? null,
                    ...rate,
                  }))
                  .sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
              expect(got.funnel).toEqual(expected.funnel);
              expect(got.acquisition.overall).toEqual(expected.overall);
              expect(byId(got.acquisition.byOwner)).toEqual(expected.byOwner);
              expect(byId(got.acquisition.byTeam)).toEqual(expected.byTeam);
              expect(got.acquisition.bySource).toEqual(expected.bySource);
              expect(got.acquisition.byMonth).toEqual(expected.byMonth);
              expect(got.timeInStage).toEqual(expected.timeInStage);
              expect(got.sources).toEqual(expected.sources);
            }
          } finally {
            await db.deleteFrom('prospect_stage_history').where('prospect_id', 'in', ids).execute();
            await db.deleteFrom('prospects').where('id', 'in', ids).execute();
          }
        }),
        { numRuns: 25 },
      );

      /** The figures as the rules give them over a list of the prospects and their histories. */
      function byTheRules(
        prospects: {
          id: number;
          ownerId: number | null;
          source: string;
          status: ProspectStatus;
          createdAt: string;
          changes: StatusChange[];
        }[],
        asOfIso: string,
        teams: Map<number, number | null>,
      ) {
        const list = prospects
          .sort((a, b) => a.id - b.id)
          .map((p) => ({
            ...p,
            teamId: p.ownerId === null ? null : (teams.get(p.ownerId) ?? null),
            month: bankDate(new Date(p.createdAt)).slice(0, 7),
            furthest: furthestStage([...p.changes.map((c) => c.status), p.status]),
          }));
        const furthest = (p: (typeof list)[number]) => p.furthest;
        const sorted = <K>(groups: { key: K }[]) =>
          groups
            .map(({ key, ...rate }) => ({ id: key, ...rate }))
            .sort((a, b) => ((a.id as number | null) ?? 0) - ((b.id as number | null) ?? 0));
        const byMonth = new Map(
          acquisitionBy(list, (p) => p.month, furthest).map(({ key, ...r }) => [key, r]),
        );
        const order: readonly string[] = PROSPECT_SOURCES.codes;
        return {
          funnel: funnel(list.map(furthest)),
          overall: { prospects: list.length, ...acquisitionRate(list.map(furthest)) },
          byOwner: sorted(acquisitionBy(list, (p) => p.ownerId, furthest)),
          byTeam: sorted(acquisitionBy(list, (p) => p.teamId, furthest)),
          bySource: acquisitionBy(list, (p) => p.source, furthest)
            .map(({ key, ...rate }) => ({ source: key, ...rate }))
            .sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source)),
          byMonth: monthsBetween(period.from, period.to).map((month) => ({
            month,
            ...(byMonth.get(month) ?? { prospects: 0, approached: 0, acquired: 0, rate: null }),
          })),
          timeInStage: timeInStage(
            list.map((p) => p.changes),
            asOfIso,
          ),
          sources: sourceEffectiveness(
            list.map((p) => ({
              source: p.source,
              status: p.status,
              furthest: p.furthest,
              daysToEstablish: daysToEstablish(p.changes),
            })),
            order,
          ),
        };
      }
    });
  });

  describe('GET /prospects/network', () => {
    const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id).sort();
    const edgeList = (edges: { source: string; target: string }[]) =>
      edges.map((e) => `${e.source}>${e.target}`).sort();

    it('draws who introduced whom, a converted prospect as its customer', async () => {
      const res = await admin.get('/prospects/network');
      expect(res.statusCode, res.body).toBe(200);
      const net = res.json();
      const cid = (k: string) => `c:${c[k]!.id}`;
      const pid = (n: number) => `p:${p[n]}`;
      expect(ids(net.nodes)).toEqual(
        [
          cid('C1'),
          cid('C2'),
          cid('C5'),
          cid('C6'),
          `ct:${contactId}`,
          'k:王总',
          pid(4),
          pid(5),
          pid(6),
          pid(9),
          pid(10),
        ].sort(),
      );
      expect(edgeList(net.edges)).toEqual(
        [
          `${cid('C1')}>${cid('C5')}`,
          `${cid('C1')}>${cid('C2')}`,
          `k:王总>${pid(4)}`,
          `ct:${contactId}>${pid(5)}`,
          `${cid('C1')}>${pid(6)}`,
          `${pid(6)}>${pid(9)}`,
          `${cid('C6')}>${pid(10)}`,
        ].sort(),
      );
      const node = (id: string) => net.nodes.find((n: { id: string }) => n.id === id);
      expect(node(cid('C5'))).toEqual({
        id: cid('C5'),
        kind: 'customer',
        name: c.C5!.name,
        status: 'established',
        converted: true,
        organisation: null,
      });
      expect(node(cid('C1'))).toMatchObject({ kind: 'customer', status: 'customer', converted: false });
      // reached only as a referrer, C6 is still the prospect converted into it
      expect(node(cid('C6'))).toMatchObject({ kind: 'customer', status: 'established', converted: true });
      expect(node(`ct:${contactId}`)).toMatchObject({
        kind: 'contact',
        name: '李财务',
        status: 'person',
        organisation: { id: c.C1!.id, name: c.C1!.name },
      });
      expect(node('k:王总')).toMatchObject({ kind: 'person', name: '王总', status: 'person' });
      expect(node(pid(5))).toMatchObject({ kind: 'prospect', name: '潜在客户5', status: 'product_followup' });
      expect(net.truncated).toBe(false);
      // merged and unreferred prospects are not part of the network
      expect(JSON.stringify(net)).not.toContain('潜在客户7');
      expect(JSON.stringify(net)).not.toContain('潜在客户2');
    });

    it('shows a node outside an RM’s scope only as hidden, and only where it links two of theirs', async () => {
      const net = (await rm1.get('/prospects/network')).json();
      const cid = (k: string) => `c:${c[k]!.id}`;
      // P6 (rm3's) links C1 and P9: hidden; P5 (rm2's) touches only the contact: left out, and the
      // contact with it, having introduced no one else
      expect(ids(net.nodes)).toEqual(
        [
          cid('C1'),
          cid('C2'),
          cid('C5'),
          cid('C6'),
          'k:王总',
          `p:${p[4]}`,
          'h:1',
          `p:${p[9]}`,
          `p:${p[10]}`,
        ].sort(),
      );
      expect(net.nodes.find((n: { id: string }) => n.id === 'h:1')).toEqual({
        id: 'h:1',
        kind: 'prospect',
        name: null,
        status: null,
        converted: false,
        organisation: null,
        hidden: true,
      });
      expect(edgeList(net.edges)).toEqual(
        [
          `${cid('C1')}>${cid('C5')}`,
          `${cid('C1')}>${cid('C2')}`,
          `k:王总>p:${p[4]}`,
          `${cid('C1')}>h:1`,
          `h:1>p:${p[9]}`,
          `${cid('C6')}>p:${p[10]}`,
        ].sort(),
      );
      const text = JSON.stringify(net);
      expect(text).not.toContain('潜在客户6');
      expect(text).not.toContain('潜在客户5');
      expect(text).not.toContain(`p:${p[6]}`);
    });

    it('shows a risk officer the whole network and figures, as an administrator sees them', async () => {
      const risk = await ctx.login('risk1');
      for (const url of ['/prospects/network', '/prospects/key-persons', `/prospects/analytics?${PERIOD}`]) {
        const [theirs, admins] = [await risk.get(url), await admin.get(url)];
        expect(theirs.statusCode, theirs.body).toBe(200);
        expect(theirs.json(), url).toEqual(admins.json());
      }
    });

    it('shows other RMs nothing of what lies outside their scope', async () => {
      // rm3's P6 was introduced by rm1's C1 and introduced rm1's P9: neither is rm3's to see, and an
      // introduction with no end in view is no network
      expect((await rm3.get('/prospects/network')).json()).toEqual({
        nodes: [],
        edges: [],
        truncated: false,
      });
      const rm2View = (await rm2.get('/prospects/network')).json();
      expect(rm2View.nodes).toEqual([]);
      expect(JSON.stringify(rm2View)).not.toContain('李财务');
      // the team lead sees the team's: the contact's introduction of rm2's prospect too
      const team = (await lead1.get('/prospects/network')).json();
      expect(edgeList(team.edges)).toContain(`ct:${contactId}>p:${p[5]}`);
      expect(team.nodes.filter((n: { hidden?: boolean }) => n.hidden)).toHaveLength(1);
    });

    it('answers 401 to an anonymous caller', async () => {
      expect((await ctx.anonymous.get('/prospects/network')).statusCode).toBe(401);
    });
  });

  describe('GET /prospects/key-persons', () => {
    it('ranks referrers by referrals, then conversions, with the value of the customers they brought', async () => {
      const res = await admin.get('/prospects/key-persons');
      expect(res.statusCode, res.body).toBe(200);
      const { items } = res.json();
      expect(items[0]).toEqual({
        referrer: expect.objectContaining({ id: `c:${c.C1!.id}`, name: c.C1!.name }),
        referrals: 3,
        converted: 2,
        convertedValue: null,
      });
      expect(
        items
          .slice(1)
          .map((k: { referrer: { id: string }; referrals: number; converted: number }) =>
            [k.referrer.id, k.referrals, k.converted].join(' '),
          )
          .sort(),
      ).toEqual([`c:${c.C6!.id} 1 0`, `ct:${contactId} 1 0`, 'k:王总 1 0', `p:${p[6]} 1 0`].sort());
      expect((await admin.get('/prospects/key-persons?limit=1')).json().items).toHaveLength(1);
      // Once a value run has stored realized values, the two customers C1 brought add up.
      await ctx.deps.db.updateTable('customers').set({ realized_value: 12_345 }).execute();
      const valued = (await admin.get('/prospects/key-persons?limit=1')).json().items[0];
      expect(valued).toMatchObject({ converted: 2, convertedValue: 246.9 });
      await ctx.deps.db.updateTable('customers').set({ realized_value: null }).execute();
    });

    it('counts only what the caller sees', async () => {
      const { items } = (await rm1.get('/prospects/key-persons')).json();
      // C1 → C5, C2 and the hidden P6: two seen, both customers; the hidden node ranks nobody
      const ranked = items.map(
        (k: { referrer: { id: string }; referrals: number; converted: number }) =>
          `${k.referrer.id} ${k.referrals} ${k.converted}`,
      );
      expect(ranked[0]).toBe(`c:${c.C1!.id} 2 2`);
      expect(ranked.slice(1).sort()).toEqual([`c:${c.C6!.id} 1 0`, 'k:王总 1 0'].sort());
      expect((await rm3.get('/prospects/key-persons')).json().items).toEqual([]);
    });

    it('answers 400 for a bad limit and 401 to an anonymous caller', async () => {
      for (const q of ['limit=0', 'limit=201', 'limit=x']) {
        const res = await rm1.get(`/prospects/key-persons?${q}`);
        expect(res.statusCode, q).toBe(400);
        expect(fieldPaths(res)).toContain('querystring.limit');
      }
      expect((await ctx.anonymous.get('/prospects/key-persons')).statusCode).toBe(401);
    });
  });
});
