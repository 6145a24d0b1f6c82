import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dialects } from '../../../../tests/support/test-app';
import { validateResidentId, validateUscc } from '../../../domain/identity-numbers';
import { bigrams } from '../../../domain/name-search';
import { PRODUCTS } from '../../../shared/codes';
import { isIndustryCode } from '../../../shared/industries';
import type { AppDeps } from '../../deps';
import { runScreening } from '../../modules/exit/screening';
import { verifyPassword } from '../../modules/users/passwords';
import { connect, type Dialect } from '../connect';
import { migrateToLatest } from '../migrations';
import { DEMO_MONTHS, generateCustomers, generateOrganisation, monthIndex, monthText } from './generate';
import { ensureAdmin, lastCompleteMonth, seedDemoBankIfEmpty } from './seed';

// The demo bank needs an empty database, so these tests make their own instead of the test
// context of tests/support/test-app.ts, which inserts users.

const PASSWORD = 'Demo@2026!';
const CLOCK = new Date('2026-03-15T04:00:00.000Z');
const AS_OF = '2026-02';
const COUNT = 300;

async function freshDatabase(dialect: Dialect) {
  const { url, drop } = await createDatabase(dialect);
  const database = connect(url);
  await migrateToLatest(database.db, dialect);
  const deps: AppDeps = { db: database.db, dialect, clock: () => CLOCK };
  return {
    deps,
    async close() {
      await database.close();
      await drop();
    },
  };
}

describe('the demo generator', () => {
  const opts = { count: 400, seed: 7, ownerIds: [11, 12, 13], asOfMonth: AS_OF };

  it('gives the same bank for the same seed, and another for another seed', () => {
    const a = [...generateCustomers(opts)];
    const b = [...generateCustomers(opts)];
    expect(b).toEqual(a);
    const c = [...generateCustomers({ ...opts, seed: 8 })];
    expect(c.map((x) => x.row.name)).not.toEqual(a.map((x) => x.row.name));
  });

  it('makes realistic customers', () => {
    const customers = [...generateCustomers({ ...opts, count: 2_000 })];
    const corporate = customers.filter((c) => c.row.kind === 'corporate');
    expect(corporate.length / customers.length).toBeGreaterThan(0.5);
    expect(corporate.length / customers.length).toBeLessThan(0.7);
    for (const c of customers) {
      expect(c.row.code).toMatch(/^C\d{10}$/);
      if (c.row.phone !== null) expect(c.row.phone).toMatch(/^1[3-9]\d{9}$/);
      if (c.row.industry !== null) expect(isIndustryCode(c.row.industry)).toBe(true);
      expect(c.accounts.length).toBeLessThanOrEqual(4);
      for (const a of c.accounts) {
        expect(Object.keys(PRODUCTS.labels)).toContain(a.row.product);
        expect(a.row.account_no).toMatch(/^\d{16,19}$/);
        expect(a.row.opened_on <= `${AS_OF}-31`).toBe(true);
        const badFigures = a.monthly.filter(
          (f) =>
            !Number.isSafeInteger(f.avg_balance) ||
            f.avg_balance < 0 ||
            !Number.isSafeInteger(f.net_interest_contribution) ||
            !Number.isSafeInteger(f.fee_income) ||
            f.fee_income < 0,
        );
        expect(badFigures).toEqual([]);
      }
      if (c.row.established_on !== null) expect(c.row.established_on < `${AS_OF}-01`).toBe(true);
      if (c.accounts.length === 0) {
        expect(c.row.lifecycle_stage).toBe('potential');
        expect(c.row.tier).toBe('potential');
        expect(c.row.loan_class).toBeNull();
      }
      if (c.accounts.length > 0 && c.accounts.every((a) => a.row.closed_on !== null)) {
        expect(c.row.lifecycle_stage).toBe('termination');
      }
    }
    const stages = new Set(customers.map((c) => c.row.lifecycle_stage));
    expect([...stages].sort()).toEqual(
      ['decline', 'development', 'growth', 'maturity', 'potential', 'termination'].sort(),
    );
    const unowned = customers.filter((c) => c.row.owner_id === null).length / customers.length;
    expect(unowned).toBeGreaterThan(0.005);
    expect(unowned).toBeLessThan(0.05);
    const belowB = customers.filter((c) => ['CCC', 'CC', 'C', 'D'].includes(c.row.credit_grade ?? '')).length;
    expect(belowB / customers.length).toBeLessThan(0.08);
    const kinds = new Set(customers.flatMap((c) => c.links.map((l) => l.kind)));
    expect([...kinds].sort()).toEqual(['group', 'household', 'referral']);
    // Value is concentrated: the top 20% of customers hold most of it (DOMAIN §3.1, 80/20).
    const values = customers
      .map((c) =>
        c.accounts
          .flatMap((a) => a.monthly)
          .filter((f) => f.month > monthText(monthIndex(AS_OF) - 12))
          .reduce((sum, f) => sum + f.net_interest_contribution + f.fee_income, 0),
      )
      .sort((x, y) => y - x);
    const total = values.reduce((x, y) => x + Math.max(0, y), 0);
    const top = values.slice(0, values.length / 5).reduce((x, y) => x + y, 0);
    expect(top / total).toBeGreaterThan(0.7);
  });

  it('names an organisation with the users of DOMAIN §7.1', () => {
    const org = generateOrganisation();
    const byName = new Map(org.users.map((u) => [u.username, u]));
    for (const username of ['admin', 'lead1', 'rm1', 'rm2', 'risk1']) expect(byName.has(username)).toBe(true);
    expect(byName.get('rm1')!.teamCode).toBe(byName.get('lead1')!.teamCode);
    expect(byName.get('rm2')!.teamCode).toBe(byName.get('lead1')!.teamCode);
    expect(org.branches).toHaveLength(2);
    expect(org.teams).toHaveLength(3);
  });

  it('takes the last complete month in Shanghai as the month of the figures', () => {
    expect(lastCompleteMonth(CLOCK)).toBe(AS_OF);
    expect(lastCompleteMonth(new Date('2026-02-28T16:30:00Z'))).toBe('2026-02'); // 1 March in Shanghai
    expect(lastCompleteMonth(new Date('2026-01-10T00:00:00Z'))).toBe('2025-12');
  });
});

describe.each(dialects())('the demo bank on %s', (dialect) => {
  let bank: Awaited<ReturnType<typeof freshDatabase>>;
  let seeded: Awaited<ReturnType<typeof seedDemoBankIfEmpty>>;

  beforeAll(async () => {
    bank = await freshDatabase(dialect);
    seeded = await seedDemoBankIfEmpty(bank.deps, { password: PASSWORD, customers: COUNT });
  });
  afterAll(async () => {
    await bank?.close();
  });

  it('creates the users of DOMAIN §7.1 with the demo password', async () => {
    const { db } = bank.deps;
    expect(seeded).toMatchObject({ customers: COUNT, users: 15, asOfMonth: AS_OF });
    const users = await db.selectFrom('users').selectAll().execute();
    const byName = new Map(users.map((u) => [u.username, u]));
    expect(byName.get('admin')).toMatchObject({ role: 'admin', team_id: null, display_name: '系统管理员' });
    expect(byName.get('risk1')).toMatchObject({ role: 'risk_officer', team_id: null });
    const lead1 = byName.get('lead1')!;
    expect(lead1.role).toBe('team_lead');
    expect(lead1.team_id).not.toBeNull();
    for (const rm of ['rm1', 'rm2'])
      expect(byName.get(rm)).toMatchObject({ role: 'rm', team_id: lead1.team_id });
    const team1 = users.filter((u) => u.team_id === lead1.team_id).map((u) => u.username);
    expect(team1.sort()).toEqual(['lead1', 'rm1', 'rm2']);
    expect(users.filter((u) => u.role === 'rm').length).toBe(10);
    expect(await verifyPassword(byName.get('rm1')!.password_hash, PASSWORD)).toBe(true);
    expect(await verifyPassword(byName.get('rm1')!.password_hash, 'wrong-password')).toBe(false);
    // No demo customer belongs to anyone but a relationship manager.
    const owners = await db
      .selectFrom('customers')
      .innerJoin('users', 'users.id', 'customers.owner_id')
      .select('users.role')
      .distinct()
      .execute();
    expect(owners.map((o) => o.role)).toEqual(['rm']);
  });

  it('creates customers whose identity numbers are valid', async () => {
    const customers = await bank.deps.db.selectFrom('customers').selectAll().execute();
    expect(customers).toHaveLength(COUNT);
    for (const c of customers) {
      const check =
        c.kind === 'corporate'
          ? validateUscc(c.id_number)
          : validateResidentId(c.id_number, { today: '2026-03-15' });
      expect(check, `${c.code} ${c.id_number}`).toEqual({ valid: true });
      expect(c.code).toMatch(/^C\d{10}$/);
    }
    expect(new Set(customers.map((c) => c.id_number)).size).toBe(COUNT);
    expect(new Set(customers.map((c) => c.code)).size).toBe(COUNT);
  });

  it('indexes every name by its bigrams, and 鑫泰 finds several companies', async () => {
    const { db } = bank.deps;
    const customers = await db.selectFrom('customers').select(['id', 'name', 'search_name']).execute();
    const grams = await db.selectFrom('customer_name_grams').select(['gram', 'customer_id']).execute();
    const byCustomer = new Map<number, Set<string>>();
    for (const g of grams) {
      if (!byCustomer.has(g.customer_id)) byCustomer.set(g.customer_id, new Set());
      byCustomer.get(g.customer_id)!.add(g.gram);
    }
    for (const c of customers) expect(byCustomer.get(c.id)).toEqual(new Set(bigrams(c.search_name)));
    const xintai = customers.filter((c) => c.name.includes('鑫泰'));
    expect(xintai.length).toBeGreaterThanOrEqual(3);
    expect(xintai.map((c) => c.name)).toContain('上海鑫泰贸易有限公司');
    const found = grams.filter((g) => g.gram === '鑫泰').map((g) => g.customer_id);
    expect(found.sort()).toEqual(xintai.map((c) => c.id).sort());
  });

  it('writes unique account numbers and 24 months of figures for open accounts', async () => {
    const { db } = bank.deps;
    const accounts = await db.selectFrom('accounts').selectAll().execute();
    expect(accounts.length).toBeGreaterThan(COUNT);
    expect(new Set(accounts.map((a) => a.account_no)).size).toBe(accounts.length);
    const figures = await db.selectFrom('account_monthly').select(['account_id', 'month']).execute();
    const months = new Map<number, string[]>();
    for (const f of figures) {
      if (!months.has(f.account_id)) months.set(f.account_id, []);
      months.get(f.account_id)!.push(f.month);
    }
    const first = monthText(monthIndex(AS_OF) - DEMO_MONTHS + 1);
    const expected = Array.from({ length: DEMO_MONTHS }, (_, i) => monthText(monthIndex(first) + i));
    const longOpen = accounts.filter((a) => a.closed_on === null && a.opened_on < `${first}-01`);
    expect(longOpen.length).toBeGreaterThan(COUNT / 2);
    for (const a of longOpen) expect(months.get(a.id)!.sort()).toEqual(expected);
    for (const f of figures) expect(f.month >= first && f.month <= AS_OF).toBe(true);
    expect(seeded?.monthlyFigures).toBe(figures.length);
  });

  it('keeps each stage with its history, links, contacts and the audit entry', async () => {
    const { db } = bank.deps;
    const history = await db.selectFrom('lifecycle_history').selectAll().execute();
    expect(history).toHaveLength(COUNT);
    expect(new Set(history.map((h) => h.reason))).toEqual(new Set(['demo data']));
    const customers = await db.selectFrom('customers').select(['id', 'lifecycle_stage']).execute();
    const stageOf = new Map(customers.map((c) => [c.id, c.lifecycle_stage]));
    for (const h of history) expect(h.stage).toBe(stageOf.get(h.customer_id));
    const withoutAccounts = await db
      .selectFrom('customers')
      .select(['lifecycle_stage', 'tier'])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('accounts')
              .select('accounts.id')
              .whereRef('accounts.customer_id', '=', 'customers.id'),
          ),
        ),
      )
      .execute();
    expect(withoutAccounts.length).toBeGreaterThan(0);
    for (const c of withoutAccounts) expect(c).toEqual({ lifecycle_stage: 'potential', tier: 'potential' });
    expect((await db.selectFrom('customer_links').select('id').execute()).length).toBeGreaterThan(0);
    expect((await db.selectFrom('contacts').select('id').execute()).length).toBeGreaterThan(COUNT / 2);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'seed').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'database', actor_id: null });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ customers: COUNT, users: 15 });
  });

  it('gives every RM contacts, visit plans and tasks around today, each plan with a SMART objective', async () => {
    const db = bank.deps.db;
    expect(seeded).toMatchObject({
      interactions: expect.any(Number),
      visitPlans: expect.any(Number),
      tasks: expect.any(Number),
    });
    expect(seeded!.interactions).toBeGreaterThan(COUNT);
    const rm1 = (
      await db.selectFrom('users').select('id').where('username', '=', 'rm1').executeTakeFirstOrThrow()
    ).id;
    // The maintenance visits (the pipeline's visits to prospects are checked with the prospects).
    const plans = await db
      .selectFrom('visit_plans')
      .select(['id', 'status', 'customer_id'])
      .where('owner_id', '=', rm1)
      .where('prospect_id', 'is', null)
      .where(({ eb, selectFrom }) =>
        eb(
          'customer_id',
          'not in',
          selectFrom('prospects')
            .select('customer_id')
            .where('customer_id', 'is not', null)
            .$narrowType<{ customer_id: number }>(),
        ),
      )
      .execute();
    expect(plans.map((p) => p.status).sort()).toEqual([
      'completed',
      'completed',
      'draft',
      'planned',
      'planned',
      'planned',
      'planned',
    ]);
    const owned = await db.selectFrom('customers').select('id').where('owner_id', '=', rm1).execute();
    const mine = new Set(owned.map((c) => c.id));
    expect(plans.every((p) => p.customer_id !== null && mine.has(p.customer_id))).toBe(true);
    const objectives = await db
      .selectFrom('visit_objectives')
      .selectAll()
      .where(
        'plan_id',
        'in',
        plans.map((p) => p.id),
      )
      .execute();
    expect(objectives).toHaveLength(plans.length);
    const today = '2026-03-15';
    const tasks = await db
      .selectFrom('tasks')
      .select(['due_on', 'source', 'status'])
      .where('owner_id', '=', rm1)
      .execute();
    expect(tasks.some((t) => t.due_on === today)).toBe(true);
    expect(tasks.some((t) => t.due_on < today)).toBe(true);
    expect(tasks.filter((t) => t.source === 'memo')).toHaveLength(4);
  });

  it('gives every RM a pipeline of prospects whose history and records tell a consistent story', async () => {
    const { db } = bank.deps;
    const prospects = await db.selectFrom('prospects').selectAll().execute();
    expect(prospects.length).toBe(240);
    expect(seeded).toMatchObject({ prospects: 240 });
    const history = await db.selectFrom('prospect_stage_history').selectAll().orderBy('id').execute();
    const statuses = new Set(prospects.map((p) => p.status));
    for (const s of ['sourced', 'screened', 'engaged', 'established', 'disqualified'])
      expect(statuses).toContain(s);
    for (const p of prospects) {
      const own = history.filter((h) => h.prospect_id === p.id);
      expect(own[0]).toMatchObject({ from_status: null, to_status: 'sourced' });
      expect(own.at(-1)!.to_status).toBe(p.status);
      const times = own.map((h) => h.changed_at);
      expect([...times].sort()).toEqual(times);
      if (p.status === 'established' || p.status === 'product_followup') {
        expect(p.customer_id).not.toBeNull();
        expect(p.id_number).not.toBeNull();
      } else {
        expect(p.customer_id).toBeNull();
      }
      // A stage reached has the data its entry rule asks for.
      const reached = new Set(own.map((h) => h.to_status));
      if (reached.has('targeted')) expect(p.assessment_decision).toBe('pursue');
      if (p.status === 'engaged') {
        const contacts = await db
          .selectFrom('interactions')
          .select('id')
          .where('prospect_id', '=', p.id)
          .execute();
        expect(contacts.length).toBe(1);
      }
      if (p.referrer_kind === 'prospect') expect(p.referrer_prospect_id).not.toBeNull();
      if (p.referrer_kind === 'customer') expect(p.referrer_customer_id).not.toBeNull();
    }
    const converted = prospects.filter((p) => p.customer_id !== null);
    const customers = await db
      .selectFrom('customers')
      .select(['id', 'kind', 'name', 'id_number', 'region_code'])
      .where(
        'id',
        'in',
        converted.map((p) => p.customer_id!),
      )
      .execute();
    expect(customers.every((c) => c.kind === 'corporate')).toBe(true);
    // A converted prospect is the customer it became: same name, identifier and place.
    for (const p of converted) {
      const c = customers.find((x) => x.id === p.customer_id)!;
      expect([p.name, p.id_number, p.region_code]).toEqual([c.name, c.id_number, c.region_code]);
    }
    expect(new Set(customers.map((c) => c.id)).size).toBe(converted.length);
  });

  it('gives the satisfaction, complaint, churn and loyalty pages something true to show', async () => {
    const db = bank.deps.db;
    const responses = await db.selectFrom('survey_responses').select(['id', 'campaign_id']).execute();
    expect(responses.length).toBe(seeded!.surveyResponses);
    expect(responses.length).toBeGreaterThan(0);
    // Every response answers every item of its campaign's copy of the template, within 1–7.
    const answers = await db
      .selectFrom('survey_answers')
      .select(['response_id', 'expected', 'perceived'])
      .execute();
    const items = JSON.parse(
      (await db.selectFrom('survey_campaigns').select('template_json').executeTakeFirstOrThrow())
        .template_json,
    ).items.length;
    expect(answers.length).toBe(responses.length * items);
    expect(
      answers.every((a) => a.expected >= 1 && a.expected <= 7 && a.perceived >= 1 && a.perceived <= 7),
    ).toBe(true);
    const targets = await db.selectFrom('survey_targets').select(['campaign_id', 'customer_id']).execute();
    const targeted = new Set(targets.map((t) => `${t.campaign_id}:${t.customer_id}`));
    const answered = await db.selectFrom('survey_responses').select(['campaign_id', 'customer_id']).execute();
    expect(answered.every((r) => targeted.has(`${r.campaign_id}:${r.customer_id}`))).toBe(true);

    const complaints = await db.selectFrom('complaints').selectAll().execute();
    expect(complaints).toHaveLength(seeded!.complaints);
    // Resolved ones carry a resolution and a time after receipt; praise has no deadline.
    for (const c of complaints) {
      if (c.status === 'resolved')
        expect(c.resolution !== null && c.resolved_at! >= c.received_at).toBe(true);
      expect(c.deadline_at === null).toBe(c.kind === 'praise');
    }
    expect(complaints.some((c) => c.status === 'open')).toBe(true);

    // The value run found customers lost and the RMs recorded why for most of them.
    const churn = await db.selectFrom('churn_records').select(['reason']).execute();
    expect(churn.length).toBeGreaterThan(0);
    expect(churn.filter((c) => c.reason !== null).length).toBeGreaterThan(churn.length / 2);
    const loyalty = await db
      .selectFrom('customer_loyalty')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(loyalty.n)).toBe(COUNT);
  });

  it('gives the exit pages something true to show: statements, flags, criteria, screenings and plans', async () => {
    const db = bank.deps.db;
    const users = new Map(
      (await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.id, u.username]),
    );
    const idOf = (name: string) => [...users].find(([, u]) => u === name)![0];

    // Five years of statements for every corporate borrower, the latest the year before today's.
    const statements = await db.selectFrom('financial_statements').selectAll().execute();
    expect(statements).toHaveLength(seeded!.financialStatements);
    const yearsOf = new Map<number, number[]>();
    for (const s of statements)
      yearsOf.set(s.customer_id, [...(yearsOf.get(s.customer_id) ?? []), s.fiscal_year]);
    const borrowers = await db
      .selectFrom('accounts')
      .innerJoin('customers', 'customers.id', 'accounts.customer_id')
      .select('customers.id')
      .distinct()
      .where('customers.kind', '=', 'corporate')
      .where('accounts.product', 'in', ['working_capital_loan', 'fixed_asset_loan', 'mortgage'])
      .where('accounts.closed_on', 'is', null)
      .execute();
    expect(borrowers.length).toBeGreaterThan(10);
    // All but rm1's most valuable corporate customer, whose statements the value page's browser test
    // records.
    const rm1Top = await db
      .selectFrom('customers')
      .select('id')
      .where('kind', '=', 'corporate')
      .where((eb) =>
        eb.or([
          eb('owner_id', '=', idOf('rm1')),
          eb(
            'id',
            'in',
            eb.selectFrom('customer_shares').select('customer_id').where('user_id', '=', idOf('rm1')),
          ),
        ]),
      )
      .orderBy(sql`realized_value desc nulls last`)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(yearsOf.has(rm1Top.id)).toBe(false);
    for (const b of borrowers) expect(yearsOf.has(b.id) || b.id === rm1Top.id).toBe(true);
    const full = [2021, 2022, 2023, 2024, 2025];
    const sets = [...yearsOf.values()].map((ys) => ys.sort().join(','));
    expect(sets.filter((y) => y === full.join(',')).length).toBeGreaterThan(yearsOf.size / 2);
    // A year missing: the latest but one.
    expect(sets).toContain('2021,2022,2023,2025');
    for (const s of statements) {
      expect(s.total_assets! > 0 && s.total_liabilities! > 0 && s.current_liabilities! > 0).toBe(true);
      expect(s.total_assets! - s.total_liabilities!).toBe(s.owners_equity);
    }

    // The criteria restrict a section and a division, with the admin's reason.
    const criteria = await db
      .selectFrom('settings_versions')
      .selectAll()
      .where('key', '=', 'exit-criteria')
      .execute();
    expect(criteria).toHaveLength(1);
    expect(JSON.parse(criteria[0]!.settings_json).restrictedIndustries).toEqual(['B', 'C31']);
    expect(criteria[0]!.reason).toMatch(/[\u4e00-\u9fff]/);
    expect(users.get(criteria[0]!.created_by!)).toBe('admin');

    // Risk flags of each group, with Chinese notes, by rm1, rm2 and risk1; some cleared, all audited.
    const flags = await db.selectFrom('risk_flags').selectAll().execute();
    expect(flags).toHaveLength(seeded!.riskFlags);
    expect(flags.length).toBeGreaterThanOrEqual(10);
    expect(new Set(flags.map((f) => f.code.slice(0, 3)))).toEqual(new Set(['EX1', 'EX4', 'EX5']));
    expect(new Set(flags.map((f) => users.get(f.recorded_by!)))).toEqual(new Set(['rm1', 'rm2', 'risk1']));
    for (const f of flags) expect(f.note).toMatch(/[\u4e00-\u9fff]/);
    const cleared = flags.filter((f) => f.cleared_on !== null);
    expect(cleared.length).toBeGreaterThanOrEqual(2);
    for (const f of cleared) expect(f.cleared_on! >= f.recorded_on && f.cleared_by !== null).toBe(true);
    expect(flags.every((f) => f.recorded_on < '2026-03-15')).toBe(true);
    const flagAudit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'risk_flag')
      .execute();
    expect(flagAudit).toHaveLength(flags.length + cleared.length);

    // Tonight's screening of the whole bank, after the RMs' own two months ago.
    const runs = await db.selectFrom('exit_screenings').selectAll().orderBy('id').execute();
    const nightly = runs.at(-1)!;
    expect(nightly).toMatchObject({ scope: 'bank', as_of: '2026-03-15', screened: COUNT, started_by: null });
    expect(runs.filter((r) => r.scope === 'bank')).toHaveLength(1);
    expect(runs.every((r) => r.finished_at !== null && r.started_at <= CLOCK.toISOString())).toBe(true);
    const candidates = await db.selectFrom('exit_candidates').selectAll().execute();
    expect(candidates).toHaveLength(seeded!.exitCandidates);
    expect(nightly.candidates).toBe(candidates.length);
    const rules = new Set(candidates.flatMap((c) => c.rules.trim().split(' ')));
    for (const rule of [
      'EX1.RESTRICTED_INDUSTRY',
      'EX3.DEBT_RATIO',
      'EX3.ROE',
      'EX3.CURRENT_RATIO',
      'EX3.NEGATIVE_OCF',
      'EX4.ARREARS',
      'EX5.OTHER',
    ])
      expect(rules).toContain(rule);
    // Two EX3 conditions or none: one alone never makes a candidate.
    for (const c of candidates)
      expect(c.rules.split(' ').filter((r) => r.startsWith('EX3.')).length).not.toBe(1);
    const results = (
      await db
        .selectFrom('exit_screening_results')
        .selectAll()
        .where('screening_id', '=', nightly.id)
        .execute()
    ).map((r) => ({
      ...r,
      result: JSON.parse(r.result_json) as { exempt: string[]; insufficientData: string[] },
    }));
    // A foreign-trade enterprise with a high debt ratio is exempt from that rule, and not a candidate
    // for it; a missing year is reported as insufficient data.
    const latest = new Map(statements.filter((s) => s.fiscal_year === 2025).map((s) => [s.customer_id, s]));
    const foreignHighDebt = (
      await db.selectFrom('customers').select('id').where('foreign_trade', '=', 1).execute()
    ).filter((c) => {
      const s = latest.get(c.id);
      return s !== undefined && s.total_liabilities! / s.total_assets! > 0.8;
    });
    expect(foreignHighDebt.length).toBeGreaterThan(0);
    const again = await runScreening(bank.deps, {
      asOf: '2026-03-15',
      scope: 'customers',
      viewer: null,
      customerIds: foreignHighDebt.map((c) => c.id),
      collect: 'all',
    });
    for (const r of again.results) {
      expect(r.exempt).toEqual(['EX3.DEBT_RATIO']);
      expect(r.triggers.map((t) => t.rule)).not.toContain('EX3.DEBT_RATIO');
    }
    expect(again.results.some((r) => !r.candidate)).toBe(true);
    expect(
      results.some(
        (r) => yearsOf.get(r.customer_id)?.length === 4 && r.result.insufficientData.includes('EX3.ROE'),
      ),
    ).toBe(true);

    // Exit plans of rm1's and rm2's candidates in every state, played through the workflow.
    const plans = await db
      .selectFrom('exit_plans')
      .innerJoin('customers', 'customers.id', 'exit_plans.customer_id')
      .select([
        'exit_plans.id',
        'exit_plans.status',
        'exit_plans.scope',
        'exit_plans.content',
        'exit_plans.created_by',
        'exit_plans.triggers_json',
        'exit_plans.customer_id',
        'customers.owner_id',
      ])
      .execute();
    expect(plans).toHaveLength(seeded!.exitPlans);
    const statusesOf = (name: string) =>
      plans
        .filter((p) => p.created_by === idOf(name))
        .map((p) => p.status)
        .sort();
    expect(statusesOf('rm1')).toEqual(['completed', 'draft', 'executing', 'submitted']);
    expect(statusesOf('rm2')).toEqual(['approved', 'executing', 'rejected']);
    for (const p of plans) {
      expect(p.owner_id).toBe(p.created_by);
      expect(JSON.parse(p.triggers_json).length).toBeGreaterThan(0);
    }
    // No whole exit is completed: the value run would have to end that relationship.
    const completed = plans.filter((p) => p.status === 'completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ scope: 'partial', content: 'business' });
    const events = await db.selectFrom('exit_plan_events').selectAll().orderBy('id').execute();
    const steps = await db.selectFrom('exit_plan_steps').selectAll().execute();
    for (const p of plans) {
      const own = events.filter((e) => e.plan_id === p.id);
      expect(own[0]).toMatchObject({ action: 'create', to_status: 'draft', by_user: p.created_by });
      expect(own.at(-1)!.to_status).toBe(p.status);
      const times = own.map((e) => e.at);
      expect([...times].sort()).toEqual(times);
      const done = steps.filter((s) => s.plan_id === p.id && s.done_on !== null).length;
      const total = steps.filter((s) => s.plan_id === p.id).length;
      if (p.status === 'executing') expect(done > 0 && done < total).toBe(true);
      if (p.status === 'completed') expect(done).toBe(total);
      if (p.status === 'draft' || p.status === 'submitted') expect(done).toBe(0);
    }
    const rejected = plans.find((p) => p.status === 'rejected')!;
    const rejection = events.find((e) => e.plan_id === rejected.id && e.action === 'reject')!;
    expect(users.get(rejection.by_user!)).toBe('risk1');
    expect(rejection.note).toMatch(/[\u4e00-\u9fff]/);
    const approvals = events.filter((e) => e.action === 'approve');
    expect(approvals.length).toBe(4);
    expect(approvals.every((e) => users.get(e.by_user!) === 'risk1')).toBe(true);
    const planAudit = await db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'exit_plan')
      .execute();
    expect(planAudit.length).toBe(events.length);
    // The queue follows the plans: under way is planned, rejected open again, the partial exit kept.
    const statusOf = new Map(candidates.map((c) => [c.customer_id, c.status]));
    for (const p of plans) {
      const expected = { rejected: 'open', completed: 'dismissed' }[p.status as string] ?? 'planned';
      expect(statusOf.get(p.customer_id), p.status).toBe(expected);
    }
    // Nothing of it is dated after the seed, and no relationship has ended by an exit.
    expect(events.every((e) => e.at <= CLOCK.toISOString())).toBe(true);
    const churn = await db.selectFrom('churn_records').select('cause').where('cause', '=', 'exit').execute();
    expect(churn).toEqual([]);
  });

  it('does nothing the second time', async () => {
    expect(await seedDemoBankIfEmpty(bank.deps, { password: PASSWORD, customers: COUNT })).toBeNull();
    const { n } = await bank.deps.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(COUNT);
  });

  it('makes the same bank from the same seed', async () => {
    const other = await freshDatabase(dialect);
    try {
      await seedDemoBankIfEmpty(other.deps, { password: PASSWORD, customers: COUNT });
      const list = (deps: AppDeps) =>
        deps.db.selectFrom('customers').select(['code', 'name', 'id_number']).orderBy('code').execute();
      expect(await list(other.deps)).toEqual(await list(bank.deps));
      // The exit demo too: the same customers flagged and planned, the same statements.
      const exit = (deps: AppDeps) =>
        Promise.all([
          deps.db
            .selectFrom('risk_flags')
            .innerJoin('customers', 'customers.id', 'risk_flags.customer_id')
            .select(['customers.code', 'risk_flags.code as flag', 'risk_flags.recorded_on'])
            .orderBy('customers.code')
            .orderBy('risk_flags.code')
            .execute(),
          deps.db
            .selectFrom('exit_plans')
            .innerJoin('customers', 'customers.id', 'exit_plans.customer_id')
            .select(['customers.code', 'exit_plans.status'])
            .orderBy('customers.code')
            .execute(),
          deps.db
            .selectFrom('financial_statements')
            .select((eb) => [eb.fn.sum<number>('net_profit').as('profit'), eb.fn.countAll<number>().as('n')])
            .executeTakeFirstOrThrow()
            .then((r) => [Number(r.profit), Number(r.n)]),
        ]);
      expect(await exit(other.deps)).toEqual(await exit(bank.deps));
    } finally {
      await other.close();
    }
  });

  it('sets the admin password, ending the admin’s sessions', async () => {
    const { db } = bank.deps;
    const admin = await db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('sessions')
      .values({
        id: randomBytes(32).toString('hex'),
        user_id: admin.id,
        csrf_token: 'x',
        created_at: CLOCK.toISOString(),
        last_seen_at: CLOCK.toISOString(),
        ip: null,
        user_agent: null,
      })
      .execute();
    const newPassword = 'Another-admin-password-1';
    expect(await ensureAdmin(bank.deps, newPassword)).toBe('updated');
    const after = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', admin.id)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(after.password_hash, newPassword)).toBe(true);
    expect(await verifyPassword(after.password_hash, PASSWORD)).toBe(false);
    expect(after.version).toBe(admin.version + 1);
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', admin.id).execute()).toEqual(
      [],
    );
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'ensure_admin').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).not.toContain(after.password_hash);
    // The same password again (every restart) changes nothing.
    expect(await ensureAdmin(bank.deps, newPassword)).toBe('unchanged');
  });

  it('creates the admin in a database without users', async () => {
    const empty = await freshDatabase(dialect);
    try {
      expect(await ensureAdmin(empty.deps, 'First-admin-password-1')).toBe('created');
      const admin = await empty.deps.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      expect(admin).toMatchObject({ role: 'admin', team_id: null, display_name: '系统管理员', active: 1 });
      expect(await verifyPassword(admin.password_hash, 'First-admin-password-1')).toBe(true);
      // Users exist now, so the demo bank stays out.
      expect(await seedDemoBankIfEmpty(empty.deps, { password: PASSWORD, customers: 10 })).toBeNull();
    } finally {
      await empty.close();
    }
  });
});

describe.runIf(dialects().includes('sqlite'))('the default demo bank on sqlite', () => {
  it('seeds 3,000 customers', { timeout: 60_000 }, async () => {
    const bank = await freshDatabase('sqlite');
    try {
      const result = await seedDemoBankIfEmpty(bank.deps, { password: PASSWORD });
      expect(result).toMatchObject({ customers: 3_000, users: 15 });
      const { n } = await bank.deps.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n)).toBe(3_000);
    } finally {
      await bank.close();
    }
  });
});
