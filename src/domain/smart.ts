// SMART visit objectives: DOMAIN.md §4 item 5 (Action plan 行动方案) — every objective of a meeting plan
// 相会计划表 is Specific, Measurable, Achievable, Relevant, Time-bound. Pure function, no I/O.
//
// The seed text only names the five letters; what each letter checks is our rule:
// - S Specific: `what`, trimmed, has at least 4 code points (4 Chinese characters count as 4) AND the
//   objective names a need or a product (needTag or product is not null).
// - M Measurable: metric non-empty after trim, a unit, and a finite target > 0; percent ≤ 100, count an
//   integer, yuan at most 2 decimals (whole fen, see `yuanToFen`).
// - A Achievable: justification, trimmed, has at least 6 code points; and for a yuan target the target is
//   at most the customer's capacity — annual revenue 年营业收入 for a corporate, financial assets 金融资产
//   for an individual — compared exactly in fen (equal passes). An unknown capacity passes on the
//   justification alone. A target that is not a usable number (not finite, or a yuan amount that is not
//   whole fen) fails A too, since achievability cannot be judged without it.
// - R Relevant: the need is one of the customer's needs, or the product is in the plan's marketing plan,
//   or the product serves one of the customer's needs (PRODUCT_NEED), or a plan product serves the need.
// - T Time-bound: dueOn is a real calendar date, not before the visit and at most 365 days after it
//   (counted on UTC calendar days, so a leap day is a day like any other).
//
// Every letter always carries a reason in Chinese and English, also when it passes (with the numbers), so
// the plan form can show why. Inputs are checked defensively: a verdict never throws, whatever arrives.

import {
  type CodeLabel,
  METRIC_UNITS,
  type MetricUnit,
  NEED_TAGS,
  type NeedTag,
  PRODUCTS,
  type Product,
} from '../shared/codes';
import { yuanToFen } from '../shared/money';

export interface SmartObjectiveInput {
  /** What the RM wants to achieve, free text. */
  what: string;
  /** The customer need it serves. */
  needTag: NeedTag | null;
  /** The product it sells. */
  product: Product | null;
  /** What is measured, e.g. "新增日均存款". */
  metric: string | null;
  unit: MetricUnit | null;
  /** In the unit: yuan (up to 2 decimals), count, percent. */
  target: number | null;
  /** Why it is achievable. */
  justification: string | null;
  /** YYYY-MM-DD. */
  dueOn: string | null;
}

export interface SmartContext {
  /** YYYY-MM-DD, the day of the planned visit. */
  visitOn: string;
  customer: {
    kind: 'corporate' | 'individual';
    annualRevenue: number | null;
    financialAssets: number | null;
    needTags: readonly NeedTag[];
  };
  /** The products of the plan's marketing plan 营销方案. */
  planProducts: readonly Product[];
}

export type SmartLetter = 'S' | 'M' | 'A' | 'R' | 'T';
export interface SmartReason {
  zh: string;
  en: string;
}
export interface SmartVerdict {
  ok: boolean;
  letters: Record<SmartLetter, { ok: boolean; reason: SmartReason }>;
}

/** Which customer need each product serves (the need tags of DOMAIN §2). */
export const PRODUCT_NEED: Record<Product, NeedTag> = {
  demand_deposit: 'deposit',
  time_deposit: 'deposit',
  working_capital_loan: 'loan',
  fixed_asset_loan: 'loan',
  mortgage: 'loan',
  fx_settlement: 'fx',
  payroll_agency: 'rmb',
  cash_management: 'rmb',
  wealth_management: 'rmb',
};

export const SMART_LIMITS = { minWhatChars: 4, minJustificationChars: 6, maxDaysAfterVisit: 365 } as const;

type LetterResult = { ok: boolean; reason: SmartReason };

const pass = (zh: string, en: string): LetterResult => ({ ok: true, reason: { zh, en } });

/** Several problems of one letter are all reported, so the RM fixes them in one go. */
function fail(problems: readonly SmartReason[]): LetterResult {
  return {
    ok: false,
    reason: {
      zh: problems.map((p) => p.zh).join('；'),
      en: problems.map((p, i) => (i === 0 ? p.en : p.en[0]!.toLowerCase() + p.en.slice(1))).join('; '),
    },
  };
}

/** Code points of the trimmed text; 0 for anything that is not a string (the verdict must not throw). */
function textLength(value: unknown): number {
  return typeof value === 'string' ? [...value.trim()].length : 0;
}

/** Label of a code; an unknown code (bad input) is shown as itself. `hasOwn` keeps out 'constructor' etc. */
function labelOf(labels: Record<string, CodeLabel>, code: unknown): CodeLabel {
  const key = String(code);
  return Object.hasOwn(labels, key) ? labels[key]! : { zh: key, en: key };
}

const needLabel = (tag: unknown) => labelOf(NEED_TAGS.labels, tag);
const productLabel = (product: unknown) => labelOf(PRODUCTS.labels, product);

function isKnown<T extends string>(labels: Record<T, CodeLabel>, code: unknown): code is T {
  return typeof code === 'string' && Object.hasOwn(labels, code);
}

function needOf(product: unknown): NeedTag | undefined {
  return isKnown(PRODUCTS.labels, product) ? PRODUCT_NEED[product] : undefined;
}

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** Integer fen → "5,000,000.00". BigInt so that even an absurd figure is printed digit for digit. */
function formatFen(fen: number): string {
  const big = BigInt(fen);
  const abs = big < 0n ? -big : big;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${big < 0n ? '-' : ''}${whole}.${cents}`;
}

const yuanText = (fen: number): SmartReason => ({ zh: `${formatFen(fen)} 元`, en: `CNY ${formatFen(fen)}` });

/** The target as the RM would read it, in the unit; also for invalid targets (they are shown as given). */
function targetText(unit: unknown, target: unknown): SmartReason {
  if (target === null || target === undefined) return { zh: '未填写', en: 'not given' };
  const raw = String(target);
  if (unit === 'yuan') {
    const fen = isFiniteNumber(target) ? yuanToFen(target) : null;
    return fen !== null ? yuanText(fen) : { zh: `${raw} 元`, en: `CNY ${raw}` };
  }
  if (unit === 'percent') return { zh: `${raw}%`, en: `${raw}%` };
  if (unit === 'count') return { zh: `${raw} ${METRIC_UNITS.labels.count.zh}`, en: `${raw} (count)` };
  return { zh: raw, en: raw };
}

// ---------------------------------------------------------------------------------------------------
// S Specific

function checkSpecific(o: SmartObjectiveInput): LetterResult {
  const length = textLength(o.what);
  const named = [
    ...(o.needTag != null ? [needLabel(o.needTag)] : []),
    ...(o.product != null ? [productLabel(o.product)] : []),
  ];
  const problems: SmartReason[] = [];
  if (length < SMART_LIMITS.minWhatChars) {
    problems.push({
      zh: `目标描述只有 ${length} 个字，至少需要 ${SMART_LIMITS.minWhatChars} 个字`,
      en: `The description has ${length} characters; at least ${SMART_LIMITS.minWhatChars} are needed`,
    });
  }
  if (named.length === 0) {
    problems.push({
      zh: '目标未指明服务的客户需求或销售的产品',
      en: 'The objective names neither the customer need it serves nor the product it sells',
    });
  }
  if (problems.length > 0) return fail(problems);
  return pass(
    `目标描述有 ${length} 个字（至少 ${SMART_LIMITS.minWhatChars} 个），并指明了${named.map((l) => `「${l.zh}」`).join('、')}`,
    `The description has ${length} characters (at least ${SMART_LIMITS.minWhatChars}) and names ${named.map((l) => `"${l.en}"`).join(' and ')}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// M Measurable

/** What is wrong with the target for its unit, or null when it is a valid target. */
function targetProblem(unit: unknown, target: unknown): SmartReason | null {
  const shown = targetText(unit, target);
  if (!isFiniteNumber(target)) {
    return { zh: `目标值（${shown.zh}）不是有效数字`, en: `The target (${shown.en}) is not a valid number` };
  }
  if (target <= 0) {
    return {
      zh: `目标值必须大于 0（现为 ${shown.zh}）`,
      en: `The target must be above 0 (it is ${shown.en})`,
    };
  }
  if (unit === 'percent' && target > 100) {
    return {
      zh: `百分比目标不能超过 100%（现为 ${shown.zh}）`,
      en: `A percentage target cannot exceed 100% (it is ${shown.en})`,
    };
  }
  if (unit === 'count' && !Number.isInteger(target)) {
    return {
      zh: `计数目标必须是整数（现为 ${shown.zh}）`,
      en: `A count target must be a whole number (it is ${shown.en})`,
    };
  }
  if (unit === 'yuan' && yuanToFen(target) === null) {
    return {
      zh: `金额目标最多两位小数（现为 ${shown.zh}）`,
      en: `An amount target has at most 2 decimals (it is ${shown.en})`,
    };
  }
  return null;
}

function checkMeasurable(o: SmartObjectiveInput): LetterResult {
  const problems: SmartReason[] = [];
  const hasMetric = textLength(o.metric) > 0;
  const hasUnit = isKnown(METRIC_UNITS.labels, o.unit);
  if (!hasMetric) problems.push({ zh: '未填写衡量指标', en: 'No metric says what is measured' });
  if (!hasUnit)
    problems.push({ zh: '未选择指标单位（元、个/笔或 %）', en: 'No unit chosen (yuan, count or %)' });
  const target = targetProblem(o.unit, o.target);
  if (target !== null) problems.push(target);
  if (problems.length > 0) return fail(problems);
  const metric = (o.metric as string).trim();
  const shown = targetText(o.unit, o.target);
  const unit = labelOf(METRIC_UNITS.labels, o.unit);
  return pass(
    `指标「${metric}」，单位 ${unit.zh}，目标 ${shown.zh}`,
    `Metric "${metric}" in ${unit.en}, target ${shown.en}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// A Achievable

/** The capacity figure in fen; null when not known. A stored figure with more than 2 decimals is data,
 * not the RM's input, so it is rounded to the fen rather than ignored. */
function capacityFen(value: unknown): number | null {
  if (!isFiniteNumber(value)) return null;
  return yuanToFen(value) ?? Math.round(value * 100);
}

function checkAchievable(o: SmartObjectiveInput, c: SmartContext): LetterResult {
  const problems: SmartReason[] = [];
  const justification = textLength(o.justification);
  const min = SMART_LIMITS.minJustificationChars;
  if (justification < min) {
    problems.push({
      zh: `可实现性理由只有 ${justification} 个字，至少需要 ${min} 个字`,
      en: `The justification has ${justification} characters; at least ${min} are needed`,
    });
  }

  const usable = isFiniteNumber(o.target) && (o.unit !== 'yuan' || yuanToFen(o.target) !== null);
  const corporate = c?.customer?.kind === 'corporate';
  const figure: SmartReason = corporate
    ? { zh: '年营业收入', en: 'annual revenue' }
    : { zh: '金融资产', en: 'financial assets' };
  const capacity = capacityFen(corporate ? c?.customer?.annualRevenue : c?.customer?.financialAssets);
  let scale: SmartReason;
  if (!usable) {
    const shown = targetText(o.unit, o.target);
    problems.push({
      zh: `目标值（${shown.zh}）不是可用的数字，无法判断能否实现`,
      en: `The target (${shown.en}) is not a usable number, so achievability cannot be judged`,
    });
    scale = { zh: '', en: '' };
  } else if (o.unit !== 'yuan') {
    const unit = isKnown(METRIC_UNITS.labels, o.unit) ? METRIC_UNITS.labels[o.unit] : null;
    scale = {
      zh: `${unit ? `目标单位为 ${unit.zh}` : '目标不是金额'}，不与客户${figure.zh}比较`,
      en: `${unit ? `the target is in ${unit.en}` : 'the target is not an amount'}, so it is not compared with the customer's ${figure.en}`,
    };
  } else if (capacity === null) {
    scale = {
      zh: `客户${figure.zh}未知，没有可核对的数据，仅凭理由判断`,
      en: `the customer's ${figure.en} is unknown, so there was no figure to check the target against; judged on the justification alone`,
    };
  } else {
    const target = yuanText(yuanToFen(o.target as number)!);
    const limit = yuanText(capacity);
    if ((yuanToFen(o.target as number) as number) > capacity) {
      problems.push({
        zh: `目标 ${target.zh} 超过客户${figure.zh} ${limit.zh}`,
        en: `The target ${target.en} exceeds the customer's ${figure.en} of ${limit.en}`,
      });
    }
    scale = {
      zh: `目标 ${target.zh} 不超过客户${figure.zh} ${limit.zh}`,
      en: `the target ${target.en} does not exceed the customer's ${figure.en} of ${limit.en}`,
    };
  }
  if (problems.length > 0) return fail(problems);
  return pass(
    `可实现性理由有 ${justification} 个字（至少 ${min} 个）；${scale.zh}`,
    `The justification has ${justification} characters (at least ${min}); ${scale.en}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// R Relevant

function checkRelevant(o: SmartObjectiveInput, c: SmartContext): LetterResult {
  const customerNeeds: readonly unknown[] = Array.isArray(c?.customer?.needTags) ? c.customer.needTags : [];
  const planProducts: readonly unknown[] = Array.isArray(c?.planProducts) ? c.planProducts : [];
  const need = o.needTag ?? null;
  const product = o.product ?? null;
  if (need === null && product === null) {
    return fail([
      {
        zh: '目标未关联客户需求或产品，请关联其一',
        en: 'The objective is linked to no customer need or product; link it to one',
      },
    ]);
  }
  const n = needLabel(need);
  const p = productLabel(product);
  if (need !== null && customerNeeds.includes(need)) {
    return pass(`客户有「${n.zh}」需求`, `The customer has the need "${n.en}"`);
  }
  if (product !== null && planProducts.includes(product)) {
    return pass(`营销方案包含产品「${p.zh}」`, `The marketing plan offers "${p.en}"`);
  }
  const productNeed = needOf(product);
  if (productNeed !== undefined && customerNeeds.includes(productNeed)) {
    const pn = needLabel(productNeed);
    return pass(
      `产品「${p.zh}」服务于客户的「${pn.zh}」需求`,
      `The product "${p.en}" serves the customer's need "${pn.en}"`,
    );
  }
  const serving = need === null ? undefined : planProducts.find((pp) => needOf(pp) === need);
  if (serving !== undefined) {
    const sp = productLabel(serving);
    return pass(
      `营销方案中的产品「${sp.zh}」服务于「${n.zh}」需求`,
      `The marketing plan's product "${sp.en}" serves the need "${n.en}"`,
    );
  }
  const problems: SmartReason[] = [];
  if (need !== null) {
    problems.push({
      zh: `客户没有「${n.zh}」需求，营销方案也没有服务于该需求的产品`,
      en: `The customer has no need "${n.en}" and the marketing plan offers no product serving it`,
    });
  }
  if (product !== null) {
    const pn = productNeed === undefined ? null : needLabel(productNeed);
    problems.push({
      zh: `营销方案不含产品「${p.zh}」${pn ? `，客户也没有其服务的「${pn.zh}」需求` : ''}`,
      en: `The marketing plan does not offer "${p.en}"${pn ? ` and the customer has no need "${pn.en}" it serves` : ''}`,
    });
  }
  return fail(problems);
}

// ---------------------------------------------------------------------------------------------------
// T Time-bound

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a real calendar date YYYY-MM-DD, else null. `setUTCFullYear` rather than
 * `Date.UTC`, which maps the years 0–99 to 1900–1999. */
function dayNumber(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = DATE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() / DAY_MS;
}

function checkTimeBound(o: SmartObjectiveInput, c: SmartContext): LetterResult {
  const max = SMART_LIMITS.maxDaysAfterVisit;
  const dueOn = o.dueOn;
  const visitOn = c?.visitOn;
  if (dueOn === null || dueOn === undefined || dueOn === '') {
    return fail([{ zh: '未填写截止日期', en: 'No due date is given' }]);
  }
  const due = dayNumber(dueOn);
  if (due === null) {
    return fail([
      {
        zh: `截止日期「${String(dueOn)}」不是有效日期（YYYY-MM-DD）`,
        en: `The due date "${String(dueOn)}" is not a valid calendar date (YYYY-MM-DD)`,
      },
    ]);
  }
  const visit = dayNumber(visitOn);
  if (visit === null) {
    return fail([
      {
        zh: `拜访日期「${String(visitOn)}」不是有效日期，无法核对期限`,
        en: `The visit date "${String(visitOn)}" is not a valid calendar date, so the deadline cannot be checked`,
      },
    ]);
  }
  const days = due - visit;
  if (days < 0) {
    return fail([
      {
        zh: `截止日期 ${dueOn} 早于拜访日期 ${visitOn}（早 ${-days} 天）`,
        en: `The due date ${dueOn} is ${-days} days before the visit on ${visitOn}`,
      },
    ]);
  }
  if (days > max) {
    return fail([
      {
        zh: `截止日期 ${dueOn} 在拜访日期 ${visitOn} 之后 ${days} 天，超过 ${max} 天上限`,
        en: `The due date ${dueOn} is ${days} days after the visit on ${visitOn}, more than the ${max}-day limit`,
      },
    ]);
  }
  return pass(
    `截止日期 ${dueOn} 在拜访日期 ${visitOn} 之后 ${days} 天（不超过 ${max} 天）`,
    `The due date ${dueOn} is ${days} days after the visit on ${visitOn} (at most ${max})`,
  );
}

// ---------------------------------------------------------------------------------------------------

/** Checks one visit objective against the five SMART letters; `ok` exactly when all five pass. */
export function checkSmartObjective(objective: SmartObjectiveInput, context: SmartContext): SmartVerdict {
  const letters: SmartVerdict['letters'] = {
    S: checkSpecific(objective),
    M: checkMeasurable(objective),
    A: checkAchievable(objective, context),
    R: checkRelevant(objective, context),
    T: checkTimeBound(objective, context),
  };
  return { ok: Object.values(letters).every((l) => l.ok), letters };
}
