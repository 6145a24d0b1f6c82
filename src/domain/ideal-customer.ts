// Ideal customer 理想客户: DOMAIN.md §4 item 1 (Developing new customers) — the criteria industry (target
// and restricted lists), region (service area), the customer's own situation (size, revenue, years in
// business, credit) and cooperation with the bank (none / with other banks / already ours), weighted
// into a 0–100 fit score. Codes of §2: GB/T 4754-2017 industries, enterprise sizes, credit grades best
// first AAA … D. Pure functions, no I/O.
//
// The text only names the criteria; how each one scores is our rule (configurable in the profile):
// - Weights are non-negative and need not sum to 100: the score is normalised over the criteria that
//   apply to the prospect's kind. For an individual, industry, size and years in business do not apply:
//   they are left out of the terms and the weights re-normalised over region, revenue, credit grade and
//   cooperation. When the applicable weights sum to 0, every term scores 0 points.
// - points = factor × weight ÷ (Σ weights of applicable criteria) × 100, each rounded to one decimal;
//   score = the exact sum of the unrounded points rounded to one decimal (so Σ of the shown points may
//   differ from the score by rounding).
// - A fact that is unknown (null, blank, or a code that is not a known code) gives factor 0 and
//   `known: false`, and its criterion is listed in `missing` so the RM finds it out.
// - industry: 1 when a target code covers it, 0.5 when neither target nor restricted, 0 when a restricted
//   code covers it. A restricted industry also sets `restricted` and makes the whole score 0 (every
//   term's points are 0; the terms still explain their factors). A restricted code wins over a target
//   code (a target section with one restricted division is a sensible profile). A division ('C31')
//   matches only itself, a section letter ('C') all its divisions; codes are compared upper-cased.
// - region: 1 when the region code starts with one of the service-area prefixes ('3101' covers
//   '310115'), else 0.
// - size: 1 when the size is one of the preferred sizes, else 0.
// - revenue (for an individual the caller may pass financial assets 金融资产 here): 0 below the minimum,
//   1 at or above the ideal, linear in between (so exactly the minimum scores 0 when min < ideal);
//   when min = ideal, 1 at or above it and 0 below.
// - years in business: full years from `establishedOn` to `asOf` — the anniversary must have passed (or
//   be that very day); a 29 February founding has its anniversary on 1 March in common years. Then the
//   same linear rule as revenue. A founding date after `asOf` (or an unusable `asOf`) counts as unknown.
// - credit grade: 1 at or better than the minimum grade, 0.5 exactly one grade below, 0 otherwise, in
//   the order of CREDIT_GRADES (best first).
// - cooperation: the profile's factor for the prospect's cooperation (clamped to 0..1).
//
// Every term carries a reason in Chinese and English naming the numbers. `fitScore` never throws; an
// invalid profile is caught by `validateProfile` (paths like `weights.region`, `industries.restricted.2`).

import {
  COOPERATION_LEVELS,
  CREDIT_GRADES,
  type CreditGrade,
  type CustomerKind,
  ENTERPRISE_SIZES,
} from '../shared/codes';
import { industryMatches, industryName, isIndustryCode } from '../shared/industries';

export type Cooperation = (typeof COOPERATION_LEVELS.codes)[number];
export const COOPERATIONS: readonly Cooperation[] = COOPERATION_LEVELS.codes;
const COOPERATION_LABELS = COOPERATION_LEVELS.labels;

export type FitCriterion =
  | 'industry'
  | 'region'
  | 'size'
  | 'revenue'
  | 'yearsInBusiness'
  | 'creditGrade'
  | 'cooperation';
/** All criteria, in the order the terms are listed. */
export const FIT_CRITERIA: readonly FitCriterion[] = [
  'industry',
  'region',
  'size',
  'revenue',
  'yearsInBusiness',
  'creditGrade',
  'cooperation',
];
/** Criteria that do not apply to an individual (our rule). */
const NOT_FOR_INDIVIDUALS: ReadonlySet<FitCriterion> = new Set(['industry', 'size', 'yearsInBusiness']);

export interface IdealCustomerProfile {
  /** Non-negative; need not sum to 100 (the score is normalised). */
  weights: Record<FitCriterion, number>;
  /** GB/T 4754 codes: a section letter covers all its divisions. */
  industries: { target: string[]; restricted: string[] };
  /** Region code prefixes (e.g. '3101' covers '310115'). */
  serviceArea: string[];
  /** Preferred enterprise sizes. */
  sizes: string[];
  /** Yuan; min ≤ ideal. */
  revenue: { min: number; ideal: number };
  yearsInBusiness: { min: number; ideal: number };
  /** At or better than this grade scores fully. */
  minCreditGrade: string;
  /** Factor 0..1 for each kind of cooperation. */
  cooperation: Record<Cooperation, number>;
}

export interface ProspectFacts {
  kind: CustomerKind;
  industry: string | null;
  regionCode: string | null;
  size: string | null;
  /** Yuan (for an individual: financial assets may be passed here by the caller). */
  annualRevenue: number | null;
  /** YYYY-MM-DD. */
  establishedOn: string | null;
  creditGrade: string | null;
  cooperation: Cooperation | null;
}

export interface FitReason {
  zh: string;
  en: string;
}

export interface FitTerm {
  criterion: FitCriterion;
  weight: number;
  /** 0..1. */
  factor: number;
  /** Its share of 100, one decimal. */
  points: number;
  known: boolean;
  reason: FitReason;
}

export interface FitResult {
  /** 0..100, one decimal. */
  score: number;
  restricted: boolean;
  terms: FitTerm[];
  missing: FitCriterion[];
}

/**
 * A sensible default for a commercial bank's branch (our rule; every figure is configurable).
 * - Target industries follow the usual credit-policy priorities: pharmaceuticals (C27), equipment and
 *   electrical/electronic manufacturing (C34, C35, C38, C39, C40), information technology (I) and
 *   scientific research and technical services (M).
 * - Restricted industries are the classic over-capacity and environmental-risk sectors of the State
 *   Council's capacity-reduction policy (国发〔2013〕41号, 国发〔2016〕6号/7号): coal mining (B06),
 *   non-metallic mineral products — cement, flat glass — (C30) and ferrous smelting, i.e. steel (C31).
 * - Service area: Shanghai (3101) and Suzhou (3205), where the demo bank has its branches.
 * - Sizes: medium and small enterprises, the text's 中小优质客户 served by branch RMs.
 * - Revenue: at least CNY 5 million, ideally 50 million. Years in business: at least 1, ideally 3 (three
 *   years of annual statements, as the exit criteria of §6.1 read them). Credit: BBB or better.
 * - Cooperation: already ours 1 (known track record, cross-selling), with other banks 0.7 (bankable, can
 *   be won over), none 0.4 (no banking track record yet).
 */
export const DEFAULT_PROFILE: IdealCustomerProfile = {
  weights: {
    industry: 20,
    region: 15,
    size: 10,
    revenue: 20,
    yearsInBusiness: 10,
    creditGrade: 15,
    cooperation: 10,
  },
  industries: {
    target: ['C27', 'C34', 'C35', 'C38', 'C39', 'C40', 'I', 'M'],
    restricted: ['B06', 'C30', 'C31'],
  },
  serviceArea: ['3101', '3205'],
  sizes: ['medium', 'small'],
  revenue: { min: 5_000_000, ideal: 50_000_000 },
  yearsInBusiness: { min: 1, ideal: 3 },
  minCreditGrade: 'BBB',
  cooperation: { none: 0.4, other_banks: 0.7, ours: 1 },
};

// ---------------------------------------------------------------------------------------------------
// Helpers

type EnterpriseSize = (typeof ENTERPRISE_SIZES.codes)[number];

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** Round half up to one decimal, immune to binary noise such as 0.15 × 10 = 1.4999999999999998. */
function round1(value: number): number {
  return Math.round(Number((value * 10).toPrecision(12))) / 10;
}

const clamp01 = (value: unknown): number => (isFiniteNumber(value) ? Math.min(1, Math.max(0, value)) : 0);

/** A weight as used: a finite non-negative number, anything else 0. */
const usableWeight = (value: unknown): number => (isFiniteNumber(value) && value > 0 ? value : 0);

/** Factor for display: at most 4 decimals. */
const factorText = (factor: number): string => String(Number(factor.toFixed(4)));

/** Yuan → "3,000,000.00" (rounded to the fen). */
function formatYuan(yuan: number): string {
  const fen = Math.round(yuan * 100);
  if (!Number.isSafeInteger(fen)) return String(yuan);
  const big = BigInt(fen);
  const abs = big < 0n ? -big : big;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${big < 0n ? '-' : ''}${whole}.${cents}`;
}

const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A real calendar date YYYY-MM-DD as [y, m, d], else null. */
function parseDate(value: unknown): [number, number, number] | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return [y, m, d];
}

/** Full years from `from` to `to` (the anniversary must have passed or be that day); null if to < from. */
function fullYears(from: [number, number, number], to: [number, number, number]): number | null {
  const [fy, fm, fd] = from;
  const [ty, tm, td] = to;
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years < 0 ? null : years;
}

/** 0 below min, 1 at or above ideal, linear in between. */
function linear(value: number, min: number, ideal: number): number {
  if (value >= ideal) return 1;
  if (value < min) return 0;
  return (value - min) / (ideal - min);
}

const isCreditGrade = (grade: string): grade is CreditGrade => Object.hasOwn(CREDIT_GRADES.labels, grade);
/** Position in CREDIT_GRADES (0 = AAA, the best), or −1 for an unknown grade. */
const creditRank = (grade: string): number =>
  isCreditGrade(grade) ? CREDIT_GRADES.codes.indexOf(grade) : -1;

function industryLabel(code: string): FitReason {
  return {
    zh: `${code}（${industryName(code, 'zh-CN') ?? code}）`,
    en: `${code} (${industryName(code, 'en') ?? code})`,
  };
}

const listZh = (items: readonly string[]): string => items.join('、');
const listEn = (items: readonly string[]): string => items.join(', ');

interface Judged {
  factor: number;
  known: boolean;
  reason: FitReason;
}

const known = (factor: number, zh: string, en: string): Judged => ({
  factor,
  known: true,
  reason: { zh, en },
});
const unknown = (zh: string, en: string): Judged => ({ factor: 0, known: false, reason: { zh, en } });

// ---------------------------------------------------------------------------------------------------
// The criteria

function judgeIndustry(profile: IdealCustomerProfile, fact: string | null): Judged & { restricted: boolean } {
  const code = trimmed(fact).toUpperCase();
  if (code === '') {
    return {
      ...unknown('行业未知，需客户经理补充', 'Industry unknown; the RM should find it out'),
      restricted: false,
    };
  }
  if (!isIndustryCode(code)) {
    return {
      ...unknown(
        `行业代码 ${code} 不是 GB/T 4754 代码，视为未知，需客户经理核实`,
        `Industry code ${code} is not a GB/T 4754 code, so it counts as unknown; the RM should check it`,
      ),
      restricted: false,
    };
  }
  const label = industryLabel(code);
  const covering = (codes: readonly string[]) =>
    (Array.isArray(codes) ? codes : [])
      .map((c) => trimmed(c).toUpperCase())
      .find((rule) => industryMatches(rule, code));
  const restricted = covering(profile.industries?.restricted);
  if (restricted !== undefined) {
    return {
      ...known(
        0,
        `行业 ${label.zh}属于限制类行业 ${restricted}，系数 0，总分为 0`,
        `Industry ${label.en} is on the restricted list (${restricted}): factor 0, and the whole score is 0`,
      ),
      restricted: true,
    };
  }
  const target = covering(profile.industries?.target);
  if (target !== undefined) {
    return {
      ...known(
        1,
        `行业 ${label.zh}属于目标行业 ${target}，系数 1`,
        `Industry ${label.en} is a target industry (${target}): factor 1`,
      ),
      restricted: false,
    };
  }
  return {
    ...known(
      0.5,
      `行业 ${label.zh}既非目标行业也非限制类行业，系数 0.5`,
      `Industry ${label.en} is neither a target nor a restricted industry: factor 0.5`,
    ),
    restricted: false,
  };
}

function judgeRegion(profile: IdealCustomerProfile, fact: string | null): Judged {
  const code = trimmed(fact);
  if (code === '') return unknown('地区未知，需客户经理补充', 'Region unknown; the RM should find it out');
  const prefixes = (Array.isArray(profile.serviceArea) ? profile.serviceArea : [])
    .map(trimmed)
    .filter((p) => p !== '');
  const prefix = prefixes.find((p) => code.startsWith(p));
  if (prefix !== undefined) {
    return known(
      1,
      `地区代码 ${code} 在服务区域 ${prefix} 内，系数 1`,
      `Region code ${code} is in the service area (${prefix}): factor 1`,
    );
  }
  if (prefixes.length === 0) {
    return known(
      0,
      `地区代码 ${code}：未设置服务区域，系数 0`,
      `Region code ${code}: no service area is set, factor 0`,
    );
  }
  return known(
    0,
    `地区代码 ${code} 不在服务区域（${listZh(prefixes)}）内，系数 0`,
    `Region code ${code} is outside the service area (${listEn(prefixes)}): factor 0`,
  );
}

function judgeSize(profile: IdealCustomerProfile, fact: string | null): Judged {
  const size = trimmed(fact).toLowerCase();
  if (size === '')
    return unknown('企业规模未知，需客户经理补充', 'Enterprise size unknown; the RM should find it out');
  if (!Object.hasOwn(ENTERPRISE_SIZES.labels, size)) {
    return unknown(
      `企业规模 ${size} 不是已知规模，视为未知，需客户经理核实`,
      `Enterprise size ${size} is not a known size, so it counts as unknown; the RM should check it`,
    );
  }
  const label = ENTERPRISE_SIZES.labels[size as EnterpriseSize];
  const preferred = (Array.isArray(profile.sizes) ? profile.sizes : []).map((s) => trimmed(s).toLowerCase());
  const names = preferred.map((s) =>
    Object.hasOwn(ENTERPRISE_SIZES.labels, s)
      ? ENTERPRISE_SIZES.labels[s as EnterpriseSize]
      : { zh: s, en: s },
  );
  const shownZh = names.length > 0 ? listZh(names.map((n) => n.zh)) : '无';
  const shownEn = names.length > 0 ? listEn(names.map((n) => n.en.toLowerCase())) : 'none';
  if (preferred.includes(size)) {
    return known(
      1,
      `企业规模 ${label.zh} 属于优选规模（${shownZh}），系数 1`,
      `Enterprise size ${label.en.toLowerCase()} is a preferred size (${shownEn}): factor 1`,
    );
  }
  return known(
    0,
    `企业规模 ${label.zh} 不属于优选规模（${shownZh}），系数 0`,
    `Enterprise size ${label.en.toLowerCase()} is not a preferred size (${shownEn}): factor 0`,
  );
}

/** The linear rule of revenue and years, with its reason; `show` prints a value in both languages. */
function judgeLinear(
  value: number,
  range: { min: number; ideal: number },
  subject: FitReason,
  show: (n: number) => FitReason,
): Judged {
  const min = isFiniteNumber(range?.min) ? range.min : 0;
  const ideal = isFiniteNumber(range?.ideal) ? range.ideal : 0;
  const factor = linear(value, min, ideal);
  const [v, lo, hi] = [show(value), show(min), show(ideal)];
  const f = factorText(factor);
  if (factor === 1) {
    return known(
      1,
      `${subject.zh} ${v.zh}，达到理想 ${hi.zh}，系数 1`,
      `${subject.en} ${v.en}, at or above the ideal ${hi.en}: factor 1`,
    );
  }
  if (value === min) {
    return known(
      0,
      `${subject.zh} ${v.zh}，恰为最低 ${lo.zh}（理想 ${hi.zh}），系数 0`,
      `${subject.en} ${v.en}, exactly the minimum ${lo.en} (ideal ${hi.en}): factor 0`,
    );
  }
  if (value < min) {
    return known(
      0,
      `${subject.zh} ${v.zh}，低于最低 ${lo.zh}，系数 0`,
      `${subject.en} ${v.en}, below the minimum ${lo.en}: factor 0`,
    );
  }
  return known(
    factor,
    `${subject.zh} ${v.zh}，介于最低 ${lo.zh}与理想 ${hi.zh}之间，系数 ${f}`,
    `${subject.en} ${v.en}, between the minimum ${lo.en} and the ideal ${hi.en}: factor ${f}`,
  );
}

function judgeRevenue(profile: IdealCustomerProfile, facts: ProspectFacts): Judged {
  const subject: FitReason =
    facts.kind === 'individual'
      ? { zh: '金融资产', en: 'financial assets' }
      : { zh: '年营业收入', en: 'annual revenue' };
  const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  if (!isFiniteNumber(facts.annualRevenue)) {
    return unknown(
      `${subject.zh}未知，需客户经理补充`,
      `${capital(subject.en)} unknown; the RM should find it out`,
    );
  }
  return judgeLinear(
    facts.annualRevenue,
    profile.revenue,
    { zh: subject.zh, en: capital(subject.en) },
    (n) => ({ zh: `${formatYuan(n)} 元`, en: `CNY ${formatYuan(n)}` }),
  );
}

function judgeYears(profile: IdealCustomerProfile, establishedOn: string | null, asOf: string): Judged {
  if (establishedOn === null || trimmed(establishedOn) === '') {
    return unknown('成立日期未知，需客户经理补充', 'Founding date unknown; the RM should find it out');
  }
  const founded = parseDate(trimmed(establishedOn));
  if (founded === null) {
    return unknown(
      `成立日期 ${establishedOn} 不是有效日期，视为未知，需客户经理核实`,
      `Founding date ${establishedOn} is not a valid date, so it counts as unknown; the RM should check it`,
    );
  }
  const today = parseDate(asOf);
  if (today === null) {
    return unknown(
      `评估日期 ${asOf} 不是有效日期，无法计算成立年限`,
      `The scoring date ${asOf} is not a valid date, so the years in business cannot be counted`,
    );
  }
  const years = fullYears(founded, today);
  if (years === null) {
    return unknown(
      `成立日期 ${trimmed(establishedOn)} 晚于评估日期 ${asOf}，视为未知，需客户经理核实`,
      `Founding date ${trimmed(establishedOn)} is after the scoring date ${asOf}, so it counts as unknown; the RM should check it`,
    );
  }
  return judgeLinear(
    years,
    profile.yearsInBusiness,
    {
      zh: `成立于 ${trimmed(establishedOn)}，至 ${asOf} 满`,
      en: `Founded on ${trimmed(establishedOn)}, in business as of ${asOf} for`,
    },
    (n) => ({ zh: `${n} 年`, en: `${n} ${n === 1 ? 'year' : 'years'}` }),
  );
}

function judgeCredit(profile: IdealCustomerProfile, fact: string | null): Judged {
  const grade = trimmed(fact).toUpperCase();
  if (grade === '')
    return unknown('信用等级未知，需客户经理补充', 'Credit grade unknown; the RM should find it out');
  const rank = creditRank(grade);
  if (rank < 0) {
    return unknown(
      `信用等级 ${grade} 不是已知等级，视为未知，需客户经理核实`,
      `Credit grade ${grade} is not a known grade, so it counts as unknown; the RM should check it`,
    );
  }
  const min = trimmed(profile.minCreditGrade).toUpperCase();
  const minRank = creditRank(min);
  if (minRank < 0) {
    return known(
      0,
      `信用等级 ${grade}；画像的最低等级 ${min} 不是已知等级，系数 0`,
      `Credit grade ${grade}; the profile's minimum grade ${min} is not a known grade: factor 0`,
    );
  }
  const below = rank - minRank;
  if (below <= 0) {
    return known(
      1,
      `信用等级 ${grade}，不低于最低要求 ${min}，系数 1`,
      `Credit grade ${grade}, at or better than the minimum ${min}: factor 1`,
    );
  }
  if (below === 1) {
    return known(
      0.5,
      `信用等级 ${grade}，低于最低要求 ${min} 一级，系数 0.5`,
      `Credit grade ${grade}, one grade below the minimum ${min}: factor 0.5`,
    );
  }
  return known(
    0,
    `信用等级 ${grade}，低于最低要求 ${min} ${below} 级，系数 0`,
    `Credit grade ${grade}, ${below} grades below the minimum ${min}: factor 0`,
  );
}

function judgeCooperation(profile: IdealCustomerProfile, fact: Cooperation | null): Judged {
  if (fact === null || !COOPERATIONS.includes(fact)) {
    return unknown(
      '与银行的合作情况未知，需客户经理补充',
      'Cooperation with banks unknown; the RM should find it out',
    );
  }
  const factor = clamp01(profile.cooperation?.[fact]);
  const label = COOPERATION_LABELS[fact];
  const f = factorText(factor);
  return known(
    factor,
    `合作情况：${label.zh}，系数 ${f}`,
    `Cooperation: ${label.en.toLowerCase()}, factor ${f}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// The score

/** The fit score of a prospect against the ideal-customer profile, as of a date (YYYY-MM-DD). */
export function fitScore(profile: IdealCustomerProfile, facts: ProspectFacts, asOf: string): FitResult {
  const criteria = FIT_CRITERIA.filter((c) => facts.kind !== 'individual' || !NOT_FOR_INDIVIDUALS.has(c));
  const weights = new Map(criteria.map((c) => [c, usableWeight(profile.weights?.[c])] as const));
  const total = criteria.reduce((sum, c) => sum + weights.get(c)!, 0);

  const industry = criteria.includes('industry') ? judgeIndustry(profile, facts.industry) : null;
  const restricted = industry?.restricted ?? false;

  const judge = (criterion: FitCriterion): Judged => {
    switch (criterion) {
      case 'industry':
        return industry!;
      case 'region':
        return judgeRegion(profile, facts.regionCode);
      case 'size':
        return judgeSize(profile, facts.size);
      case 'revenue':
        return judgeRevenue(profile, facts);
      case 'yearsInBusiness':
        return judgeYears(profile, facts.establishedOn, asOf);
      case 'creditGrade':
        return judgeCredit(profile, facts.creditGrade);
      case 'cooperation':
        return judgeCooperation(profile, facts.cooperation);
    }
  };

  let exact = 0;
  const terms: FitTerm[] = criteria.map((criterion) => {
    const weight = weights.get(criterion)!;
    const { factor, known: isKnown, reason } = judge(criterion);
    const share = restricted || total === 0 ? 0 : ((factor * weight) / total) * 100;
    exact += share;
    return { criterion, weight, factor, points: round1(share), known: isKnown, reason };
  });

  return {
    score: Math.min(100, Math.max(0, round1(exact))),
    restricted,
    terms,
    missing: terms.filter((t) => !t.known).map((t) => t.criterion),
  };
}

// ---------------------------------------------------------------------------------------------------
// Validation

/** What is wrong with a profile, as `{path, message}` (English, like the API's field errors); empty when valid. */
export function validateProfile(profile: IdealCustomerProfile): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  // Weights
  const weights = profile?.weights;
  if (weights === null || typeof weights !== 'object') {
    add('weights', 'must give a weight for every criterion');
  } else {
    let anyPositive = false;
    for (const c of FIT_CRITERIA) {
      const w = weights[c];
      if (!isFiniteNumber(w) || w < 0) add(`weights.${c}`, 'must be a number ≥ 0');
      else if (w > 0) anyPositive = true;
    }
    if (!anyPositive) add('weights', 'at least one weight must be above 0');
  }

  // Industries
  const lists = {
    target: Array.isArray(profile?.industries?.target) ? profile.industries.target : null,
    restricted: Array.isArray(profile?.industries?.restricted) ? profile.industries.restricted : null,
  };
  for (const list of ['target', 'restricted'] as const) {
    const codes = lists[list];
    if (codes === null) {
      add(`industries.${list}`, 'must be a list of GB/T 4754 codes');
      continue;
    }
    codes.forEach((code, i) => {
      if (!isIndustryCode(trimmed(code).toUpperCase())) {
        add(`industries.${list}.${i}`, `${String(code)} is not a GB/T 4754 section or division code`);
      }
    });
  }
  const restricted = (lists.restricted ?? []).map((c) => trimmed(c).toUpperCase()).filter(isIndustryCode);
  (lists.target ?? []).forEach((code, i) => {
    const upper = trimmed(code).toUpperCase();
    if (!isIndustryCode(upper)) return;
    const covering = restricted.find((r) => industryMatches(r, upper));
    if (covering !== undefined) {
      add(
        `industries.target.${i}`,
        covering === upper
          ? `${upper} is both a target and a restricted industry`
          : `${upper} is covered by the restricted industry ${covering}`,
      );
    }
  });

  // Service area
  if (!Array.isArray(profile?.serviceArea)) {
    add('serviceArea', 'must be a list of region code prefixes');
  } else {
    profile.serviceArea.forEach((prefix, i) => {
      if (typeof prefix !== 'string' || !/^\d+$/.test(prefix)) {
        add(`serviceArea.${i}`, 'must be a region code prefix of digits only');
      }
    });
  }

  // Sizes
  if (!Array.isArray(profile?.sizes)) {
    add('sizes', 'must be a list of enterprise sizes');
  } else {
    profile.sizes.forEach((size, i) => {
      if (typeof size !== 'string' || !Object.hasOwn(ENTERPRISE_SIZES.labels, size)) {
        add(`sizes.${i}`, `must be one of ${ENTERPRISE_SIZES.codes.join(', ')}`);
      }
    });
  }

  // Revenue and years in business
  for (const key of ['revenue', 'yearsInBusiness'] as const) {
    const range = profile?.[key];
    const minOk = isFiniteNumber(range?.min) && range.min >= 0;
    const idealOk = isFiniteNumber(range?.ideal) && range.ideal >= 0;
    if (!minOk) add(`${key}.min`, 'must be a number ≥ 0');
    if (!idealOk) add(`${key}.ideal`, 'must be a number ≥ 0');
    if (minOk && idealOk && range.min > range.ideal) add(`${key}.min`, 'must not be above the ideal');
  }

  // Credit grade
  if (typeof profile?.minCreditGrade !== 'string' || creditRank(profile.minCreditGrade) < 0) {
    add('minCreditGrade', `must be one of ${CREDIT_GRADES.codes.join(' ')}`);
  }

  // Cooperation factors
  for (const c of COOPERATIONS) {
    const f = profile?.cooperation?.[c];
    if (!isFiniteNumber(f) || f < 0 || f > 1) add(`cooperation.${c}`, 'must be a factor between 0 and 1');
  }

  return problems;
}
