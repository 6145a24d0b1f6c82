import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_GRADES, ENTERPRISE_SIZES } from '../shared/codes';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, industryMatches } from '../shared/industries';
import {
  COOPERATIONS,
  type Cooperation,
  DEFAULT_PROFILE,
  FIT_CRITERIA,
  type FitCriterion,
  type FitResult,
  fitScore,
  type IdealCustomerProfile,
  type ProspectFacts,
  validateProfile,
} from './ideal-customer';

const AS_OF = '2025-06-30';
const HAS_CJK = /[\u4e00-\u9fff]/;

/** A test profile whose weights sum to 80 (not 100), so every expectation also checks the normalisation. */
const profile = (over: Partial<IdealCustomerProfile> = {}): IdealCustomerProfile => ({
  weights: {
    industry: 16,
    region: 12,
    size: 8,
    revenue: 16,
    yearsInBusiness: 8,
    creditGrade: 12,
    cooperation: 8,
  },
  industries: { target: ['C', 'I65'], restricted: ['B06', 'C31'] },
  serviceArea: ['3101', '3205'],
  sizes: ['medium'],
  revenue: { min: 1_000_000, ideal: 5_000_000 },
  yearsInBusiness: { min: 2, ideal: 10 },
  minCreditGrade: 'BBB',
  cooperation: { none: 0.2, other_banks: 0.7, ours: 1 },
  ...over,
});

/** A corporate prospect; every fact known. */
const facts = (over: Partial<ProspectFacts> = {}): ProspectFacts => ({
  kind: 'corporate',
  industry: 'C39',
  regionCode: '310115',
  size: 'small',
  annualRevenue: 3_000_000,
  establishedOn: '2019-03-01',
  creditGrade: 'BB',
  cooperation: 'other_banks',
  ...over,
});

const term = (result: FitResult, criterion: FitCriterion) => {
  const found = result.terms.find((t) => t.criterion === criterion);
  if (!found) throw new Error(`no term ${criterion}`);
  return found;
};

const factorOf = (criterion: FitCriterion, f: Partial<ProspectFacts>, p = profile(), asOf = AS_OF) =>
  term(fitScore(p, facts(f), asOf), criterion).factor;

describe('constants', () => {
  it('lists the cooperations and criteria', () => {
    expect(COOPERATIONS).toEqual(['none', 'other_banks', 'ours']);
    expect(FIT_CRITERIA).toEqual([
      'industry',
      'region',
      'size',
      'revenue',
      'yearsInBusiness',
      'creditGrade',
      'cooperation',
    ]);
  });

  it('has a valid default profile with the documented weights', () => {
    expect(validateProfile(DEFAULT_PROFILE)).toEqual([]);
    expect(DEFAULT_PROFILE.weights).toEqual({
      industry: 20,
      region: 15,
      size: 10,
      revenue: 20,
      yearsInBusiness: 10,
      creditGrade: 15,
      cooperation: 10,
    });
    expect(DEFAULT_PROFILE.industries.restricted).toContain('B06');
  });
});

describe('fitScore: a full corporate prospect', () => {
  it('gives every criterion its exact factor and points', () => {
    const result = fitScore(profile(), facts(), AS_OF);
    // Σ weights = 16 + 12 + 8 + 16 + 8 + 12 + 8 = 80; points = factor × weight ÷ 80 × 100.
    // industry C39 under target C → 1 × 16 / 80 × 100 = 20
    // region 310115 under 3101 → 1 × 12 / 80 × 100 = 15
    // size small, only medium preferred → 0
    // revenue 3,000,000 between 1,000,000 and 5,000,000 → 0.5 × 16 / 80 × 100 = 10
    // years: 2019-03-01 → 2025-06-30 = 6 full years, (6 − 2) / (10 − 2) = 0.5 → 0.5 × 8 / 80 × 100 = 5
    // credit BB, one below BBB → 0.5 × 12 / 80 × 100 = 7.5
    // cooperation other banks → 0.7 × 8 / 80 × 100 = 7
    const expected: [FitCriterion, number, number, number][] = [
      ['industry', 16, 1, 20],
      ['region', 12, 1, 15],
      ['size', 8, 0, 0],
      ['revenue', 16, 0.5, 10],
      ['yearsInBusiness', 8, 0.5, 5],
      ['creditGrade', 12, 0.5, 7.5],
      ['cooperation', 8, 0.7, 7],
    ];
    expect(result.terms.map((t) => [t.criterion, t.weight, t.factor, t.points])).toEqual(expected);
    expect(result.score).toBe(64.5);
    expect(result.restricted).toBe(false);
    expect(result.missing).toEqual([]);
    for (const t of result.terms) {
      expect(t.known).toBe(true);
      expect(t.reason.zh).toMatch(HAS_CJK);
      expect(t.reason.en).not.toMatch(HAS_CJK);
    }
  });

  it('names the numbers in both languages', () => {
    const result = fitScore(profile(), facts(), AS_OF);
    expect(term(result, 'revenue').reason.zh).toContain(
      '年营业收入 3,000,000.00 元，介于最低 1,000,000.00 元与理想 5,000,000.00 元之间',
    );
    expect(term(result, 'revenue').reason.en).toContain(
      'Annual revenue CNY 3,000,000.00, between the minimum CNY 1,000,000.00 and the ideal CNY 5,000,000.00',
    );
    expect(term(result, 'yearsInBusiness').reason.zh).toContain('6 年');
    expect(term(result, 'yearsInBusiness').reason.en).toContain('6 years');
    expect(term(result, 'creditGrade').reason.zh).toContain('BBB');
    expect(term(result, 'creditGrade').reason.en).toContain('one grade below the minimum BBB');
    expect(term(result, 'region').reason.en).toContain('3101');
    expect(term(result, 'industry').reason.zh).toContain('C39');
    expect(term(result, 'cooperation').reason.en).toContain('0.7');
  });

  it('makes the score the rounded exact sum, not the sum of rounded points', () => {
    // Three equal weights: each term is 33.333…, shown 33.3; the score is 100, not 99.9.
    const p = profile({
      weights: {
        industry: 0,
        region: 1,
        size: 0,
        revenue: 1,
        yearsInBusiness: 0,
        creditGrade: 1,
        cooperation: 0,
      },
    });
    const result = fitScore(p, facts({ annualRevenue: 5_000_000, creditGrade: 'A' }), AS_OF);
    expect(term(result, 'region').points).toBe(33.3);
    expect(term(result, 'revenue').points).toBe(33.3);
    expect(term(result, 'creditGrade').points).toBe(33.3);
    expect(result.score).toBe(100);
  });
});

describe('fitScore: revenue', () => {
  it('scores 0 at exactly the minimum, 1 at exactly the ideal, 0.5 midway', () => {
    expect(factorOf('revenue', { annualRevenue: 1_000_000 })).toBe(0);
    expect(factorOf('revenue', { annualRevenue: 5_000_000 })).toBe(1);
    expect(factorOf('revenue', { annualRevenue: 3_000_000 })).toBe(0.5);
  });

  it('scores 0 below the minimum and 1 above the ideal', () => {
    expect(factorOf('revenue', { annualRevenue: 999_999.99 })).toBe(0);
    expect(factorOf('revenue', { annualRevenue: 0 })).toBe(0);
    expect(factorOf('revenue', { annualRevenue: 80_000_000 })).toBe(1);
  });

  it('with min = ideal is a step at that figure', () => {
    const p = profile({ revenue: { min: 2_000_000, ideal: 2_000_000 } });
    expect(factorOf('revenue', { annualRevenue: 2_000_000 }, p)).toBe(1);
    expect(factorOf('revenue', { annualRevenue: 1_999_999.99 }, p)).toBe(0);
  });

  it('explains below the minimum, exactly the minimum and at the ideal', () => {
    const low = term(fitScore(profile(), facts({ annualRevenue: 500_000 }), AS_OF), 'revenue').reason;
    expect(low.zh).toContain('低于最低 1,000,000.00 元');
    expect(low.en).toContain('below the minimum CNY 1,000,000.00');
    const atMin = term(fitScore(profile(), facts({ annualRevenue: 1_000_000 }), AS_OF), 'revenue').reason;
    expect(atMin.zh).toContain('恰为最低 1,000,000.00 元');
    expect(atMin.en).toContain('exactly the minimum CNY 1,000,000.00');
    const high = term(fitScore(profile(), facts({ annualRevenue: 5_000_000 }), AS_OF), 'revenue').reason;
    expect(high.zh).toContain('达到理想 5,000,000.00 元');
    expect(high.en).toContain('at or above the ideal CNY 5,000,000.00');
  });
});

describe('fitScore: years in business', () => {
  // min 2, ideal 10: 10 full years → 1, 9 full years → (9 − 2) / 8 = 0.875.
  it('counts the year when the anniversary was the day before asOf', () => {
    expect(factorOf('yearsInBusiness', { establishedOn: '2015-06-29' })).toBe(1);
  });

  it('counts the year when the anniversary is asOf itself', () => {
    expect(factorOf('yearsInBusiness', { establishedOn: '2015-06-30' })).toBe(1);
  });

  it('does not count the year when the anniversary is the day after asOf', () => {
    expect(factorOf('yearsInBusiness', { establishedOn: '2015-07-01' })).toBe(0.875);
  });

  it('uses calendar arithmetic across year ends and leap days', () => {
    // 8 full years: (8 − 2) / 8 = 0.75; 9 full years: 0.875
    expect(factorOf('yearsInBusiness', { establishedOn: '2015-12-31' }, profile(), '2024-12-30')).toBe(0.75);
    expect(factorOf('yearsInBusiness', { establishedOn: '2015-12-31' }, profile(), '2024-12-31')).toBe(0.875);
    // a 29 February founding has its anniversary on 1 March in common years:
    // 2 full years on 2023-02-28 → 0 (at the minimum), 3 on 2023-03-01 → (3 − 2) / 8 = 0.125
    expect(factorOf('yearsInBusiness', { establishedOn: '2020-02-29' }, profile(), '2023-02-28')).toBe(0);
    expect(factorOf('yearsInBusiness', { establishedOn: '2020-02-29' }, profile(), '2023-03-01')).toBe(0.125);
  });

  it('treats an invalid or future founding date as unknown', () => {
    for (const establishedOn of ['2025-02-30', '2025/01/01', '2025-07-01']) {
      const result = fitScore(profile(), facts({ establishedOn }), AS_OF);
      expect(term(result, 'yearsInBusiness')).toMatchObject({ factor: 0, known: false, points: 0 });
      expect(result.missing).toEqual(['yearsInBusiness']);
    }
  });
});

describe('fitScore: credit grade', () => {
  it('scores 1 at exactly the minimum, 0.5 one below, 0 two below', () => {
    expect(factorOf('creditGrade', { creditGrade: 'BBB' })).toBe(1);
    expect(factorOf('creditGrade', { creditGrade: 'BB' })).toBe(0.5);
    expect(factorOf('creditGrade', { creditGrade: 'B' })).toBe(0);
  });

  it('scores 1 for any better grade and 0 for the worst', () => {
    expect(factorOf('creditGrade', { creditGrade: 'AAA' })).toBe(1);
    expect(factorOf('creditGrade', { creditGrade: 'A' })).toBe(1);
    expect(factorOf('creditGrade', { creditGrade: 'D' })).toBe(0);
  });

  it('says how many grades below', () => {
    const reason = term(fitScore(profile(), facts({ creditGrade: 'CCC' }), AS_OF), 'creditGrade').reason;
    expect(reason.en).toContain('3 grades below the minimum BBB');
    expect(reason.zh).toContain('低于最低要求 BBB 3 级');
  });
});

describe('fitScore: industry', () => {
  it('lets a section letter cover its divisions', () => {
    expect(factorOf('industry', { industry: 'C39' })).toBe(1);
    expect(factorOf('industry', { industry: 'C' })).toBe(1);
    const p = profile({ industries: { target: ['I'], restricted: [] } });
    expect(factorOf('industry', { industry: 'I64' }, p)).toBe(1);
    expect(factorOf('industry', { industry: 'C39' }, p)).toBe(0.5);
  });

  it('matches a division only to itself and compares upper-cased', () => {
    expect(factorOf('industry', { industry: 'I65' })).toBe(1);
    expect(factorOf('industry', { industry: 'I64' })).toBe(0.5);
    expect(factorOf('industry', { industry: 'i65' })).toBe(1);
    const lower = profile({ industries: { target: ['c'], restricted: [] } });
    expect(factorOf('industry', { industry: 'c39' }, lower)).toBe(1);
  });

  it('scores 0.5 for an industry neither targeted nor restricted', () => {
    const result = fitScore(profile(), facts({ industry: 'F52' }), AS_OF);
    expect(term(result, 'industry')).toMatchObject({ factor: 0.5, points: 10, known: true });
    expect(result.restricted).toBe(false);
  });

  it('sets restricted and scores 0 for a restricted division, the terms still explaining their factors', () => {
    const result = fitScore(profile(), facts({ industry: 'C31' }), AS_OF);
    expect(result.restricted).toBe(true);
    expect(result.score).toBe(0);
    expect(result.terms.map((t) => t.points)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(result.terms.map((t) => t.factor)).toEqual([0, 1, 0, 0.5, 0.5, 0.5, 0.7]);
    expect(term(result, 'industry').reason.en).toContain('restricted');
    expect(term(result, 'industry').reason.zh).toContain('限制');
  });

  it('lets a restricted division win over a target section', () => {
    // target C, restricted C31: a C31 prospect is restricted, a C39 one targeted.
    expect(fitScore(profile(), facts({ industry: 'C31' }), AS_OF).restricted).toBe(true);
    expect(fitScore(profile(), facts({ industry: 'C39' }), AS_OF).restricted).toBe(false);
  });

  it('restricts every division of a restricted section', () => {
    const p = profile({ industries: { target: [], restricted: ['B'] } });
    expect(fitScore(p, facts({ industry: 'B07' }), AS_OF)).toMatchObject({ restricted: true, score: 0 });
  });

  it('treats a code that is not GB/T 4754 as unknown', () => {
    const result = fitScore(profile(), facts({ industry: 'C05' }), AS_OF);
    expect(term(result, 'industry')).toMatchObject({ factor: 0, known: false });
    expect(result.missing).toEqual(['industry']);
  });
});

describe('fitScore: region, size and cooperation', () => {
  it('scores a region by its service-area prefix', () => {
    expect(factorOf('region', { regionCode: '310115' })).toBe(1);
    expect(factorOf('region', { regionCode: '320505' })).toBe(1);
    expect(factorOf('region', { regionCode: '110101' })).toBe(0);
    expect(factorOf('region', { regionCode: '31' })).toBe(0);
  });

  it('scores a size in the preferred sizes 1, else 0', () => {
    expect(factorOf('size', { size: 'medium' })).toBe(1);
    expect(factorOf('size', { size: 'large' })).toBe(0);
  });

  it("uses the profile's factor for the cooperation", () => {
    expect(factorOf('cooperation', { cooperation: 'none' })).toBe(0.2);
    expect(factorOf('cooperation', { cooperation: 'other_banks' })).toBe(0.7);
    expect(factorOf('cooperation', { cooperation: 'ours' })).toBe(1);
  });
});

describe('fitScore: unknown facts', () => {
  it('gives factor 0, known false and lists the criterion as missing', () => {
    const result = fitScore(
      profile(),
      facts({
        industry: null,
        regionCode: null,
        size: null,
        annualRevenue: null,
        establishedOn: null,
        creditGrade: null,
        cooperation: null,
      }),
      AS_OF,
    );
    expect(result.missing).toEqual([...FIT_CRITERIA]);
    expect(result.score).toBe(0);
    expect(result.restricted).toBe(false);
    for (const t of result.terms) {
      expect(t).toMatchObject({ factor: 0, points: 0, known: false });
      expect(t.reason.zh).toContain('未知');
      expect(t.reason.en).toContain('unknown');
    }
  });

  it('keeps the known criteria scoring', () => {
    // credit and cooperation unknown: 20 + 15 + 0 + 10 + 5 = 50
    const result = fitScore(profile(), facts({ creditGrade: null, cooperation: null }), AS_OF);
    expect(result.missing).toEqual(['creditGrade', 'cooperation']);
    expect(result.score).toBe(50);
  });

  it('treats blank strings and unknown codes as unknown', () => {
    const result = fitScore(profile(), facts({ regionCode: '  ', size: 'huge', creditGrade: 'E' }), AS_OF);
    expect(result.missing).toEqual(['region', 'size', 'creditGrade']);
  });
});

describe('fitScore: individuals', () => {
  it('leaves out industry, size and years and re-normalises over region, revenue, credit and cooperation', () => {
    const individual = facts({
      kind: 'individual',
      industry: null,
      size: null,
      establishedOn: null,
      regionCode: '440305',
      annualRevenue: 5_000_000,
      creditGrade: 'AA',
      cooperation: 'other_banks',
    });
    const result = fitScore(DEFAULT_PROFILE, individual, AS_OF);
    // Applicable weights: region 15 + revenue 20 + credit 15 + cooperation 10 = 60.
    // region 440305 outside 3101/3205 → 0
    // financial assets 5,000,000, exactly the minimum (ideal 50,000,000) → 0
    // credit AA ≥ BBB → 1 × 15 / 60 × 100 = 25
    // cooperation other banks 0.7 × 10 / 60 × 100 = 11.666… → 11.7
    expect(result.terms.map((t) => [t.criterion, t.factor, t.points])).toEqual([
      ['region', 0, 0],
      ['revenue', 0, 0],
      ['creditGrade', 1, 25],
      ['cooperation', 0.7, 11.7],
    ]);
    expect(result.score).toBe(36.7);
    expect(result.missing).toEqual([]);
    expect(term(result, 'revenue').reason.zh).toContain('金融资产');
    expect(term(result, 'revenue').reason.en).toContain('Financial assets');
  });

  it('scores 100 for an individual meeting every applicable criterion, whatever the corporate facts', () => {
    const result = fitScore(
      profile(),
      facts({
        kind: 'individual',
        industry: 'C31',
        size: null,
        establishedOn: null,
        annualRevenue: 9_000_000,
        creditGrade: 'AAA',
        cooperation: 'ours',
      }),
      AS_OF,
    );
    // Applicable weights 12 + 16 + 12 + 8 = 48: 25 + 33.3 + 25 + 16.7 (rounded), exact sum 100.
    expect(result.terms.map((t) => t.points)).toEqual([25, 33.3, 25, 16.7]);
    expect(result.score).toBe(100);
    expect(result.restricted).toBe(false);
    expect(result.missing).toEqual([]);
  });
});

describe('validateProfile', () => {
  const paths = (p: IdealCustomerProfile) => validateProfile(p).map((e) => e.path);

  it('accepts a valid profile', () => {
    expect(validateProfile(profile())).toEqual([]);
  });

  it('rejects a negative or non-numeric weight', () => {
    const p = profile();
    expect(paths({ ...p, weights: { ...p.weights, region: -1 } })).toEqual(['weights.region']);
    expect(paths({ ...p, weights: { ...p.weights, size: Number.NaN } })).toEqual(['weights.size']);
  });

  it('rejects all weights 0', () => {
    const zero = Object.fromEntries(FIT_CRITERIA.map((c) => [c, 0])) as Record<FitCriterion, number>;
    expect(paths(profile({ weights: zero }))).toEqual(['weights']);
  });

  it('rejects min above ideal', () => {
    expect(paths(profile({ revenue: { min: 6_000_000, ideal: 5_000_000 } }))).toEqual(['revenue.min']);
    expect(paths(profile({ yearsInBusiness: { min: 5, ideal: 3 } }))).toEqual(['yearsInBusiness.min']);
    expect(paths(profile({ revenue: { min: 5_000_000, ideal: 5_000_000 } }))).toEqual([]);
  });

  it('rejects cooperation factors outside 0..1', () => {
    expect(paths(profile({ cooperation: { none: -0.1, other_banks: 0.5, ours: 1.5 } }))).toEqual([
      'cooperation.none',
      'cooperation.ours',
    ]);
  });

  it('rejects codes that are not GB/T 4754', () => {
    expect(paths(profile({ industries: { target: ['C', 'Z'], restricted: ['B06', 'C31', 'C05'] } }))).toEqual(
      ['industries.target.1', 'industries.restricted.2'],
    );
  });

  it('rejects a code both target and restricted, or a target covered by a restricted section', () => {
    expect(paths(profile({ industries: { target: ['C31'], restricted: ['C31'] } }))).toEqual([
      'industries.target.0',
    ]);
    expect(paths(profile({ industries: { target: ['F', 'B07'], restricted: ['B'] } }))).toEqual([
      'industries.target.1',
    ]);
  });

  it('rejects an unknown minimum credit grade', () => {
    expect(paths(profile({ minCreditGrade: 'AAAA' }))).toEqual(['minCreditGrade']);
  });

  it('rejects unknown sizes', () => {
    expect(paths(profile({ sizes: ['medium', 'huge'] }))).toEqual(['sizes.1']);
  });

  it('rejects service-area prefixes that are not digits only', () => {
    expect(paths(profile({ serviceArea: ['3101', '31-01', ''] }))).toEqual([
      'serviceArea.1',
      'serviceArea.2',
    ]);
  });

  it('reports every problem at once, each with a message', () => {
    const problems = validateProfile(
      profile({ minCreditGrade: 'X', sizes: ['tiny'], serviceArea: ['abc'], revenue: { min: 2, ideal: 1 } }),
    );
    expect(problems.map((p) => p.path).sort()).toEqual([
      'minCreditGrade',
      'revenue.min',
      'serviceArea.0',
      'sizes.0',
    ]);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const INDUSTRY_CODES = [
  ...INDUSTRY_SECTIONS.map((s) => s.code),
  ...INDUSTRY_DIVISIONS.map((d) => `${d.section}${d.code}`),
];

const rangeArb = (max: number) =>
  fc
    .tuple(fc.double({ min: 0, max, noNaN: true }), fc.double({ min: 0, max, noNaN: true }))
    .map(([a, b]) => ({ min: Math.min(a, b), ideal: Math.max(a, b) }));

const factorArb = fc.double({ min: 0, max: 1, noNaN: true });

/** Valid profiles; cooperation factors increase none ≤ other banks ≤ ours. */
const profileArb: fc.Arbitrary<IdealCustomerProfile> = fc
  .record({
    weights: fc
      .record(
        Object.fromEntries(FIT_CRITERIA.map((c) => [c, fc.integer({ min: 0, max: 50 })])) as Record<
          FitCriterion,
          fc.Arbitrary<number>
        >,
      )
      .filter((w) => Object.values(w).some((v) => v > 0)),
    target: fc.uniqueArray(fc.constantFrom(...INDUSTRY_CODES), { maxLength: 6 }),
    restricted: fc.uniqueArray(fc.constantFrom(...INDUSTRY_CODES), { maxLength: 4 }),
    serviceArea: fc.array(fc.stringMatching(/^\d{2,4}$/), { maxLength: 3 }),
    sizes: fc.subarray([...ENTERPRISE_SIZES.codes]),
    revenue: rangeArb(1e9),
    yearsInBusiness: rangeArb(30),
    minCreditGrade: fc.constantFrom(...CREDIT_GRADES.codes),
    cooperation: fc
      .tuple(factorArb, factorArb, factorArb)
      .map((fs) => fs.sort((a, b) => a - b))
      .map(([none, other_banks, ours]) => ({ none, other_banks, ours })),
  })
  .map(({ target, restricted, ...rest }) => ({
    ...rest,
    industries: { target: target.filter((t) => !restricted.some((r) => industryMatches(r, t))), restricted },
  }));

const dateArb = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const factsArb: fc.Arbitrary<ProspectFacts> = fc.record({
  kind: fc.constantFrom('corporate' as const, 'individual' as const),
  industry: fc.option(fc.constantFrom(...INDUSTRY_CODES)),
  regionCode: fc.option(fc.stringMatching(/^\d{6}$/)),
  size: fc.option(fc.constantFrom(...ENTERPRISE_SIZES.codes)),
  annualRevenue: fc.option(fc.double({ min: 0, max: 2e9, noNaN: true })),
  establishedOn: fc.option(dateArb),
  creditGrade: fc.option(fc.constantFrom(...CREDIT_GRADES.codes)),
  cooperation: fc.option(fc.constantFrom(...COOPERATIONS)),
});

describe('properties', () => {
  it('keeps the score in 0..100 and every factor in 0..1, for any valid profile and facts', () => {
    fc.assert(
      fc.property(profileArb, factsArb, dateArb, (p, f, asOf) => {
        expect(validateProfile(p)).toEqual([]);
        const result = fitScore(p, f, asOf);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(Math.round(result.score * 10) / 10).toBe(result.score);
        for (const t of result.terms) {
          expect(t.factor).toBeGreaterThanOrEqual(0);
          expect(t.factor).toBeLessThanOrEqual(1);
          expect(t.points).toBeGreaterThanOrEqual(0);
        }
        const pointSum = result.terms.reduce((s, t) => s + t.points, 0);
        expect(Math.abs(pointSum - result.score)).toBeLessThanOrEqual(0.05 * result.terms.length + 1e-9);
        expect(result.missing).toEqual(result.terms.filter((t) => !t.known).map((t) => t.criterion));
        if (result.restricted) expect(result.score).toBe(0);
      }),
    );
  });

  it('never lowers the score when the cooperation moves up (factors increasing)', () => {
    const order: Cooperation[] = ['none', 'other_banks', 'ours'];
    fc.assert(
      fc.property(profileArb, factsArb, dateArb, (p, f, asOf) => {
        const scores = order.map((cooperation) => fitScore(p, { ...f, cooperation }, asOf).score);
        expect(scores[1]!).toBeGreaterThanOrEqual(scores[0]!);
        expect(scores[2]!).toBeGreaterThanOrEqual(scores[1]!);
      }),
    );
  });

  it('never lowers the score when the revenue or the credit grade rises', () => {
    fc.assert(
      fc.property(
        profileArb,
        factsArb,
        dateArb,
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: CREDIT_GRADES.codes.length - 1 }),
        (p, f, asOf, extra, up) => {
          const base = fitScore(p, f, asOf).score;
          if (f.annualRevenue !== null) {
            expect(
              fitScore(p, { ...f, annualRevenue: f.annualRevenue + extra }, asOf).score,
            ).toBeGreaterThanOrEqual(base);
          }
          if (f.creditGrade !== null) {
            const rank = CREDIT_GRADES.codes.indexOf(f.creditGrade as (typeof CREDIT_GRADES.codes)[number]);
            const better = CREDIT_GRADES.codes[Math.max(0, rank - up)]!;
            expect(fitScore(p, { ...f, creditGrade: better }, asOf).score).toBeGreaterThanOrEqual(base);
          }
        },
      ),
    );
  });
});
