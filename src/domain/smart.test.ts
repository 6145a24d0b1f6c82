import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEED_TAGS, PRODUCTS } from '../shared/codes';
import {
  checkSmartObjective,
  PRODUCT_NEED,
  SMART_LIMITS,
  type SmartContext,
  type SmartLetter,
  type SmartObjectiveInput,
} from './smart';

const LETTERS: SmartLetter[] = ['S', 'M', 'A', 'R', 'T'];

/** A fully valid objective for a corporate customer with a deposit need and a time-deposit plan. */
const objective = (over: Partial<SmartObjectiveInput> = {}): SmartObjectiveInput => ({
  what: '提升客户日均存款',
  needTag: 'deposit',
  product: 'time_deposit',
  metric: '新增日均存款',
  unit: 'yuan',
  target: 5_000_000,
  justification: '客户年末回款集中，有闲置资金',
  dueOn: '2026-06-30',
  ...over,
});

type CustomerOver = Partial<SmartContext['customer']>;
const context = (customer: CustomerOver = {}, over: Partial<SmartContext> = {}): SmartContext => ({
  visitOn: '2026-03-10',
  customer: {
    kind: 'corporate',
    annualRevenue: 80_000_000,
    financialAssets: null,
    needTags: ['deposit'],
    ...customer,
  },
  planProducts: ['time_deposit'],
  ...over,
});

const letter = (l: SmartLetter, o: Partial<SmartObjectiveInput> = {}, c: SmartContext = context()) =>
  checkSmartObjective(objective(o), c).letters[l];

const HAS_CJK = /[\u4e00-\u9fff]/;

describe('constants', () => {
  it('maps every product to the need it serves', () => {
    expect(Object.keys(PRODUCT_NEED).sort()).toEqual([...PRODUCTS.codes].sort());
    for (const need of Object.values(PRODUCT_NEED)) expect(NEED_TAGS.codes).toContain(need);
    expect(PRODUCT_NEED).toMatchObject({
      demand_deposit: 'deposit',
      time_deposit: 'deposit',
      working_capital_loan: 'loan',
      fixed_asset_loan: 'loan',
      mortgage: 'loan',
      fx_settlement: 'fx',
      payroll_agency: 'rmb',
      cash_management: 'rmb',
      wealth_management: 'rmb',
    });
  });
  it('has the limits of the rule', () => {
    expect(SMART_LIMITS).toEqual({ minWhatChars: 4, minJustificationChars: 6, maxDaysAfterVisit: 365 });
  });
});

describe('a fully valid objective', () => {
  const verdict = checkSmartObjective(objective(), context());
  it('passes all five letters', () => {
    expect(verdict.ok).toBe(true);
    for (const l of LETTERS) expect(verdict.letters[l].ok, l).toBe(true);
  });
  it('gives a reason in both languages for every letter, with the numbers', () => {
    for (const l of LETTERS) {
      expect(verdict.letters[l].reason.zh, l).toMatch(HAS_CJK);
      expect(verdict.letters[l].reason.en, l).toMatch(/[A-Za-z]/);
    }
    expect(verdict.letters.A.reason.zh).toContain('5,000,000.00 元');
    expect(verdict.letters.A.reason.zh).toContain('80,000,000.00 元');
    expect(verdict.letters.A.reason.en).toContain('CNY 5,000,000.00');
    expect(verdict.letters.M.reason.zh).toContain('新增日均存款');
    expect(verdict.letters.T.reason.en).toContain('112 days');
  });
});

describe('reasons for failing letters', () => {
  it('exist in both languages for every letter', () => {
    const verdict = checkSmartObjective(
      objective({
        what: '存款',
        metric: ' ',
        unit: null,
        target: null,
        justification: null,
        needTag: 'fx',
        product: 'mortgage',
        dueOn: '2026-02-30',
      }),
      context(),
    );
    expect(verdict.ok).toBe(false);
    for (const l of LETTERS) {
      expect(verdict.letters[l].ok, l).toBe(false);
      expect(verdict.letters[l].reason.zh, l).toMatch(HAS_CJK);
      expect(verdict.letters[l].reason.en, l).toMatch(/[A-Za-z]/);
    }
  });
});

describe('S Specific', () => {
  it('needs 4 code points in the trimmed description (Chinese characters count one each)', () => {
    expect(letter('S', { what: '提升存' }).ok).toBe(false);
    expect(letter('S', { what: '提升存款' }).ok).toBe(true);
    expect(letter('S', { what: '  提升存  ' }).ok).toBe(false);
    expect(letter('S', { what: '𠀀𠀀𠀀' }).ok).toBe(false); // 3 astral code points = 6 UTF-16 units
    expect(letter('S', { what: '提升存' }).reason.zh).toContain('3');
  });
  it('needs a need or a product', () => {
    expect(letter('S', { needTag: null, product: null }).ok).toBe(false);
    expect(letter('S', { needTag: 'deposit', product: null }).ok).toBe(true);
    expect(letter('S', { needTag: null, product: 'time_deposit' }).ok).toBe(true);
    expect(letter('S', { needTag: null, product: 'time_deposit' }).reason.zh).toContain('定期存款');
  });
});

describe('M Measurable', () => {
  it('needs a metric, a unit and a target', () => {
    expect(letter('M', { metric: null }).ok).toBe(false);
    expect(letter('M', { metric: '   ' }).ok).toBe(false);
    expect(letter('M', { unit: null }).ok).toBe(false);
    expect(letter('M', { target: null }).ok).toBe(false);
  });
  it('rejects a target of 0, a negative one and non-finite numbers', () => {
    for (const target of [0, -1, -0.01, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(letter('M', { target }).ok, String(target)).toBe(false);
    }
  });
  it('caps a percentage at 100', () => {
    expect(letter('M', { unit: 'percent', target: 100 }).ok).toBe(true);
    expect(letter('M', { unit: 'percent', target: 12.5 }).ok).toBe(true);
    expect(letter('M', { unit: 'percent', target: 100.01 }).ok).toBe(false);
  });
  it('needs a whole count', () => {
    expect(letter('M', { unit: 'count', target: 3 }).ok).toBe(true);
    expect(letter('M', { unit: 'count', target: 2.5 }).ok).toBe(false);
  });
  it('allows at most 2 decimals of yuan', () => {
    expect(letter('M', { target: 0.01 }).ok).toBe(true);
    expect(letter('M', { target: 1234.56 }).ok).toBe(true);
    expect(letter('M', { target: 0.1 + 0.2 }).ok).toBe(true); // 0.30000000000000004 is 30 fen
    expect(letter('M', { target: 1234.567 }).ok).toBe(false);
    expect(letter('M', { target: 0.001 }).ok).toBe(false);
  });
});

describe('A Achievable', () => {
  const corporate = context({ kind: 'corporate', annualRevenue: 5_000_000, financialAssets: 1 });
  const individual = context({ kind: 'individual', annualRevenue: 1, financialAssets: 5_000_000 });

  it('needs 6 code points of justification', () => {
    expect(letter('A', { justification: '资金充裕稳' }).ok).toBe(false);
    expect(letter('A', { justification: '资金充裕稳定' }).ok).toBe(true);
    expect(letter('A', { justification: ' 资金充裕稳 ' }).ok).toBe(false);
    expect(letter('A', { justification: null }).ok).toBe(false);
  });
  it('compares a corporate target with annual revenue: equal passes, one fen more fails', () => {
    expect(letter('A', { target: 5_000_000 }, corporate).ok).toBe(true);
    const over = letter('A', { target: 5_000_000.01 }, corporate);
    expect(over.ok).toBe(false);
    expect(over.reason.zh).toContain('5,000,000.01 元');
    expect(over.reason.zh).toContain('5,000,000.00 元');
    expect(over.reason.zh).toContain('年营业收入');
    expect(over.reason.en).toContain('CNY 5,000,000.01');
    expect(over.reason.en).toContain('CNY 5,000,000.00');
    expect(over.reason.en).toContain('annual revenue');
  });
  it('compares an individual target with financial assets: equal passes, one fen more fails', () => {
    expect(letter('A', { target: 5_000_000 }, individual).ok).toBe(true);
    const over = letter('A', { target: 5_000_000.01 }, individual);
    expect(over.ok).toBe(false);
    expect(over.reason.zh).toContain('金融资产');
    expect(over.reason.zh).toContain('5,000,000.00 元');
    expect(over.reason.en).toContain('financial assets');
    expect(over.reason.en).toContain('CNY 5,000,000.01');
  });
  it('compares exactly in fen where floats would not', () => {
    const c = context({ annualRevenue: 0.3 });
    expect(letter('A', { target: 0.1 + 0.2 }, c).ok).toBe(true);
  });
  it('passes on the justification alone when the capacity is unknown, and says so', () => {
    const a = letter('A', { target: 9e12 }, context({ annualRevenue: null }));
    expect(a.ok).toBe(true);
    expect(a.reason.zh).toContain('未知');
    expect(a.reason.en).toContain('no figure');
    expect(
      letter('A', { target: 9e12, justification: '资金充裕' }, context({ annualRevenue: null })).ok,
    ).toBe(false);
  });
  it('does not compare counts or percentages with the capacity', () => {
    const c = context({ annualRevenue: 1 });
    expect(letter('A', { unit: 'count', target: 50 }, c).ok).toBe(true);
    expect(letter('A', { unit: 'percent', target: 30 }, c).ok).toBe(true);
  });
  it('fails pointing at the target when the target is not a valid number', () => {
    for (const target of [null, Number.NaN, Number.POSITIVE_INFINITY, 12.345]) {
      const a = letter('A', { target });
      expect(a.ok, String(target)).toBe(false);
      expect(a.reason.zh).toContain('目标值');
      expect(a.reason.en).toContain('target');
    }
  });
});

describe('R Relevant', () => {
  const c = (needTags: SmartContext['customer']['needTags'], planProducts: SmartContext['planProducts']) =>
    context({ needTags }, { planProducts });

  it('passes when the need is one of the customer needs', () => {
    expect(letter('R', { needTag: 'loan', product: null }, c(['loan'], [])).ok).toBe(true);
  });
  it('passes when the product is in the marketing plan', () => {
    expect(letter('R', { needTag: null, product: 'fx_settlement' }, c([], ['fx_settlement'])).ok).toBe(true);
  });
  it('passes when the product serves one of the customer needs', () => {
    const r = letter('R', { needTag: null, product: 'mortgage' }, c(['loan'], []));
    expect(r.ok).toBe(true);
    expect(r.reason.zh).toContain('个人住房贷款');
    expect(r.reason.zh).toContain('贷款类');
  });
  it('passes when a plan product serves the need', () => {
    const r = letter('R', { needTag: 'rmb', product: null }, c([], ['payroll_agency']));
    expect(r.ok).toBe(true);
    expect(r.reason.en).toContain('Payroll agency');
  });
  it('fails when neither a need nor a product is given', () => {
    const r = letter('R', { needTag: null, product: null }, c(['deposit'], ['time_deposit']));
    expect(r.ok).toBe(false);
    expect(r.reason.en).toContain('link it');
  });
  it('fails when nothing links the objective to the customer or the plan, naming the need and product', () => {
    const r = letter('R', { needTag: 'fx', product: 'fx_settlement' }, c(['deposit'], ['time_deposit']));
    expect(r.ok).toBe(false);
    expect(r.reason.zh).toContain('外币业务');
    expect(r.reason.zh).toContain('国际结算');
    expect(r.reason.en).toContain('no need "Foreign currency"');
    expect(r.reason.en).toContain('does not offer "FX settlement"');
    expect(letter('R', { needTag: 'loan', product: null }, c(['deposit'], ['time_deposit'])).ok).toBe(false);
    expect(letter('R', { needTag: null, product: 'mortgage' }, c(['deposit'], ['time_deposit'])).ok).toBe(
      false,
    );
    expect(letter('R', { needTag: 'fx', product: null }, c([], [])).ok).toBe(false);
  });
});

describe('T Time-bound', () => {
  const due = (dueOn: string | null, visitOn = '2026-03-10') =>
    letter('T', { dueOn }, context({}, { visitOn }));

  it('allows the visit day itself', () => {
    expect(due('2026-03-10').ok).toBe(true);
  });
  it('rejects a day before the visit', () => {
    expect(due('2026-03-09').ok).toBe(false);
  });
  it('allows up to 365 days after the visit, not 366', () => {
    expect(due('2027-03-10').ok).toBe(true);
    const late = due('2027-03-11');
    expect(late.ok).toBe(false);
    expect(late.reason.en).toContain('366 days');
  });
  it('counts days, not years, across a leap day', () => {
    expect(due('2028-05-31', '2027-06-01').ok).toBe(true); // +365 (2028-02-29 in between)
    expect(due('2028-06-01', '2027-06-01').ok).toBe(false); // +366
    expect(due('2025-02-28', '2024-02-29').ok).toBe(true); // +365
  });
  it('rejects dates that are not real calendar dates or not YYYY-MM-DD', () => {
    for (const d of ['2026-02-30', '2026-13-01', '2026-04-31', '2026-3-10', '20260310', '', null]) {
      expect(due(d).ok, String(d)).toBe(false);
    }
    expect(due('2026-02-30').reason.zh).toContain('2026-02-30');
    expect(due('2028-02-29', '2028-02-01').ok).toBe(true);
  });
  it('fails with a reason when the visit date itself is invalid', () => {
    const t = due('2026-03-10', 'soon');
    expect(t.ok).toBe(false);
    expect(t.reason.en).toContain('soon');
  });
});

describe('any objective (property)', () => {
  const text = fc.oneof(fc.string(), fc.constantFrom('提升客户日均存款', '  ', 'constructor', '__proto__'));
  const number = fc.oneof(
    fc.double(), // includes NaN and ±Infinity
    fc.integer({ min: -1_000, max: 1_000_000_000 }),
    fc.constantFrom(0, 0.01, 100, 100.01, 5_000_000, Number.NaN, Number.POSITIVE_INFINITY, -0),
  );
  const date = fc.oneof(
    fc.string(),
    fc
      .date({
        min: new Date('2025-01-01T00:00:00Z'),
        max: new Date('2028-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
  );
  const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

  const anyObjective = fc.record({
    what: text,
    needTag: orNull(fc.oneof(fc.constantFrom(...NEED_TAGS.codes), fc.string())),
    product: orNull(fc.oneof(fc.constantFrom(...PRODUCTS.codes), fc.string())),
    metric: orNull(text),
    unit: orNull(fc.oneof(fc.constantFrom('yuan', 'count', 'percent'), fc.string())),
    target: orNull(number),
    justification: orNull(text),
    dueOn: orNull(date),
  }) as unknown as fc.Arbitrary<SmartObjectiveInput>;

  const anyContext = fc.record({
    visitOn: date,
    customer: fc.record({
      kind: fc.constantFrom('corporate', 'individual'),
      annualRevenue: orNull(number),
      financialAssets: orNull(number),
      needTags: fc.subarray([...NEED_TAGS.codes]),
    }),
    planProducts: fc.subarray([...PRODUCTS.codes]),
  }) as fc.Arbitrary<SmartContext>;

  it('never throws, ok is exactly "every letter ok", and every letter has reasons in both languages', () => {
    fc.assert(
      fc.property(anyObjective, anyContext, (o, c) => {
        const verdict = checkSmartObjective(o, c);
        expect(verdict.ok).toBe(LETTERS.every((l) => verdict.letters[l].ok));
        expect(Object.keys(verdict.letters).sort()).toEqual([...LETTERS].sort());
        for (const l of LETTERS) {
          expect(verdict.letters[l].reason.zh.length).toBeGreaterThan(0);
          expect(verdict.letters[l].reason.en.length).toBeGreaterThan(0);
        }
      }),
      { seed: 20_260_310, numRuns: 1_000 },
    );
  });
});
