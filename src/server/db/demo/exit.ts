import type { Insertable } from 'kysely';
import { LOAN_PRODUCTS, type RiskFlagCode } from '../../../shared/codes';
import { bankDate } from '../../../shared/schemas/common';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { saveExitCriteria } from '../../modules/exit/exit-settings';
import * as plans from '../../modules/exit/plans.service';
import { clearFlag, recordFlag } from '../../modules/exit/risk-flags.service';
import { runScreening } from '../../modules/exit/screening';
import { patchCandidate, screen } from '../../modules/exit/screening.service';
import { bulkInsert } from '../bulk-insert';
import type { DB } from '../database';
import { createRandom, type Random } from './random';

// The demo bank's relationship exit (issue #9), written after the value run so that it reads the
// values and balances the bank shows. Five years of annual statements for the corporate borrowers
// (most healthy; some meeting two EX3 conditions; foreign-trade ones with a high debt ratio, which the
// rules exempt; some with a year missing), then two months of the exit work played in order on a
// clock set back to each moment, through the services the UI calls, so the history, the audit trail
// and the candidates queue are what they would be: the admin restricts two industries, rm1 and rm2
// screen their borrowers, they and the risk officer record risk flags of each group (each screens its
// customer at once; some are cleared later), rm1 and rm2 draft exit plans from their candidates that
// the risk officer approves or rejects, some are carried out step by step, one partial exit is
// completed (no whole exit is: the value run would have to end that relationship), and tonight's
// screening of the whole bank brings the queue up to date.

/** The industries the demo's exit criteria restrict: a section and a division (GB/T 4754-2017). */
export const DEMO_RESTRICTED_INDUSTRIES = ['B', 'C31'] as const;
const RESTRICTION_REASON =
  '落实化解过剩产能要求：采矿业（含煤炭开采）和黑色金属冶炼及压延加工业（钢铁）列为限制类行业，压降存量授信，不再新增客户。';
/** How many fiscal years of statements a borrower has, ending with the year before today's. */
export const DEMO_STATEMENT_YEARS = 5;

const DAY_MS = 86_400_000;

export type StatementProfile =
  | 'healthy'
  | 'declining'
  | 'foreign_high_debt'
  | 'one_condition'
  | 'missing_year'
  | 'liquidity'
  | 'leverage'
  | 'deep';

type StatementRow = Omit<Insertable<DB['financial_statements']>, 'id'>;

/**
 * One customer's statements of the years up to `latestYear`, in fen, by profile:
 * - healthy: growing, current ratio 1.2–2.0, debt ratio 0.40–0.65 and falling, ROE 7–15%;
 * - declining: revenue and profit falling, ROE 4–6% (still above the benchmark): no EX3 condition;
 * - foreign_high_debt: debt ratio 0.83–0.90 (exempt for a foreign-trade enterprise), ROE 1–2.5%:
 *   one condition met, not a candidate;
 * - one_condition: healthy but for a current ratio under 0.5 or a low ROE;
 * - missing_year: the year before the latest is missing and the others are weak: ROE and cash flow
 *   cannot be judged (insufficient data);
 * - liquidity: current ratio under 0.5 and operating cash flow negative for 3 years (EX3 ×2);
 * - leverage: debt ratio over 0.8 and ROE under the benchmark for 3 years (EX3 ×2);
 * - deep: losses, all four conditions.
 */
export function statementsFor(
  r: Random,
  customerId: number,
  revenueFen: number | null,
  profile: StatementProfile,
  latestYear: number,
  stamp: (fiscalYear: number) => string,
): StatementRow[] {
  const base = revenueFen !== null && revenueFen > 0 ? revenueFen : 5_000_000_000;
  const declining = profile === 'declining' || profile === 'deep' || profile === 'liquidity';
  const growth = declining ? -r.float(0.04, 0.1) : r.float(0.03, 0.1);
  const assetsPerRevenue = r.float(0.8, 1.3);
  const currentShare = r.float(0.45, 0.6);
  const cashPerProfit = r.float(0.9, 1.4);
  const weakRatio = r.chance(0.5) ? 'current' : 'roe';
  const rows: StatementRow[] = [];
  for (let k = -(DEMO_STATEMENT_YEARS - 1); k <= 0; k++) {
    const year = latestYear + k;
    if (profile === 'missing_year' && k === -1) continue;
    const recent = k >= -2; // the 3-year window of the rules
    const revenue = base * (1 + growth) ** k * (1 + r.float(-0.005, 0.005));
    let debt = r.float(0.4, 0.65) - 0.01 * k; // older years a little more indebted
    let current = r.float(1.2, 2.0);
    let roe = r.float(0.07, 0.15) + 0.002 * k;
    let cash: number | null = null; // null: profit × cashPerProfit
    switch (profile) {
      case 'declining':
        debt = 0.55 - 0.02 * k + r.float(0, 0.05);
        current = r.float(1.0, 1.3);
        roe = r.float(0.04, 0.06) - 0.004 * k;
        break;
      case 'foreign_high_debt':
        debt = r.float(0.83, 0.9);
        roe = r.float(0.01, 0.025);
        break;
      case 'one_condition':
        if (weakRatio === 'current' && k === 0) current = r.float(0.38, 0.48);
        if (weakRatio === 'roe') roe = r.float(0.005, 0.025);
        break;
      case 'missing_year':
        roe = r.float(0.005, 0.025);
        cash = -base * r.float(0.01, 0.03);
        break;
      case 'liquidity':
        debt = r.float(0.6, 0.75);
        current = recent ? 0.42 - 0.15 * k + r.float(-0.06, 0.05) : r.float(0.9, 1.1);
        roe = r.float(0.04, 0.07);
        if (recent) cash = -base * r.float(0.02, 0.06);
        break;
      case 'leverage':
        debt = recent ? r.float(0.83, 0.93) : r.float(0.7, 0.78);
        current = r.float(1.0, 1.3);
        roe = recent ? r.float(0.002, 0.02) : r.float(0.05, 0.08);
        break;
      case 'deep':
        debt = recent ? r.float(0.88, 0.97) : r.float(0.75, 0.82);
        current = recent ? r.float(0.3, 0.45) : r.float(0.7, 0.9);
        roe = recent ? -r.float(0.05, 0.3) : r.float(0.01, 0.03);
        if (recent) cash = -base * r.float(0.03, 0.08);
        break;
    }
    // In fen; the balance sheet balances exactly (equity = assets − liabilities).
    const totalAssets = Math.round(revenue * assetsPerRevenue);
    const totalLiabilities = Math.round(totalAssets * debt);
    const equity = totalAssets - totalLiabilities;
    const currentAssets = Math.round(totalAssets * currentShare);
    const profit = Math.round(equity * roe);
    rows.push({
      customer_id: customerId,
      fiscal_year: year,
      current_assets: currentAssets,
      current_liabilities: Math.round(currentAssets / current),
      total_assets: totalAssets,
      total_liabilities: totalLiabilities,
      owners_equity: equity,
      net_profit: profit,
      operating_cash_flow: Math.round(cash ?? profit * cashPerProfit),
      revenue: Math.round(revenue),
      version: 1,
      created_at: stamp(year),
      updated_at: stamp(year),
    });
  }
  return rows;
}

export interface DemoExitResult {
  financialStatements: number;
  riskFlags: number;
  exitPlans: number;
  exitCandidates: number;
}

interface Corporate {
  id: number;
  name: string;
  ownerId: number | null;
  foreignTrade: boolean;
  revenue: number | null;
  grade: string | null;
  loanClass: string | null;
  borrower: boolean;
}

/** What happened, when: days before today (bank time) and the hour of the day in Shanghai. */
interface Moment {
  daysAgo: number;
  hour: number;
}

type StoryRole =
  | 'arrears_exit'
  | 'prospects_partial'
  | 'leverage_draft'
  | 'false_statements'
  | 'missing_year'
  | 'nomination_cleared'
  | 'reputation_new'
  | 'major_event'
  | 'liquidity_rejected'
  | 'evasion_executing'
  | 'violation_cleared'
  | 'nomination_new';

const RM1_STORIES: readonly StoryRole[] = [
  'arrears_exit',
  'prospects_partial',
  'leverage_draft',
  'false_statements',
  'missing_year',
  'nomination_cleared',
  'reputation_new',
];
const RM2_STORIES: readonly StoryRole[] = [
  'major_event',
  'liquidity_rejected',
  'evasion_executing',
  'violation_cleared',
  'nomination_new',
];
const STORY_PROFILES: Partial<Record<StoryRole, StatementProfile>> = {
  arrears_exit: 'liquidity',
  prospects_partial: 'declining',
  leverage_draft: 'leverage',
  false_statements: 'healthy',
  missing_year: 'missing_year',
  major_event: 'healthy',
  liquidity_rejected: 'liquidity',
  evasion_executing: 'deep',
};

interface FlagStory {
  code: RiskFlagCode;
  by: string;
  at: Moment;
  note: string;
  cleared?: { by: string; at: Moment; note: string };
}

const FLAG_STORIES: Partial<Record<StoryRole | 'bank_tech' | 'bank_arrears', FlagStory>> = {
  arrears_exit: {
    code: 'EX4.ARREARS',
    by: 'rm1',
    at: { daysAgo: 63, hour: 15 },
    note: '流动资金贷款连续两个季度欠息，已两次发送催收通知书。',
  },
  prospects_partial: {
    code: 'EX1.POOR_PROSPECTS',
    by: 'rm1',
    at: { daysAgo: 75, hour: 11 },
    note: '主营传统产品市场需求持续萎缩，主要客户订单逐年减少，行业前景不佳。',
  },
  false_statements: {
    code: 'EX4.FALSE_STATEMENTS',
    by: 'risk1',
    at: { daysAgo: 12, hour: 14 },
    note: '提供的上年度财务报表营业收入与增值税申报数据相差四成以上，涉嫌提供虚假报表。',
  },
  nomination_cleared: {
    code: 'EX5.OTHER',
    by: 'rm1',
    at: { daysAgo: 70, hour: 10 },
    note: '客户计划将主要结算业务迁往他行，综合贡献持续为负，提名退出。',
    cleared: { by: 'rm1', at: { daysAgo: 12, hour: 16 }, note: '客户已撤回迁移计划，并新增代发工资业务。' },
  },
  reputation_new: {
    code: 'EX1.POOR_REPUTATION',
    by: 'risk1',
    at: { daysAgo: 18, hour: 9 },
    note: '媒体报道其长期拖欠供应商货款，近一年被列为多起合同纠纷被告。',
  },
  major_event: {
    code: 'EX4.MAJOR_EVENT',
    by: 'rm2',
    at: { daysAgo: 24, hour: 10 },
    note: '被同业兼并重组，主要厂房设备已抵押给他行，偿债能力受到严重影响。',
  },
  liquidity_rejected: {
    code: 'EX1.POOR_OPERATIONS',
    by: 'rm2',
    at: { daysAgo: 30, hour: 15 },
    note: '实际控制人一年内两次变更，财务负责人离职，内部管理混乱。',
  },
  evasion_executing: {
    code: 'EX4.DEBT_EVASION',
    by: 'risk1',
    at: { daysAgo: 49, hour: 11 },
    note: '通过关联企业低价转移主要资产，涉嫌恶意逃废银行债务。',
  },
  violation_cleared: {
    code: 'EX4.MANAGEMENT_VIOLATION',
    by: 'risk1',
    at: { daysAgo: 40, hour: 9 },
    note: '法定代表人因涉嫌非法吸收公众存款被公安机关立案调查。',
    cleared: {
      by: 'risk1',
      at: { daysAgo: 9, hour: 17 },
      note: '经核实，公安机关已撤销案件，法定代表人不涉案。',
    },
  },
  nomination_new: {
    code: 'EX5.OTHER',
    by: 'rm2',
    at: { daysAgo: 15, hour: 16 },
    note: '综合贡献连续两年为负，且拒绝调整贷款定价，提名退出。',
  },
  bank_tech: {
    code: 'EX1.BACKWARD_TECH',
    by: 'risk1',
    at: { daysAgo: 35, hour: 10 },
    note: '主要生产线为十多年前的设备，能耗和排放不达标，已被列入当地淘汰落后产能名单。',
  },
  bank_arrears: {
    code: 'EX4.ARREARS',
    by: 'risk1',
    at: { daysAgo: 50, hour: 14 },
    note: '贷款欠息两期，已发催收通知。',
    cleared: { by: 'risk1', at: { daysAgo: 20, hour: 11 }, note: '欠息已全部结清，恢复正常还款。' },
  },
};

const viewerOf = (u: {
  id: number;
  username: string;
  display_name: string;
  role: string;
  team_id: number | null;
  locale: string;
}): Viewer => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role as Viewer['role'],
  teamId: u.team_id,
  locale: u.locale,
  sessionId: null,
  csrfToken: null,
});

/** Writes the exit demo after the seed's transaction and value run; answers what it wrote. */
export async function writeExitDemo(deps: AppDeps, seed: number): Promise<DemoExitResult> {
  const db = deps.db;
  const now = deps.clock();
  const today = bankDate(now);
  const r = createRandom(seed, 'exit');
  /** The moment in Shanghai, `daysAgo` bank days before today, at `hour` o'clock. */
  const timeOf = (m: Moment) =>
    new Date(Date.parse(`${today}T${String(m.hour).padStart(2, '0')}:00:00+08:00`) - m.daysAgo * DAY_MS);
  const dayOf = (daysAgo: number) =>
    bankDate(new Date(Date.parse(`${today}T12:00:00+08:00`) - daysAgo * DAY_MS));
  /** The app as it was at that moment. */
  const at = (m: Moment): AppDeps => {
    const t = timeOf(m);
    return { ...deps, clock: () => t };
  };

  const users = new Map(
    (
      await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'role', 'team_id', 'locale'])
        .where('username', 'in', ['admin', 'rm1', 'rm2', 'risk1'])
        .execute()
    ).map((u) => [u.username, viewerOf(u)]),
  );
  const user = (name: string) => {
    const u = users.get(name);
    if (!u) throw new Error(`the exit demo needs the user ${name}`);
    return u;
  };
  const [admin, rm1, rm2, risk1] = ['admin', 'rm1', 'rm2', 'risk1'].map(user) as [
    Viewer,
    Viewer,
    Viewer,
    Viewer,
  ];

  // ---- Who is who: the corporate customers, the borrowers among them, the stories of rm1 and rm2.
  const borrowers = new Set(
    (
      await db
        .selectFrom('accounts')
        .select('customer_id')
        .distinct()
        .where('product', 'in', LOAN_PRODUCTS as string[])
        .where('closed_on', 'is', null)
        .execute()
    ).map((a) => a.customer_id),
  );
  const corporate: (Corporate & { value: number; stage: string })[] = (
    await db
      .selectFrom('customers')
      .select([
        'id',
        'name',
        'owner_id',
        'foreign_trade',
        'annual_revenue',
        'credit_grade',
        'loan_class',
        'realized_value',
        'lifecycle_stage',
      ])
      .where('kind', '=', 'corporate')
      .orderBy('id')
      .execute()
  ).map((c) => ({
    id: c.id,
    name: c.name,
    ownerId: c.owner_id,
    foreignTrade: Number(c.foreign_trade) === 1,
    revenue: c.annual_revenue === null ? null : Number(c.annual_revenue),
    grade: c.credit_grade,
    loanClass: c.loan_class,
    borrower: borrowers.has(c.id),
    value: c.realized_value === null ? Number.NEGATIVE_INFINITY : Number(c.realized_value),
    stage: c.lifecycle_stage,
  }));
  // rm1's most valuable corporate customer (owned or shared, as the customer list ranks them) has
  // filed no statements yet: the pitfall of missing statements keeps an example on the customer an RM
  // looks at first, and the browser test of the value page records that customer's statements.
  const sharedWithRm1 = new Set(
    (
      await db.selectFrom('customer_shares').select('customer_id').where('user_id', '=', rm1.id).execute()
    ).map((s) => s.customer_id),
  );
  const unfiled = corporate
    .filter((c) => c.ownerId === rm1.id || sharedWithRm1.has(c.id))
    .reduce<(typeof corporate)[number] | undefined>(
      (top, c) => (!top || c.value > top.value || (c.value === top.value && c.id > top.id) ? c : top),
      undefined,
    );

  const story = new Map<number, StoryRole>();
  const storyOf = new Map<StoryRole, Corporate>();
  const cast = (owner: Viewer, roles: readonly StoryRole[]) => {
    // The RM's least valuable borrowers first, then other corporate customers; never the 鑫泰
    // family of the showcase, nor a relationship that has ended.
    const pool = corporate
      .filter(
        (c) =>
          c.ownerId === owner.id && c.stage !== 'termination' && !c.name.includes('鑫泰') && c !== unfiled,
      )
      .sort((a, b) => Number(b.borrower) - Number(a.borrower) || a.value - b.value || a.id - b.id);
    for (const [i, role] of roles.entries()) {
      const c = pool[i];
      if (!c) break;
      story.set(c.id, role);
      storyOf.set(role, c);
    }
  };
  cast(rm1, RM1_STORIES);
  cast(rm2, RM2_STORIES);

  // ---- Statements of the corporate borrowers (and of the stories), written as of their filing.
  const latestYear = Number(today.slice(0, 4)) - 1;
  const stamp = (fiscalYear: number) => {
    const filed = `${fiscalYear + 1}-04-20T02:00:00.000Z`;
    return filed < now.toISOString() ? filed : now.toISOString();
  };
  const foreignHighDebt =
    corporate.find((c) => c.foreignTrade && c.borrower && !story.has(c.id) && c.ownerId === rm1.id) ??
    corporate.find((c) => c.foreignTrade && c.borrower && !story.has(c.id));
  const statements: StatementRow[] = [];
  for (const c of corporate) {
    if (c === unfiled) continue;
    const role = story.get(c.id);
    let profile: StatementProfile | undefined = role ? STORY_PROFILES[role] : undefined;
    if (!profile && c === foreignHighDebt) profile = 'foreign_high_debt';
    if (!profile) {
      if (!c.borrower) continue;
      const weak =
        ['CCC', 'CC', 'C', 'D'].includes(c.grade ?? '') ||
        ['substandard', 'doubtful', 'loss'].includes(c.loanClass ?? '');
      const distressed = weak ? 0.35 : 0.03;
      profile = r.weighted<StatementProfile>([
        ['healthy', 1 - distressed - 0.08],
        ['one_condition', 0.05],
        ['missing_year', 0.03],
        ['liquidity', distressed / 3],
        ['leverage', distressed / 3],
        ['deep', distressed / 3],
      ]);
      if (profile === 'healthy' && c.foreignTrade && r.chance(0.35)) profile = 'foreign_high_debt';
    }
    statements.push(...statementsFor(r, c.id, c.revenue, profile, latestYear, stamp));
  }
  await db.transaction().execute((trx) => bulkInsert(trx, 'financial_statements', statements));

  // ---- Two months of exit work, in the order it happened.
  const events: { at: Moment; run: (deps: AppDeps) => Promise<unknown> }[] = [];
  const on = (m: Moment, run: (deps: AppDeps) => Promise<unknown>) => events.push({ at: m, run });

  on({ daysAgo: 95, hour: 10 }, (d) =>
    saveExitCriteria(
      d,
      admin,
      { restrictedIndustries: [...DEMO_RESTRICTED_INDUSTRIES], reason: RESTRICTION_REASON },
      null,
    ),
  );

  // Risk flags: the stories' own, and two of the risk officer's elsewhere in the bank.
  const others = r.sample(
    corporate.filter(
      (c) =>
        c.borrower &&
        c.ownerId !== null &&
        c.ownerId !== rm1.id &&
        c.ownerId !== rm2.id &&
        c.stage !== 'termination',
    ),
    2,
  );
  const flagged: [Corporate, FlagStory][] = [];
  for (const [role, c] of storyOf) {
    const f = FLAG_STORIES[role];
    if (f) flagged.push([c, f]);
  }
  if (others[0]) flagged.push([others[0], FLAG_STORIES.bank_tech!]);
  if (others[1]) flagged.push([others[1], FLAG_STORIES.bank_arrears!]);
  let riskFlags = 0;
  for (const [c, f] of flagged) {
    riskFlags += 1;
    let flag: { id: number; version: number } | undefined;
    on(f.at, async (d) => {
      flag = await recordFlag(
        d,
        user(f.by),
        c.id,
        { code: f.code, recordedOn: dayOf(f.at.daysAgo), note: f.note },
        null,
      );
    });
    const cleared = f.cleared;
    if (cleared) {
      on(cleared.at, (d) =>
        clearFlag(
          d,
          user(cleared.by),
          c.id,
          flag!.id,
          { version: flag!.version, clearedOn: dayOf(cleared.at.daysAgo), note: cleared.note },
          null,
        ),
      );
    }
  }

  // Two months ago rm1 and rm2 screened their corporate borrowers (the criteria had changed): the
  // queue their plans start from. (The whole bank is screened once, tonight: another run over every
  // customer would cost the demo's start more than it shows.)
  for (const rm of [rm1, rm2]) {
    const customerIds = corporate
      .filter((c) => c.ownerId === rm.id && (c.borrower || story.has(c.id)))
      .map((c) => c.id);
    if (customerIds.length === 0) continue;
    on({ daysAgo: 60, hour: rm === rm1 ? 9 : 14 }, (d) => screen(d, rm, { customerIds, only: 'candidates' }));
  }

  // Exit plans, each played through the workflow up to where it stands today.
  type PlanDto = Awaited<ReturnType<typeof plans.createPlan>>;
  type PlanState = { id: number; version: number; stepIds: number[] };
  type Move = { at: Moment; move: (d: AppDeps, p: PlanState) => Promise<PlanDto> };
  let exitPlans = 0;
  /** Days are counted from today: a target or a due day ahead is positive, one past negative. */
  const plan = (
    role: StoryRole,
    owner: Viewer,
    input: Omit<plans.ExitPlanCreate, 'customerId' | 'steps' | 'targetDate'> & {
      target: number;
      steps: { kind: plans.ExitPlanCreate['steps'][number]['kind']; title: string; due: number }[];
    },
    createdDaysAgo: number,
    moves: Move[] = [],
  ) => {
    const c = storyOf.get(role);
    if (!c) return;
    exitPlans += 1;
    const { target, steps, ...fields } = input;
    let state: PlanState = { id: 0, version: 0, stepIds: [] };
    const keep = (dto: PlanDto) => {
      state = { id: dto.id, version: dto.version, stepIds: dto.steps.map((s) => s.id) };
    };
    on({ daysAgo: createdDaysAgo, hour: 10 }, async (d) => {
      keep(
        await plans.createPlan(
          d,
          owner,
          {
            ...fields,
            customerId: c.id,
            targetDate: dayOf(-target),
            steps: steps.map((s) => ({
              kind: s.kind,
              title: s.title,
              ownerId: owner.id,
              dueOn: dayOf(-s.due),
              note: null,
            })),
          },
          null,
        ),
      );
    });
    for (const m of moves) on(m.at, async (d) => keep(await m.move(d, state)));
  };
  const submit = (owner: Viewer, daysAgo: number): Move => ({
    at: { daysAgo, hour: 16 },
    move: (d, p) => plans.submitPlan(d, owner, p.id, { version: p.version, note: null }, null),
  });
  const decide = (decision: 'approve' | 'reject', note: string, daysAgo: number): Move => ({
    at: { daysAgo, hour: 11 },
    move: (d, p) => plans.decidePlan(d, risk1, p.id, { version: p.version, decision, note }, null),
  });
  const start = (owner: Viewer, daysAgo: number): Move => ({
    at: { daysAgo, hour: 9 },
    move: (d, p) => plans.startPlan(d, owner, p.id, { version: p.version, note: null }, null),
  });
  const done = (owner: Viewer, step: number, daysAgo: number, note: string): Move => ({
    at: { daysAgo, hour: 15 },
    move: (d, p) =>
      plans.updateStep(
        d,
        owner,
        p.id,
        p.stepIds[step]!,
        { version: p.version, doneOn: dayOf(daysAgo), note },
        null,
      ),
  });

  plan(
    'arrears_exit',
    rm1,
    {
      content: 'customer',
      willingness: 'active',
      scope: 'whole',
      businessLines: ['asset', 'liability'],
      means: ['collection'],
      reasons: ['risk_reduction'],
      reasonNote:
        '客户连续两个季度欠息，流动比率跌破0.5，经营活动现金流连续三年为负，还款能力明显下降。停止新增授信，分期收回贷款，结清后销户。',
      target: 120,
      steps: [
        { kind: 'stop_new_credit', title: '冻结未使用的授信额度，停止新增授信', due: -50 },
        { kind: 'notify_customer', title: '约见法定代表人，书面告知退出安排和还款计划', due: -40 },
        { kind: 'collect', title: '按月收回流动资金贷款本息', due: 60 },
        { kind: 'close_accounts', title: '贷款结清后办理结算账户销户', due: 110 },
      ],
    },
    56,
    [
      submit(rm1, 55),
      decide('approve', '同意。先冻结额度，按还款计划收回，逾期即依法清收。', 53),
      start(rm1, 52),
      done(rm1, 0, 51, '已冻结剩余额度300万元'),
      done(rm1, 1, 41, '客户同意按月还款，已签订还款协议'),
    ],
  );
  plan(
    'prospects_partial',
    rm1,
    {
      content: 'business',
      willingness: 'active',
      scope: 'partial',
      businessLines: ['asset'],
      means: ['collection'],
      reasons: ['risk_reduction', 'value_maximization'],
      reasonNote: '所处行业需求持续萎缩，营业收入和利润连年下滑。退出信贷业务，保留存款和结算业务。',
      target: -20,
      steps: [
        { kind: 'stop_new_credit', title: '贷款到期不再续贷，停止新增授信', due: -50 },
        { kind: 'collect', title: '收回到期流动资金贷款', due: -30 },
      ],
    },
    58,
    [
      submit(rm1, 57),
      decide('approve', '同意部分退出，保留结算业务。', 56),
      start(rm1, 55),
      done(rm1, 0, 54, '已通知客户到期不再续贷'),
      done(rm1, 1, 31, '贷款本息已全部收回'),
      {
        at: { daysAgo: 30, hour: 10 },
        move: (d, p) =>
          plans.completePlan(
            d,
            rm1,
            p.id,
            { version: p.version, completedOn: dayOf(30), note: '信贷业务已全部退出，保留基本结算账户。' },
            null,
            () => {},
          ),
      },
    ],
  );
  plan(
    'leverage_draft',
    rm1,
    {
      content: 'customer',
      willingness: 'active',
      scope: 'whole',
      businessLines: ['asset'],
      means: ['asset_transfer'],
      reasons: ['risk_reduction'],
      reasonNote:
        '资产负债率超过80%，净资产收益率连续三年低于同期贷款基准利率。拟将存量贷款转让给资产管理公司。',
      target: 180,
      steps: [
        { kind: 'transfer_assets', title: '向资产管理公司询价，评估转让价格', due: 30 },
        { kind: 'notify_customer', title: '告知客户债权转让安排', due: 45 },
        { kind: 'transfer_assets', title: '签订债权转让协议并完成交割', due: 150 },
      ],
    },
    3,
  );
  plan(
    'false_statements',
    rm1,
    {
      content: 'customer',
      willingness: 'active',
      scope: 'whole',
      businessLines: ['asset', 'liability'],
      means: ['collection'],
      reasons: ['risk_reduction'],
      reasonNote: '客户提供的年度财务报表与纳税申报数据严重不符，涉嫌提供虚假报表，无法据以评估还款能力。',
      target: 150,
      steps: [
        { kind: 'stop_new_credit', title: '停止新增授信', due: 7 },
        { kind: 'collect', title: '要求提前归还贷款，必要时依法清收', due: 90 },
        { kind: 'close_accounts', title: '结清后办理销户', due: 140 },
      ],
    },
    8,
    [submit(rm1, 6)],
  );
  plan(
    'major_event',
    rm2,
    {
      content: 'business',
      willingness: 'active',
      scope: 'product_replacement',
      businessLines: ['asset'],
      means: [],
      reasons: ['risk_reduction'],
      reasonNote: '客户被同业兼并重组，主要资产已抵押给他行。以存单质押的票据业务替代信用贷款。',
      target: 90,
      steps: [
        { kind: 'replace_product', title: '以存单质押银行承兑汇票替代信用贷款', due: 30 },
        { kind: 'collect', title: '收回原信用贷款', due: 60 },
      ],
    },
    21,
    [submit(rm2, 20), decide('approve', '同意，落实存单质押手续后再办理票据。', 16)],
  );
  plan(
    'liquidity_rejected',
    rm2,
    {
      content: 'customer',
      willingness: 'active',
      scope: 'whole',
      businessLines: ['asset', 'liability'],
      means: ['collection'],
      reasons: ['risk_reduction', 'value_maximization'],
      reasonNote: '内部管理混乱，流动比率低于0.5，经营活动现金流连续三年为负。',
      target: 120,
      steps: [
        { kind: 'stop_new_credit', title: '停止新增授信', due: 10 },
        { kind: 'collect', title: '收回全部贷款', due: 100 },
      ],
    },
    26,
    [
      submit(rm2, 25),
      decide(
        'reject',
        '客户已引入新的战略投资者，首期增资款已到位，贷款有足值房产抵押。暂不退出，三个月后结合最新报表重新评估。',
        22,
      ),
    ],
  );
  plan(
    'evasion_executing',
    rm2,
    {
      content: 'customer',
      willingness: 'active',
      scope: 'whole',
      businessLines: ['asset'],
      means: ['asset_transfer', 'collection'],
      reasons: ['risk_reduction'],
      reasonNote: '客户通过关联企业转移资产，涉嫌恶意逃废银行债务；四项财务指标均已触发退出标准。',
      target: 100,
      steps: [
        { kind: 'stop_new_credit', title: '冻结授信额度，停止新增授信', due: -40 },
        { kind: 'transfer_assets', title: '将贷款债权打包转让给资产管理公司', due: 60 },
        { kind: 'collect', title: '向保证人追偿差额', due: 90 },
      ],
    },
    46,
    [
      submit(rm2, 45),
      decide('approve', '同意。尽快转让，同时申请财产保全。', 43),
      start(rm2, 42),
      done(rm2, 0, 41, '已冻结额度并通知保证人'),
    ],
  );

  // Today's nightly screening of the bank, then the risk officer keeps the partially exited customer
  // for now.
  on({ daysAgo: 0, hour: 3 }, (d) =>
    runScreening(d, { asOf: today, scope: 'bank', viewer: null, collect: 'none' }),
  );
  const partial = storyOf.get('prospects_partial');
  if (partial) {
    on({ daysAgo: 0, hour: 3 }, async (d) => {
      const candidate = await d.db
        .selectFrom('exit_candidates')
        .select(['version', 'status'])
        .where('customer_id', '=', partial.id)
        .executeTakeFirst();
      if (candidate?.status !== 'open') return;
      await patchCandidate(
        d,
        risk1,
        partial.id,
        {
          version: candidate.version,
          status: 'dismissed',
          note: '信贷业务已全部收回，仅保留结算业务，风险可控，暂不全部退出。',
        },
        null,
      );
    });
  }

  // In the order they happened (a stable sort keeps the order of one moment's events); today's
  // events at the real time, so that nothing is dated after the seed.
  events.sort((a, b) => b.at.daysAgo - a.at.daysAgo || a.at.hour - b.at.hour);
  for (const e of events) await e.run(e.at.daysAgo === 0 ? deps : at(e.at));

  const { n } = await db
    .selectFrom('exit_candidates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    financialStatements: statements.length,
    riskFlags,
    exitPlans,
    exitCandidates: Number(n),
  };
}
