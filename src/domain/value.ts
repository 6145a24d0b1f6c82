// Customer value 客户价值: DOMAIN §3.1. Realized value 既成价值, potential value 潜在价值 and model value
// 模型价值, each with the terms behind it so the page can show why. Money is integer fen. Pure, no I/O.
//
// Our rules (configurable, versioned with the settings):
// - Realized value: the sum of net interest contribution + fee income over the 12 months ending with
//   the month asked, over all the customer's accounts (a closed account's months count while it had
//   figures).
// - Potential value = max(0, wallet estimate − realized value). Wallet estimate = annual revenue ×
//   the coefficient of the customer's industry section (corporate; the default coefficient when the
//   section has none) or financial assets × the individual coefficient, plus, for each need tag with no
//   open product meeting it, the configured amount of that need. An unknown revenue or assets counts 0
//   and is reported as unknown.
// - A need is met by an open product: deposit by a demand or time deposit; loan by a loan; fx by FX
//   settlement or an account in a currency other than CNY; rmb by any account in CNY.
// - Model value: a 0–100 score, Σ weight × factor ÷ Σ weight over the terms that are known, × 100.
//   Money terms score on a log scale between a floor (factor 0) and a ceiling (factor 1); growth is
//   the balance change of the lifecycle rule (§2.1) mapped from −span…+span onto 0…1; credit grade AAA
//   is 1 and D is 0, evenly between; loyalty is the loyalty index 0…1 (issue #8) and unknown until
//   then. An unknown term is listed with `known: false` and its weight spread over the known ones.

import {
  CREDIT_GRADES,
  type CreditGrade,
  type CustomerKind,
  type NeedTag,
  type Product,
} from '../shared/codes';
import { industrySection } from '../shared/industries';

export interface MonthlyFigure {
  month: string;
  netInterestContribution: number;
  feeIncome: number;
}

/** Σ (net interest contribution + fee income) of the figures in the months `from`…`to`, fen. */
export function realizedValue(figures: readonly MonthlyFigure[], from: string, to: string): number {
  let sum = 0;
  for (const f of figures) {
    if (f.month >= from && f.month <= to) sum += f.netInterestContribution + f.feeIncome;
  }
  return sum;
}

export interface WalletCoefficients {
  /** Wallet ÷ annual revenue for a corporate customer whose section is not listed. */
  corporateDefault: number;
  /** By GB/T 4754 section letter. */
  corporateBySection: Record<string, number>;
  /** Wallet ÷ financial assets for an individual. */
  individual: number;
}

export const MODEL_TERMS = ['realized', 'potential', 'loyalty', 'growth', 'credit'] as const;
export type ModelTerm = (typeof MODEL_TERMS)[number];

export interface LogScale {
  /** fen at which the term scores 0 (and below). */
  floor: number;
  /** fen at which the term scores 1 (and above). */
  ceiling: number;
}

export interface ValueSettings {
  wallet: WalletCoefficients;
  /** The value of a need with no product, fen. */
  openNeedValues: Record<NeedTag, number>;
  weights: Record<ModelTerm, number>;
  realizedScale: LogScale;
  potentialScale: LogScale;
  /** The balance change (a fraction) at which the growth term reaches 1 (and −span 0). */
  growthSpan: number;
}

export interface HeldAccount {
  product: Product | string;
  currency: string;
}

/** The need tags no open account meets. */
const NEED_MET: Record<NeedTag, (a: HeldAccount) => boolean> = {
  deposit: (a) => a.product === 'demand_deposit' || a.product === 'time_deposit',
  loan: (a) =>
    a.product === 'working_capital_loan' || a.product === 'fixed_asset_loan' || a.product === 'mortgage',
  fx: (a) => a.product === 'fx_settlement' || a.currency !== 'CNY',
  rmb: (a) => a.currency === 'CNY',
};

export function openNeeds(tags: readonly NeedTag[], open: readonly HeldAccount[]): NeedTag[] {
  return tags.filter((t) => !open.some(NEED_MET[t]));
}

export interface PotentialInput {
  kind: CustomerKind;
  industry: string | null;
  /** fen */
  annualRevenue: number | null;
  /** fen */
  financialAssets: number | null;
  needTags: readonly NeedTag[];
  openAccounts: readonly HeldAccount[];
  /** fen */
  realized: number;
}

export interface PotentialValue {
  /** fen, ≥ 0 */
  value: number;
  /** fen */
  wallet: number;
  base: {
    source: 'annual_revenue' | 'financial_assets';
    /** fen, null when unknown */
    amount: number | null;
    coefficient: number;
    /** fen */
    estimate: number;
  };
  openNeeds: { tag: NeedTag; amount: number }[];
  realized: number;
}

export function coefficientFor(kind: CustomerKind, industry: string | null, wallet: WalletCoefficients) {
  if (kind === 'individual') return wallet.individual;
  const section = industry ? industrySection(industry) : null;
  return section !== null && wallet.corporateBySection[section] !== undefined
    ? wallet.corporateBySection[section]!
    : wallet.corporateDefault;
}

export function potentialValue(input: PotentialInput, settings: ValueSettings): PotentialValue {
  const source = input.kind === 'corporate' ? 'annual_revenue' : 'financial_assets';
  const amount = input.kind === 'corporate' ? input.annualRevenue : input.financialAssets;
  const coefficient = coefficientFor(input.kind, input.industry, settings.wallet);
  const estimate = amount === null ? 0 : Math.round(amount * coefficient);
  const needs = openNeeds(input.needTags, input.openAccounts).map((tag) => ({
    tag,
    amount: settings.openNeedValues[tag],
  }));
  const wallet = estimate + needs.reduce((s, n) => s + n.amount, 0);
  return {
    value: Math.max(0, wallet - input.realized),
    wallet,
    base: { source, amount, coefficient, estimate },
    openNeeds: needs,
    realized: input.realized,
  };
}

/** 0 at or below the floor, 1 at or above the ceiling, logarithmic in between (0 < floor < ceiling). */
export function logFactor(fen: number, scale: LogScale): number {
  if (fen >= scale.ceiling) return 1;
  if (fen <= scale.floor) return 0;
  return Math.log(fen / scale.floor) / Math.log(scale.ceiling / scale.floor);
}

export function creditFactor(grade: CreditGrade | null): number | null {
  if (grade === null) return null;
  const i = CREDIT_GRADES.codes.indexOf(grade);
  return i < 0 ? null : (CREDIT_GRADES.codes.length - 1 - i) / (CREDIT_GRADES.codes.length - 1);
}

export function growthFactor(change: number | null, span: number): number | null {
  if (change === null) return null;
  return Math.min(1, Math.max(0, 0.5 + change / (2 * span)));
}

export interface ModelInput {
  realized: number;
  potential: number;
  /** 0…1, null while unknown */
  loyalty: number | null;
  /** The lifecycle rule's change (0.12 = +12%), null when there is nothing to compare. */
  growth: number | null;
  creditGrade: CreditGrade | null;
}

export interface ModelTermResult {
  term: ModelTerm;
  weight: number;
  known: boolean;
  /** 0…1 */
  factor: number | null;
  /** The term's part of the score, in points (one decimal). */
  points: number;
}

export interface ModelValue {
  /** 0…100, one decimal */
  score: number;
  terms: ModelTermResult[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function termFactors(input: ModelInput, settings: ValueSettings): Record<ModelTerm, number | null> {
  return {
    realized: logFactor(input.realized, settings.realizedScale),
    potential: logFactor(input.potential, settings.potentialScale),
    loyalty: input.loyalty === null ? null : Math.min(1, Math.max(0, input.loyalty)),
    growth: growthFactor(input.growth, settings.growthSpan),
    credit: creditFactor(input.creditGrade),
  };
}

const termWeight = (term: ModelTerm, settings: ValueSettings) => Math.max(0, settings.weights[term]);

/** The weights of the terms known: an unknown term's weight goes to the others. */
function knownWeight(factors: Record<ModelTerm, number | null>, settings: ValueSettings) {
  let sum = 0;
  for (const t of MODEL_TERMS) if (factors[t] !== null) sum += termWeight(t, settings);
  return sum;
}

/** A term's part of the score in points, before rounding. */
const exactPoints = (factor: number | null, weight: number, weightSum: number) =>
  factor === null || weightSum === 0 ? 0 : (weight * factor * 100) / weightSum;

function exactTotal(factors: Record<ModelTerm, number | null>, settings: ValueSettings, weightSum: number) {
  let total = 0;
  for (const t of MODEL_TERMS) total += exactPoints(factors[t], termWeight(t, settings), weightSum);
  return total;
}

/** The model value's score alone, as modelValue gives it: what the value run stores for a million customers. */
export function modelScore(input: ModelInput, settings: ValueSettings): number {
  const factors = termFactors(input, settings);
  return round1(exactTotal(factors, settings, knownWeight(factors, settings)));
}

/** The model value with its terms, for the customer page. */
export function modelValue(input: ModelInput, settings: ValueSettings): ModelValue {
  const factors = termFactors(input, settings);
  const weightSum = knownWeight(factors, settings);
  const terms = MODEL_TERMS.map((term) => {
    const factor = factors[term];
    const weight = termWeight(term, settings);
    return {
      term,
      weight,
      known: factor !== null,
      factor,
      points: round1(exactPoints(factor, weight, weightSum)),
    };
  });
  return { score: round1(exactTotal(factors, settings, weightSum)), terms };
}
