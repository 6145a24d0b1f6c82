import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRODUCTS } from '../shared/codes';
import {
  changeOf,
  DEFAULT_LIFECYCLE_SETTINGS,
  inferLifecycle,
  type LifecycleAccount,
  type LifecycleSettings,
  type LifecycleTotals,
  openAt,
} from './lifecycle';

const acc = (product: string, openedOn: string, closedOn: string | null = null): LifecycleAccount => ({
  product,
  openedOn,
  closedOn,
});

/** Balances of 3 months summed, flat; no contribution. */
const FLAT: LifecycleTotals = {
  recentBalance: 300_000,
  beforeBalance: 300_000,
  recentContribution: 0,
  beforeContribution: 0,
};
const balance = (before: number, recent: number): LifecycleTotals => ({
  ...FLAT,
  beforeBalance: before,
  recentBalance: recent,
});
const contribution = (before: number, recent: number): LifecycleTotals => ({
  ...FLAT,
  beforeContribution: before,
  recentContribution: recent,
});

const infer = (
  month: string,
  accounts: LifecycleAccount[],
  totals: LifecycleTotals = FLAT,
  exitCompleted?: boolean,
  settings: LifecycleSettings = DEFAULT_LIFECYCLE_SETTINGS,
) => inferLifecycle({ month, accounts, totals, exitCompleted }, settings);

/** An established customer: a deposit opened years before June 2025. */
const OLD = acc('demand_deposit', '2019-04-10');
const M = '2025-06';

describe('lifecycle: termination and potential', () => {
  it('is potential with no account, or only accounts opened after the month', () => {
    expect(infer(M, []).stage).toBe('potential');
    const later = infer(M, [acc('demand_deposit', '2025-07-01')]);
    expect(later.stage).toBe('potential');
    expect(later.evidence).toMatchObject({ rule: 'no_product', accountsHeld: 0, accountsOpen: 0 });
    // opened on the last day of the month: held
    expect(infer(M, [acc('demand_deposit', '2025-06-30')]).stage).toBe('development');
  });

  it('is termination when every account is closed by the end of the month', () => {
    const closedAtEnd = infer(M, [acc('demand_deposit', '2019-04-10', '2025-06-30')]);
    expect(closedAtEnd.stage).toBe('termination');
    expect(closedAtEnd.evidence).toMatchObject({ rule: 'all_closed', accountsHeld: 1, accountsOpen: 0 });
    expect(
      infer(M, [
        acc('demand_deposit', '2019-04-10', '2024-01-05'),
        acc('mortgage', '2020-01-01', '2025-06-02'),
      ]).stage,
    ).toBe('termination');
  });

  it('is not termination when an account closes after the month end', () => {
    const r = infer(M, [acc('demand_deposit', '2019-04-10', '2025-07-01')]);
    expect(r.stage).toBe('maturity');
    expect(r.evidence.accountsOpen).toBe(1);
    // one closed, one still open: not termination
    expect(infer(M, [acc('time_deposit', '2019-01-01', '2025-06-15'), OLD]).stage).not.toBe('termination');
  });

  it('is termination when a whole exit was completed, even with accounts open', () => {
    const r = infer(M, [OLD], balance(100, 1_000), true);
    expect(r.stage).toBe('termination');
    expect(r.evidence.rule).toBe('exit');
    expect(infer(M, [], FLAT, true).stage).toBe('termination');
  });
});

describe('lifecycle: development', () => {
  it('is development while the first account is fewer than 6 months old (opened M−5…M)', () => {
    const five = infer(M, [acc('demand_deposit', '2025-01-01')]);
    expect(five.stage).toBe('development');
    expect(five.evidence).toMatchObject({
      rule: 'first_product',
      firstOpened: '2025-01-01',
      monthsSinceFirst: 5,
    });
    expect(infer(M, [acc('demand_deposit', '2025-06-01')]).evidence.monthsSinceFirst).toBe(0);
  });

  it('leaves development at exactly 6 months, whatever the day of the month', () => {
    for (const openedOn of ['2024-12-01', '2024-12-31']) {
      const r = infer(M, [acc('demand_deposit', openedOn)]);
      expect(r.stage, openedOn).toBe('maturity');
      expect(r.evidence.monthsSinceFirst).toBe(6);
    }
    expect(infer('2025-05', [acc('demand_deposit', '2024-12-31')]).stage).toBe('development');
  });

  it('counts from the first account ever, closed ones included', () => {
    const r = infer(M, [
      acc('demand_deposit', '2020-03-01', '2024-01-01'),
      acc('time_deposit', '2025-05-20'),
    ]);
    expect(r.stage).not.toBe('development');
    expect(r.evidence.firstOpened).toBe('2020-03-01');
  });

  it('follows the configured number of months', () => {
    const twelve = { ...DEFAULT_LIFECYCLE_SETTINGS, developmentMonths: 12 };
    expect(infer(M, [acc('demand_deposit', '2024-07-15')], FLAT, false, twelve).stage).toBe('development');
    expect(infer(M, [acc('demand_deposit', '2024-06-15')], FLAT, false, twelve).stage).toBe('maturity');
  });
});

describe('lifecycle: growth, maturity, decline', () => {
  it('shows the change to a millionth and decides on the exact sums', () => {
    // +9.99999999…%: shown as 10%, still one fen short of growth
    const short = infer(M, [OLD], balance(3_000_000_000, 3_299_999_999));
    expect(short.evidence.change).toBe(0.1);
    expect(short.stage).toBe('maturity');
    expect(infer(M, [OLD], balance(3_000_000_000, 3_300_000_000)).stage).toBe('growth');
    expect(infer(M, [OLD], balance(3_000_000, 3_123_457)).evidence.change).toBe(0.041152);
  });

  it('is growth at exactly +10% and maturity one fen below', () => {
    const r = infer(M, [OLD], balance(1_000_000, 1_100_000));
    expect(r.stage).toBe('growth');
    expect(r.evidence).toMatchObject({
      rule: 'trend',
      measure: 'balance',
      recent: 1_100_000,
      before: 1_000_000,
    });
    expect(r.evidence.change).toBeCloseTo(0.1, 12);
    expect(infer(M, [OLD], balance(1_000_000, 1_099_999)).stage).toBe('maturity');
  });

  it('is decline at exactly −10% and maturity one fen above', () => {
    expect(infer(M, [OLD], balance(1_000_000, 900_000)).stage).toBe('decline');
    expect(infer(M, [OLD], balance(1_000_000, 900_001)).stage).toBe('maturity');
    // small sums: 30 against 33 is −9.09%, maturity; 27 against 30 is −10% exactly, decline
    expect(infer(M, [OLD], balance(33, 30)).stage).toBe('maturity');
    expect(infer(M, [OLD], balance(30, 27)).stage).toBe('decline');
  });

  it('holds +10% and −10% exactly with balances around 1e12 fen', () => {
    // 3,596,121,720,540 × 1.1 in binary is above 3,955,733,892,594, the exact +10%
    const before = 3_596_121_720_540;
    expect(infer(M, [OLD], balance(before, 3_955_733_892_594)).stage).toBe('growth');
    expect(infer(M, [OLD], balance(before, 3_955_733_892_593)).stage).toBe('maturity');
    // −10%: recent ÷ before − 1 is −0.0999…98 in binary
    expect(infer(M, [OLD], balance(before, 3_236_509_548_486)).stage).toBe('decline');
    expect(infer(M, [OLD], balance(before, 3_236_509_548_487)).stage).toBe('maturity');
    expect(infer(M, [OLD], balance(1e12, 1.1e12)).stage).toBe('growth');
    expect(infer(M, [OLD], balance(1e12, 0.9e12)).stage).toBe('decline');
    expect(infer(M, [OLD], balance(1e12, 0.9e12 + 1)).stage).toBe('maturity');
  });

  it('is growth on a rise from nothing, maturity when nothing on both sides', () => {
    const r = infer(M, [OLD], balance(0, 1));
    expect(r.stage).toBe('growth');
    expect(r.evidence.change).toBeNull();
    const zero = infer(M, [OLD], balance(0, 0));
    expect(zero.stage).toBe('maturity');
    expect(zero.evidence.change).toBeNull();
  });

  it('compares the contribution, not the balance, when every open account is a loan', () => {
    const loans = [acc('working_capital_loan', '2019-01-01'), acc('mortgage', '2020-01-01')];
    const flatContribution = { ...contribution(50_000, 50_000), beforeBalance: 100, recentBalance: 1_000 };
    const r = infer(M, loans, flatContribution);
    expect(r.stage).toBe('maturity');
    expect(r.evidence.measure).toBe('contribution');
    expect(infer(M, loans, contribution(50_000, 55_000)).stage).toBe('growth');
    expect(infer(M, loans, contribution(50_000, 54_999)).stage).toBe('maturity');
    expect(infer(M, loans, contribution(50_000, 45_000)).stage).toBe('decline');
    // a closed deposit does not count: the open accounts are all loans
    const closedDeposit = [...loans, acc('demand_deposit', '2019-01-01', '2021-01-01')];
    expect(infer(M, closedDeposit, contribution(50_000, 55_000)).evidence.measure).toBe('contribution');
    // an open deposit beside a loan: balance
    const mixed = infer(M, [...loans, OLD], { ...contribution(50_000, 55_000) });
    expect(mixed.evidence.measure).toBe('balance');
    expect(mixed.stage).toBe('maturity');
  });

  it('measures a change against the size of a negative contribution', () => {
    const loan = [acc('fixed_asset_loan', '2019-01-01')];
    expect(infer(M, loan, contribution(-1_000, -1_100)).stage).toBe('decline');
    expect(infer(M, loan, contribution(-1_000, -900)).stage).toBe('growth');
    expect(infer(M, loan, contribution(-1_000, -950)).stage).toBe('maturity');
    expect(changeOf(-900, -1_000)).toBeCloseTo(0.1, 12);
  });

  it('is decline when fewer accounts are open than at the end of M−3, even with a flat balance', () => {
    // two accounts open at the end of March, one closed in May
    const accounts = [OLD, acc('time_deposit', '2020-01-01', '2025-05-10')];
    const r = infer(M, accounts);
    expect(r.stage).toBe('decline');
    expect(r.evidence).toMatchObject({ openBefore: 2, accountsOpen: 1 });
    // closed in March already (M−3): as many open now as then
    expect(infer(M, [OLD, acc('time_deposit', '2020-01-01', '2025-03-31')]).stage).toBe('maturity');
    // closed on 1 April: still open at the end of M−3
    expect(infer(M, [OLD, acc('time_deposit', '2020-01-01', '2025-04-01')]).stage).toBe('decline');
  });

  it('is not decline when one account was replaced by another since M−3', () => {
    const accounts = [
      OLD,
      acc('time_deposit', '2020-01-01', '2025-05-10'),
      acc('time_deposit', '2025-05-10'),
    ];
    expect(infer(M, accounts).stage).toBe('maturity');
  });

  it('tries growth before decline: +10% with fewer accounts open is growth', () => {
    const accounts = [OLD, acc('time_deposit', '2020-01-01', '2025-05-10')];
    expect(infer(M, accounts, balance(1_000_000, 1_100_000)).stage).toBe('growth');
  });

  it('follows configured thresholds', () => {
    const s = { developmentMonths: 6, growthThreshold: 0.2, declineThreshold: 0.05 };
    expect(infer(M, [OLD], balance(1_000, 1_199), false, s).stage).toBe('maturity');
    expect(infer(M, [OLD], balance(1_000, 1_200), false, s).stage).toBe('growth');
    expect(infer(M, [OLD], balance(1_000, 950), false, s).stage).toBe('decline');
    expect(infer(M, [OLD], balance(1_000, 951), false, s).stage).toBe('maturity');
  });

  it('holds configured thresholds exactly where threshold × before is off in binary', () => {
    // 55% of 742,296,530,900 is 408,263,091,995 exactly; 0.55 × 742,296,530,900 in binary is above it
    const s = { developmentMonths: 6, growthThreshold: 0.55, declineThreshold: 0.55 };
    const before = 742_296_530_900;
    expect(infer(M, [OLD], balance(before, before + 408_263_091_995), false, s).stage).toBe('growth');
    expect(infer(M, [OLD], balance(before, before + 408_263_091_994), false, s).stage).toBe('maturity');
    expect(infer(M, [OLD], balance(before, before - 408_263_091_995), false, s).stage).toBe('decline');
    expect(infer(M, [OLD], balance(before, before - 408_263_091_994), false, s).stage).toBe('maturity');
  });

  it('decides at the least rise that reaches the threshold, on both sides of 2^53 where doubles stop being exact', () => {
    // The products compared (rise × 10,000 and basis points × before) pass 2^53 for befores above ~1e12.
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 1e15 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: -2, max: 2 }),
        (before, bp, off) => {
          const s = { developmentMonths: 6, growthThreshold: bp / 10_000, declineThreshold: 1 };
          const least = (BigInt(bp) * BigInt(before) + 9_999n) / 10_000n;
          const rise = Number(least) + off;
          const stage = infer(M, [OLD], balance(before, before + rise), false, s).stage;
          expect(stage).toBe(rise > 0 && off >= 0 ? 'growth' : 'maturity');
        },
      ),
    );
  });
});

describe('openAt', () => {
  it('counts accounts opened by the month end and not closed by it', () => {
    const accounts = [
      acc('demand_deposit', '2025-03-31'),
      acc('demand_deposit', '2025-04-01'),
      acc('time_deposit', '2024-01-01', '2025-03-31'),
      acc('time_deposit', '2024-01-01', '2025-04-01'),
    ];
    expect(openAt(accounts, '2025-03')).toBe(2);
    expect(openAt(accounts, '2025-04')).toBe(2);
    expect(openAt(accounts, '2025-02')).toBe(2);
    expect(openAt([], '2025-02')).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const DAY = 86_400_000;
const date = (min: string, max: string) =>
  fc
    .integer({ min: Date.parse(`${min}T00:00:00Z`) / DAY, max: Date.parse(`${max}T00:00:00Z`) / DAY })
    .map((d) => new Date(d * DAY).toISOString().slice(0, 10));

const account = fc
  .tuple(
    fc.constantFrom(...PRODUCTS.codes),
    date('2010-01-01', '2030-12-31'),
    fc.option(fc.integer({ min: 0, max: 4000 }), { nil: null }),
  )
  .map(([product, openedOn, days]) =>
    acc(
      product,
      openedOn,
      days === null
        ? null
        : new Date(Date.parse(`${openedOn}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10),
    ),
  );

const money = fc.integer({ min: -1e13, max: 1e13 });
const totals = fc.record({
  recentBalance: money,
  beforeBalance: money,
  recentContribution: money,
  beforeContribution: money,
});
const month = date('2012-01-01', '2030-12-31').map((d) => d.slice(0, 7));

describe('lifecycle properties', () => {
  it('never yields potential once a product opened long ago is added', () => {
    fc.assert(
      fc.property(
        month,
        fc.array(account, { maxLength: 6 }),
        totals,
        fc.boolean(),
        fc.integer({ min: 1, max: 3650 }),
        fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
        fc.constantFrom(...PRODUCTS.codes),
        (m, accounts, t, exit, daysBefore, closedAfter, product) => {
          const end = Date.parse(`${m}-01T00:00:00Z`);
          const openedOn = new Date(end - daysBefore * DAY).toISOString().slice(0, 10);
          const closedOn =
            closedAfter === null
              ? null
              : new Date(Date.parse(`${openedOn}T00:00:00Z`) + closedAfter * DAY).toISOString().slice(0, 10);
          const r = infer(m, [...accounts, acc(product, openedOn, closedOn)], t, exit);
          expect(r.stage).not.toBe('potential');
          expect(r.evidence.accountsHeld).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('is potential exactly when no account was opened by the month end (and no exit)', () => {
    fc.assert(
      fc.property(month, fc.array(account, { maxLength: 6 }), totals, (m, accounts, t) => {
        const r = infer(m, accounts, t);
        const anyHeld = accounts.some((a) => a.openedOn.slice(0, 7) <= m);
        expect(r.stage === 'potential').toBe(!anyHeld);
      }),
    );
  });

  it('is always termination after a completed exit', () => {
    fc.assert(
      fc.property(month, fc.array(account, { maxLength: 6 }), totals, (m, accounts, t) => {
        expect(infer(m, accounts, t, true).stage).toBe('termination');
      }),
    );
  });
});
