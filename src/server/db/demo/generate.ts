// The demo bank as plain data, no database: the organisation, and a stream of customers with their
// contacts, accounts, monthly figures and links (DOMAIN §1, §2, §7.1). Pure and deterministic (the
// same options give the same bank), and streaming, so a benchmark can write a million customers
// without holding them in memory. `seed.ts` writes it into a database.

import type { Selectable } from 'kysely';
import { makeResidentId, makeUscc } from '../../../domain/identity-numbers';
import { normalizeForSearch } from '../../../domain/name-search';
import {
  type CreditGrade,
  type CustomerKind,
  type CustomerTier,
  DEPOSIT_PRODUCTS,
  type LifecycleStage,
  LOAN_PRODUCTS,
  type NeedTag,
  needMask,
  type Product,
  type Role,
} from '../../../shared/codes';
import type { AccountMonthlyTable, AccountTable, ContactTable, CustomerTable } from '../database';
import { createRandom, type Random, weightedTable } from './random';
import {
  CITY_ABBREVIATIONS,
  COMPANY_FORMS,
  CONTACT_TITLES,
  type DemoRegion,
  EMAIL_DOMAINS_PERSONAL,
  GIVEN_NAMES,
  INDUSTRY_WORDS,
  type IndustryWord,
  MOBILE_PREFIXES,
  PREFERENCES,
  REGIONS,
  SURNAME_PINYIN,
  SURNAMES,
  TRADE_FIRST_CHARS,
  TRADE_NAMES,
  TRADE_PINYIN,
  TRADE_SECOND_CHARS,
} from './vocabulary';

// ---------------------------------------------------------------------------------------------------
// Organisation

export interface DemoBranch {
  code: string;
  name: string;
}

export interface DemoTeam {
  code: string;
  name: string;
  branchCode: string;
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  teamCode: string | null;
}

export interface DemoOrganisation {
  branches: DemoBranch[];
  teams: DemoTeam[];
  users: DemoUser[];
}

/**
 * Two branches, three teams and the users of DOMAIN §7.1: `admin`, `lead1` leading `rm1` and `rm2`,
 * `risk1`; plus `lead2` with `rm3`…`rm6` and `lead3` with `rm7`…`rm10` at the second branch.
 */
export function generateOrganisation(): DemoOrganisation {
  const rm = (n: number, displayName: string, teamCode: string): DemoUser => ({
    username: `rm${n}`,
    displayName,
    role: 'rm',
    teamCode,
  });
  return {
    branches: [
      { code: 'SH001', name: '上海浦东支行' },
      { code: 'SZ001', name: '苏州工业园区支行' },
    ],
    teams: [
      { code: 'SH001-T1', name: '公司金融一团队', branchCode: 'SH001' },
      { code: 'SH001-T2', name: '普惠与零售团队', branchCode: 'SH001' },
      { code: 'SZ001-T1', name: '园区综合金融团队', branchCode: 'SZ001' },
    ],
    users: [
      { username: 'admin', displayName: '系统管理员', role: 'admin', teamCode: null },
      { username: 'lead1', displayName: '张丽华', role: 'team_lead', teamCode: 'SH001-T1' },
      rm(1, '王敏', 'SH001-T1'),
      rm(2, '李强', 'SH001-T1'),
      { username: 'lead2', displayName: '刘洋', role: 'team_lead', teamCode: 'SH001-T2' },
      rm(3, '周婷', 'SH001-T2'),
      rm(4, '吴昊', 'SH001-T2'),
      rm(5, '徐静怡', 'SH001-T2'),
      rm(6, '孙浩然', 'SH001-T2'),
      { username: 'lead3', displayName: '赵磊', role: 'team_lead', teamCode: 'SZ001-T1' },
      rm(7, '马晓东', 'SZ001-T1'),
      rm(8, '朱丽娜', 'SZ001-T1'),
      rm(9, '胡建国', 'SZ001-T1'),
      rm(10, '郭雨萱', 'SZ001-T1'),
      { username: 'risk1', displayName: '陈静', role: 'risk_officer', teamCode: null },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------
// Customers

/** The customers row as written, without its id. */
/** The columns a value run fills in (issue #7): the generator leaves them to the real run. */
type ComputedColumns =
  | 'realized_value'
  | 'potential_value'
  | 'model_value'
  | 'value_as_of'
  | 'lifecycle_inferred'
  | 'lifecycle_prev'
  | 'tier_suggested';
export type DemoCustomerRow = Omit<Selectable<CustomerTable>, 'id' | ComputedColumns>;
export type DemoContactRow = Omit<Selectable<ContactTable>, 'id' | 'customer_id'>;
export type DemoAccountRow = Omit<Selectable<AccountTable>, 'id' | 'customer_id'>;
/** Amounts in CNY fen; for a USD account, the CNY equivalent (as the bank's MIS reports it). */
export type DemoMonthlyRow = Omit<Selectable<AccountMonthlyTable>, 'account_id'>;

export interface DemoAccount {
  row: DemoAccountRow;
  /** One row per month the account was open within the 24 months ending at `asOfMonth`. */
  monthly: DemoMonthlyRow[];
}

/** A link between two customers by code; both were generated before or with the customer that carries it. */
export interface DemoLink {
  fromCode: string;
  toCode: string;
  kind: 'group' | 'household' | 'referral';
  note: string;
}

export interface DemoCustomer {
  seq: number;
  row: DemoCustomerRow;
  /** Users (from `ownerIds`) the customer is shared with besides its owner. */
  sharedWith: number[];
  contacts: DemoContactRow[];
  accounts: DemoAccount[];
  links: DemoLink[];
}

export interface GenerateCustomersOptions {
  count: number;
  seed: number;
  /** The users who own customers (relationship managers); about 2% of customers are left unowned. */
  ownerIds: readonly number[];
  /** Sequence of the first customer (code C0000000001 for 1); default 1. */
  startSeq?: number;
  /** The last month with figures, YYYY-MM; figures cover the 24 months ending with it. */
  asOfMonth: string;
  /** created_at / updated_at of every row; default the first instant after `asOfMonth`. */
  now?: string;
}

export const DEMO_MONTHS = 24;

export const customerCode = (seq: number) => `C${String(seq).padStart(10, '0')}`;

// Months as integers (year × 12 + month − 1), so that arithmetic on them is plain arithmetic.
const pad2 = (n: number) => String(n).padStart(2, '0');
export function monthIndex(month: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`invalid month '${month}'`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}
export const monthText = (index: number) => `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
const daysInMonth = (index: number) =>
  new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
const dateText = (index: number, day: number) => `${monthText(index)}-${pad2(day)}`;
const monthOfDate = (date: string) => monthIndex(date.slice(0, 7));
const dayOfDate = (date: string) => Number(date.slice(8, 10));

const CREDIT_GRADE_WEIGHTS: readonly (readonly [CreditGrade, number])[] = [
  ['AAA', 6],
  ['AA', 16],
  ['A', 26],
  ['BBB', 24],
  ['BB', 13],
  ['B', 8],
  ['CCC', 3],
  ['CC', 1.5],
  ['C', 0.9],
  ['D', 0.6],
];
const GRADE_ORDER: readonly CreditGrade[] = CREDIT_GRADE_WEIGHTS.map(([g]) => g);
type LoanClass = 'normal' | 'special_mention' | 'substandard' | 'doubtful' | 'loss';
type Size = 'large' | 'medium' | 'small' | 'micro';
type Trend = 'growth' | 'maturity' | 'decline';

interface Group {
  trade: string;
  parentCode: string;
  city: string;
  ownerId: number | null;
  members: number;
}

interface Household {
  code: string;
  surname: string;
  regionIndex: number;
  ownerId: number | null;
}

interface PlannedProduct {
  product: Product;
  currency: 'CNY' | 'USD';
}

/** A few fixed companies at the start of a bank (startSeq 1), so that 鑫泰 always finds a family. */
interface Showcase {
  regionCode: string;
  trade: string;
  word?: string;
  role: 'parent' | 'member' | 'none';
  size?: Size;
}
const SHOWCASE: ReadonlyMap<number, Showcase> = new Map([
  [0, { regionCode: '310115', trade: '鑫泰', role: 'parent', size: 'large' }],
  [1, { regionCode: '310115', trade: '鑫泰', word: '贸易', role: 'member', size: 'medium' }],
  [6, { regionCode: '320506', trade: '鑫泰', word: '精密机械', role: 'member', size: 'medium' }],
  [14, { regionCode: '310112', trade: '鑫泰', word: '供应链管理', role: 'member', size: 'small' }],
  [30, { regionCode: '440305', trade: '鑫泰', word: '电子', role: 'none', size: 'small' }],
]);

/**
 * Customers one by one: about 60% corporate, 40% individual; each with its contacts, accounts
 * (0–4), 24 months of figures and its links to customers generated before it.
 */
export function* generateCustomers(opts: GenerateCustomersOptions): Generator<DemoCustomer> {
  const random = createRandom(opts.seed, 'customers');
  const startSeq = opts.startSeq ?? 1;
  const asOf = monthIndex(opts.asOfMonth);
  const asOfYear = Math.floor(asOf / 12);
  const now = opts.now ?? `${monthText(asOf + 1)}-01T00:00:00.000Z`;
  const ownerWeights = opts.ownerIds.map((id) => [id, random.float(0.6, 1.4)] as const);
  const pickOwner = ownerWeights.length > 0 ? weightedTable(ownerWeights) : null;
  const pickRegion = weightedTable(REGIONS.map((r, i) => [i, r.weight] as const));
  const pickWord = weightedTable(INDUSTRY_WORDS.map((w) => [w, w.weight] as const));
  const pickSurname = weightedTable(SURNAMES);
  const regionByCode = new Map(REGIONS.map((r, i) => [r.code, i]));
  const usedNames = new Set<string>();
  const groups: Group[] = [];
  const households: Household[] = [];
  const referrers: string[] = [];
  let corporateIndex = 0;

  // --- small helpers over the random stream ---------------------------------------------------
  const mobile = () => {
    const prefix = random.weighted(MOBILE_PREFIXES);
    const third =
      prefix === '14'
        ? random.pick(['5', '7', '9'])
        : prefix === '16'
          ? '6'
          : prefix === '17'
            ? random.pick(['0', '1', '3', '5', '6', '7', '8'])
            : prefix === '19'
              ? random.pick(['1', '3', '5', '8', '9'])
              : String(random.int(0, 9));
    return `${prefix}${third}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
  };
  const tradeName = () =>
    random.chance(0.75)
      ? random.pick(TRADE_NAMES)
      : (() => {
          const first = random.pick(TRADE_FIRST_CHARS);
          let second = random.pick(TRADE_SECOND_CHARS);
          while (second === first) second = random.pick(TRADE_SECOND_CHARS);
          return first + second;
        })();
  const personName = (sex: 'male' | 'female', surname = pickSurname(random)) => {
    const pool = GIVEN_NAMES[sex];
    if (random.chance(0.15)) return surname + random.pick(pool.single);
    const first = random.pick(pool.first);
    let second = random.pick(pool.second);
    while (second === first) second = random.pick(pool.second);
    return surname + first + second;
  };
  const birthday = (minAge: number, maxAge: number) => {
    const year = asOfYear - random.int(minAge, maxAge);
    const month = random.int(0, 11);
    return dateText(year * 12 + month, random.int(1, daysInMonth(year * 12 + month)));
  };
  const preferences = () =>
    random.chance(0.5) ? random.sample(PREFERENCES, random.int(1, 2)).join('；') : null;
  const fen = (yuan: number) => Math.round(yuan) * 100;
  const pickBetterGrade = (grade: CreditGrade, steps: number) =>
    GRADE_ORDER[Math.max(0, GRADE_ORDER.indexOf(grade) - steps)]!;

  /**
   * A company name without its legal form that no earlier company has (上海鑫泰贸易 and 上海鑫泰贸易有限责任公司
   * cannot both be registered); after 12 tries a duplicate is let through (at millions of customers).
   */
  function uniqueStem(make: () => string, retry: () => void): string {
    let stem = make();
    for (let i = 0; i < 12 && usedNames.has(stem); i++) {
      retry();
      stem = make();
    }
    usedNames.add(stem);
    return stem;
  }

  function regionInCity(city: string): number {
    const candidates = REGIONS.flatMap((r, i) => (r.city === city ? [i] : []));
    return candidates.length > 0 ? random.pick(candidates) : pickRegion(random);
  }

  function owner(): number | null {
    if (!pickOwner || random.chance(0.02)) return null;
    return pickOwner(random);
  }

  // --- one corporate ------------------------------------------------------------------------
  function corporate(seq: number, code: string) {
    const show = startSeq === 1 ? SHOWCASE.get(corporateIndex) : undefined;
    corporateIndex++;
    let role: 'parent' | 'member' | 'none' = 'none';
    let group: Group | undefined;
    if (show) {
      role = show.role;
      if (role === 'member') group = groups.find((g) => g.trade === show.trade);
      if (role === 'member' && !group) role = 'none';
    } else if (random.chance(0.035)) role = 'parent';
    else {
      const open = groups.filter((g) => g.members < 6);
      if (open.length > 0 && random.chance(0.09)) {
        role = 'member';
        group = random.pick(open);
      }
    }

    let regionIndex: number;
    if (show) regionIndex = regionByCode.get(show.regionCode) ?? pickRegion(random);
    else if (group && random.chance(0.6)) regionIndex = regionInCity(group.city);
    else regionIndex = pickRegion(random);
    const region = REGIONS[regionIndex]!;

    let industryWord: IndustryWord =
      (show?.word && INDUSTRY_WORDS.find((w) => w.word === show.word)) || pickWord(random);
    const size: Size =
      show?.size ??
      (role === 'parent'
        ? random.weighted([
            ['large', 6],
            ['medium', 4],
          ] as const)
        : role === 'member'
          ? random.weighted([
              ['large', 1],
              ['medium', 3],
              ['small', 5],
              ['micro', 1],
            ] as const)
          : random.weighted([
              ['large', 5],
              ['medium', 20],
              ['small', 38],
              ['micro', 37],
            ] as const));
    const prefix = () => (region.province && random.chance(0.15) ? region.province : region.city);
    const form = () =>
      size === 'large'
        ? random.chance(0.4)
          ? COMPANY_FORMS.joinStock
          : COMPANY_FORMS.limited
        : size === 'medium' && random.chance(0.2)
          ? COMPANY_FORMS.joinStock
          : random.chance(0.05)
            ? COMPANY_FORMS.limitedLiability
            : COMPANY_FORMS.limited;

    let trade = show?.trade ?? group?.trade ?? tradeName();
    let name: string;
    if (role === 'parent') {
      if (show || random.chance(0.5)) industryWord = INDUSTRY_WORDS.find((w) => w.industry === 'L72')!;
      const national = !show && random.chance(0.25);
      const stem = uniqueStem(
        () => (national ? `${trade}控股集团` : `${show ? region.city : prefix()}${trade}集团`),
        () => {
          if (!show) trade = tradeName();
        },
      );
      name = `${stem}${COMPANY_FORMS.limited}`;
      group = { trade, parentCode: code, city: region.city, ownerId: null, members: 0 };
    } else {
      const stem = uniqueStem(
        () => `${show ? region.city : prefix()}${trade}${industryWord.word}`,
        () => {
          if (group) industryWord = pickWord(random);
          else trade = tradeName();
        },
      );
      name = `${stem}${show ? COMPANY_FORMS.limited : form()}`;
    }

    const revenueYuan = (() => {
      const [median, sigma, min, max] =
        size === 'micro'
          ? [1_500_000, 0.6, 100_000, 3_000_000]
          : size === 'small'
            ? [10_000_000, 0.6, 3_000_000, 30_000_000]
            : size === 'medium'
              ? [80_000_000, 0.6, 20_000_000, 400_000_000]
              : [600_000_000, role === 'parent' ? 0.9 : 0.7, 400_000_000, 30_000_000_000];
      return Math.min(max, Math.max(min, random.logNormal(Math.log(median), sigma)));
    })();
    // Large companies bank with many banks: our share of their business is smaller.
    const walletShare = random.float(0.5, 1.5) * { large: 0.1, medium: 0.3, small: 0.9, micro: 1.2 }[size];
    const foreignTrade = random.chance(industryWord.foreignTradeShare);
    const fx = foreignTrade ? random.chance(0.92) : random.chance(industryWord.fxShare);
    let grade = random.weighted(CREDIT_GRADE_WEIGHTS);
    if (size === 'large') grade = pickBetterGrade(grade, random.int(0, 2));
    else if (size === 'medium') grade = pickBetterGrade(grade, random.int(0, 1));

    // The showcase family belongs to the first relationship manager (rm1), who demonstrates it.
    const ownerId = show
      ? (opts.ownerIds[0] ?? null)
      : group && role === 'member' && random.chance(0.7)
        ? group.ownerId
        : owner();
    if (role === 'parent' && group) {
      group.ownerId = ownerId;
      groups.push(group);
      if (groups.length > 40) groups.shift();
    }

    // Products the company uses or needs, most important first (at most 4 are kept).
    const sizeLoanFactor = { large: 1.2, medium: 1.1, small: 0.9, micro: 0.6 }[size];
    const wants: PlannedProduct[] = [{ product: 'demand_deposit', currency: 'CNY' }];
    if (random.chance(Math.min(0.95, industryWord.loanShare * sizeLoanFactor))) {
      wants.push({
        product:
          (size === 'large' || size === 'medium') && random.chance(0.3)
            ? 'fixed_asset_loan'
            : 'working_capital_loan',
        currency: 'CNY',
      });
    }
    if (fx) wants.push({ product: 'fx_settlement', currency: 'USD' });
    if (random.chance(size === 'large' || size === 'medium' ? 0.45 : 0.2)) {
      wants.push({ product: 'payroll_agency', currency: 'CNY' });
    }
    if (random.chance(0.25)) wants.push({ product: 'time_deposit', currency: 'CNY' });
    if ((size === 'large' || size === 'medium') && random.chance(0.3)) {
      wants.push({ product: 'cash_management', currency: 'CNY' });
    }

    const establishedAgo = random.int(
      size === 'large' ? 96 : size === 'medium' ? 36 : 12,
      size === 'large' ? 420 : size === 'medium' ? 300 : 200,
    );
    const employees = Math.max(3, Math.round(revenueYuan / random.float(400_000, 1_200_000)));

    return {
      kind: 'corporate' as const,
      showcase: show !== undefined,
      name,
      idNumber: makeUscc(seq, { regionCode: region.code }),
      region,
      industry: industryWord.industry,
      size,
      revenueYuan,
      financialAssetsYuan: null,
      foreignTrade,
      grade,
      ownerId,
      wants: wants.slice(0, 4),
      walletShare,
      establishedAgo,
      maxStartAgo: establishedAgo - 1,
      employees,
      link:
        group && role === 'member'
          ? ({ fromCode: group.parentCode, toCode: code, kind: 'group', note: '集团成员企业' } as DemoLink)
          : null,
      afterInsert: () => {
        if (group && role === 'member') group.members++;
      },
      contacts: (hasProducts: boolean, domain: string | null): DemoContactRow[] => {
        const people: DemoContactRow[] = [];
        const add = (contactRole: keyof typeof CONTACT_TITLES, keyPerson: boolean) => {
          const sex = random.chance(contactRole === 'legal_representative' ? 0.2 : 0.5) ? 'female' : 'male';
          people.push({
            name: personName(sex),
            role: contactRole,
            title: random.pick(CONTACT_TITLES[contactRole]),
            phone: mobile(),
            email:
              domain && random.chance(0.4)
                ? `${random.pick(['finance', 'caiwu', 'office', 'admin'])}${random.int(1, 99)}@${domain}`
                : null,
            birthday: keyPerson && random.chance(0.7) ? birthday(30, 65) : null,
            preferences: keyPerson ? preferences() : null,
            notes: null,
            version: 1,
            created_at: now,
            updated_at: now,
          });
        };
        add('legal_representative', true);
        if (random.chance(hasProducts ? 0.85 : 0.4)) add('finance_head', true);
        if (random.chance(hasProducts ? 0.4 : 0.15)) add('decision_maker', true);
        if (hasProducts && random.chance(0.5)) add('operator', false);
        return people;
      },
      email: (): { customer: string | null; domain: string | null } => {
        const pinyin = [...trade].map((c) => TRADE_PINYIN.get(c) ?? '').join('');
        if (!pinyin) return { customer: null, domain: null };
        if (size === 'large' || size === 'medium' || random.chance(0.3)) {
          const domain = `${CITY_ABBREVIATIONS[region.city] ?? ''}${pinyin}.${random.pick(['com', 'com.cn', 'cn'])}`;
          return {
            customer: random.chance(0.6)
              ? `${random.pick(['info', 'service', 'finance', 'contact'])}@${domain}`
              : null,
            domain,
          };
        }
        return {
          customer: random.chance(0.45)
            ? random.chance(0.5)
              ? `${random.int(10_000_000, 3_999_999_999)}@qq.com`
              : `${pinyin}${random.int(1, 9999)}@${random.pick(['163.com', '126.com', 'sina.com'])}`
            : null,
          domain: null,
        };
      },
    };
  }

  // --- one individual ------------------------------------------------------------------------
  function individual(seq: number, code: string) {
    // makeResidentId(seq) with a region makes the sex from the parity of seq: odd is male.
    const sex: 'male' | 'female' = seq % 2 === 1 ? 'male' : 'female';
    const household = households.length > 0 && random.chance(0.08) ? random.pick(households) : undefined;
    const regionIndex = household && random.chance(0.85) ? household.regionIndex : pickRegion(random);
    const region = REGIONS[regionIndex]!;
    const sameSurname = household !== undefined && random.chance(0.4);
    const surname = sameSurname ? household.surname : pickSurname(random);
    const name = personName(sex, surname);
    const idNumber = makeResidentId(seq, { regionCode: region.code });
    const birthYear = Number(idNumber.slice(6, 10));
    const age = asOfYear - birthYear;
    const assetsYuan = Math.min(
      500_000_000,
      Math.max(5_000, random.logNormal(Math.log(280_000) + Math.min(0.6, (age - 30) * 0.02), 1.25)),
    );
    const ownerId = household && random.chance(0.8) ? household.ownerId : owner();
    households.push({ code, surname, regionIndex, ownerId });
    if (households.length > 200) households.shift();

    const wants: PlannedProduct[] = [];
    if (random.chance(0.92)) wants.push({ product: 'demand_deposit', currency: 'CNY' });
    if (age >= 25 && age <= 60 && random.chance(0.22)) wants.push({ product: 'mortgage', currency: 'CNY' });
    if (random.chance(assetsYuan >= 1_000_000 ? 0.6 : 0.2)) {
      wants.push({ product: 'wealth_management', currency: 'CNY' });
    }
    if (random.chance(assetsYuan >= 1_000_000 ? 0.15 : 0.04)) {
      wants.push({ product: 'demand_deposit', currency: 'USD' });
    }
    if (random.chance(assetsYuan >= 200_000 ? 0.45 : 0.25)) {
      wants.push({ product: 'time_deposit', currency: 'CNY' });
    }
    if (wants.length === 0) wants.push({ product: 'demand_deposit', currency: 'CNY' });

    const grade = random.weighted(CREDIT_GRADE_WEIGHTS);
    const adultMonths = Math.max(12, (age - 18) * 12);

    return {
      kind: 'individual' as const,
      showcase: false,
      name,
      idNumber,
      region,
      industry: null,
      size: null,
      revenueYuan: null,
      financialAssetsYuan: assetsYuan,
      foreignTrade: false,
      grade,
      ownerId,
      wants: wants.slice(0, 4),
      walletShare: 1,
      establishedAgo: null,
      maxStartAgo: adultMonths,
      employees: 0,
      link: household
        ? ({
            fromCode: household.code,
            toCode: code,
            kind: 'household',
            note: sameSurname ? '家庭成员' : '配偶',
          } as DemoLink)
        : null,
      afterInsert: () => {},
      contacts: (): DemoContactRow[] =>
        random.chance(0.25)
          ? [
              {
                name: personName(random.chance(0.5) ? 'male' : 'female'),
                role: 'family',
                title: random.pick(CONTACT_TITLES.family),
                phone: mobile(),
                email: null,
                birthday: random.chance(0.5) ? birthday(20, 75) : null,
                preferences: null,
                notes: null,
                version: 1,
                created_at: now,
                updated_at: now,
              },
            ]
          : [],
      email: (): { customer: string | null; domain: string | null } => ({
        customer: random.chance(0.35)
          ? random.chance(0.5)
            ? `${random.int(10_000_000, 3_999_999_999)}@qq.com`
            : `${SURNAME_PINYIN.get(surname) ?? 'user'}${random.chance(0.5) ? birthYear : random.int(1, 9999)}@${random.weighted(EMAIL_DOMAINS_PERSONAL)}`
          : null,
        domain: null,
      }),
    };
  }

  // --- accounts and figures ------------------------------------------------------------------
  function accountNumber(
    seq: number,
    index: number,
    product: Product,
    kind: CustomerKind,
    region: DemoRegion,
  ) {
    // A bijection on 12 digits (7919 is coprime with 10), so distinct (seq, index) never collide and
    // numbers do not look consecutive; the length tells the kind of account apart (16–19 digits).
    const serial = (seq * 8 + index) % 1_000_000_000_000;
    const body = String((serial * 7919 + 104_729) % 1_000_000_000_000).padStart(12, '0');
    const area = region.code.slice(0, 4);
    if (LOAN_PRODUCTS.includes(product)) return withMod10(`${area}5${body}`); // 18
    if (kind === 'individual') return withLuhn(`621785${body}`); // 19, a UnionPay debit card
    if (product === 'payroll_agency' || product === 'cash_management') return `${area}${body}`; // 16
    return `${area}${product === 'time_deposit' ? '2' : product === 'fx_settlement' ? '7' : '1'}${body}`; // 17
  }

  for (let i = 0; i < opts.count; i++) {
    const seq = startSeq + i;
    const code = customerCode(seq);
    const kind: CustomerKind =
      startSeq === 1 && i === 0 ? 'corporate' : random.chance(0.6) ? 'corporate' : 'individual';
    const base = kind === 'corporate' ? corporate(seq, code) : individual(seq, code);
    const fenScale = fen(base.revenueYuan ?? base.financialAssetsYuan ?? 0) * base.walletShare;

    // Relationship: never had a product (a prospect), recent, or years old; a few ended.
    const hasProducts = base.showcase || !random.chance(base.link?.kind === 'group' ? 0.03 : 0.11);
    const startAgo = Math.min(
      base.maxStartAgo,
      random.weighted([
        [() => random.int(0, 5), 7],
        [() => random.int(6, 23), 20],
        [() => random.int(24, 180), 73],
      ] as const)(),
    );
    const terminated = hasProducts && startAgo >= 6 && random.chance(0.035);
    const weakGrade = GRADE_ORDER.indexOf(base.grade) >= GRADE_ORDER.indexOf('CCC');
    const trend: Trend = terminated
      ? 'decline'
      : random.weighted([
          ['growth', weakGrade ? 0.1 : 0.28],
          ['maturity', weakGrade ? 0.3 : 0.47],
          ['decline', weakGrade ? 0.6 : 0.25],
        ] as const);
    const drift =
      trend === 'growth'
        ? random.float(0.03, 0.06)
        : trend === 'decline'
          ? -random.float(0.03, 0.06)
          : random.float(-0.01, 0.01);

    const hasLoan = base.wants.some((w) => LOAN_PRODUCTS.includes(w.product));
    const loanClass: LoanClass | null = hasLoan && hasProducts ? loanClassFor(random, base.grade) : null;
    const tags = new Set<NeedTag>();

    const accounts: DemoAccount[] = [];
    if (hasProducts) {
      const finalCloseAgo = terminated ? random.int(1, Math.min(startAgo - 1, 30)) : 0;
      base.wants.forEach((want, index) => {
        const openAgo = index === 0 ? startAgo : random.int(terminated ? finalCloseAgo + 1 : 0, startAgo);
        const openIdx = asOf - openAgo;
        const openDay = random.int(1, 28);
        let closeAgo: number | null = null;
        if (terminated) closeAgo = index === 0 ? finalCloseAgo : random.int(finalCloseAgo, openAgo - 1);
        else if (index > 0 && openAgo >= 1 && random.chance(0.1)) closeAgo = random.int(0, openAgo - 1);
        const closeIdx = closeAgo === null ? null : asOf - closeAgo;
        const closeDay = closeIdx === null ? 0 : random.int(1, 28);
        const row: DemoAccountRow = {
          account_no: accountNumber(seq, index, want.product, kind, base.region),
          product: want.product,
          currency: want.currency,
          opened_on: dateText(openIdx, openDay),
          closed_on: closeIdx === null ? null : dateText(closeIdx, closeDay),
          rate: rateFor(random, want.product, want.currency),
          created_at: now,
        };
        accounts.push({
          row,
          monthly: monthlyFigures(random, {
            asOf,
            row,
            kind,
            scale: fenScale,
            drift: want.product === 'mortgage' ? -0.004 : drift,
            loanClass,
            employees: base.employees,
          }),
        });
      });
    }
    for (const want of base.wants) {
      if (DEPOSIT_PRODUCTS.includes(want.product)) tags.add('deposit');
      if (LOAN_PRODUCTS.includes(want.product)) tags.add('loan');
      if (want.currency === 'USD' || want.product === 'fx_settlement') tags.add('fx');
      else tags.add('rmb');
    }
    // Some needs the bank does not serve yet: what potential value is made of.
    if (kind === 'corporate' && !tags.has('loan') && random.chance(0.2)) tags.add('loan');
    if (base.foreignTrade && !tags.has('fx')) tags.add('fx');
    if (kind === 'individual' && !tags.has('loan') && random.chance(0.08)) tags.add('loan');

    const lifecycle = inferDemoLifecycle(accounts, asOf);
    const highEnd =
      kind === 'corporate'
        ? base.size === 'large' || (base.size === 'medium' && (base.revenueYuan ?? 0) >= 200_000_000)
        : (base.financialAssetsYuan ?? 0) >= 1_000_000;
    const tier: CustomerTier =
      accounts.length === 0 ? 'potential' : highEnd && lifecycle !== 'termination' ? 'high_end' : 'ordinary';
    const emails = base.email();
    const gradeKept = kind === 'corporate' ? hasLoan || random.chance(0.6) : hasLoan || random.chance(0.2);
    const establishedAgo = base.establishedAgo;

    const links: DemoLink[] = [];
    if (base.link) links.push(base.link);
    if (referrers.length > 0 && random.chance(0.06)) {
      const from = random.pick(referrers);
      if (!links.some((l) => l.fromCode === from)) {
        links.push({ fromCode: from, toCode: code, kind: 'referral', note: '客户转介绍' });
        referrers.push(from); // who brought one customer tends to bring more
      }
    }
    if (accounts.length > 0 && lifecycle !== 'termination') {
      referrers.push(code);
      if (referrers.length > 600) referrers.splice(0, referrers.length - 600);
    }

    const ownerId = base.ownerId;
    const sharedWith: number[] = [];
    if (ownerId !== null && opts.ownerIds.length > 1 && random.chance(0.015)) {
      const others = opts.ownerIds.filter((id) => id !== ownerId);
      sharedWith.push(random.pick(others));
    }
    const contacts = base.contacts(accounts.length > 0, emails.domain);
    base.afterInsert();

    yield {
      seq,
      row: {
        code,
        kind,
        name: base.name,
        search_name: normalizeForSearch(base.name),
        id_number: base.idNumber,
        industry: base.industry,
        size: base.size,
        region_code: base.region.code,
        region_name: base.region.name,
        tier,
        need_mask: needMask([...tags]),
        credit_grade: gradeKept ? base.grade : null,
        loan_class: loanClass,
        foreign_trade: base.foreignTrade ? 1 : 0,
        owner_id: ownerId,
        phone: random.chance(0.97) ? mobile() : null,
        email: emails.customer,
        annual_revenue: base.revenueYuan === null ? null : fen(base.revenueYuan),
        financial_assets: base.financialAssetsYuan === null ? null : fen(base.financialAssetsYuan),
        established_on: establishedAgo === null ? null : dateText(asOf - establishedAgo, random.int(1, 28)),
        lifecycle_stage: lifecycle,
        lifecycle_manual: 0,
        value_tier: null,
        version: 1,
        created_at: now,
        updated_at: now,
      },
      sharedWith,
      contacts,
      accounts,
      links,
    };
  }
}

function loanClassFor(random: Random, grade: CreditGrade): LoanClass {
  const index = GRADE_ORDER.indexOf(grade);
  if (index <= GRADE_ORDER.indexOf('BBB')) {
    return random.weighted([
      ['normal', 97],
      ['special_mention', 3],
    ] as const);
  }
  if (index <= GRADE_ORDER.indexOf('B')) {
    return random.weighted([
      ['normal', 85],
      ['special_mention', 11],
      ['substandard', 3],
      ['doubtful', 1],
    ] as const);
  }
  return random.weighted([
    ['normal', 30],
    ['special_mention', 30],
    ['substandard', 22],
    ['doubtful', 12],
    ['loss', 6],
  ] as const);
}

/** Annual rates as fractions, near those of Chinese banks in 2025 (LPR 1y 3.0%, 5y 3.5%). */
function rateFor(random: Random, product: Product, currency: 'CNY' | 'USD'): number | null {
  const r = (min: number, max: number) => Math.round(random.float(min, max) * 10_000) / 10_000;
  switch (product) {
    case 'demand_deposit':
      return currency === 'USD' ? 0.0005 : r(0.0005, 0.0025);
    case 'time_deposit':
      return r(0.011, 0.0175);
    case 'working_capital_loan':
      return r(0.029, 0.046);
    case 'fixed_asset_loan':
      return r(0.033, 0.049);
    case 'mortgage':
      return r(0.0305, 0.041);
    default:
      return null;
  }
}

interface FigureParams {
  asOf: number;
  row: DemoAccountRow;
  kind: CustomerKind;
  /** Annual revenue (corporate) or financial assets (individual), fen. */
  scale: number;
  /** Monthly log-growth of the balance. */
  drift: number;
  loanClass: LoanClass | null;
  employees: number;
}

/** Average balance, net interest contribution and fee income for each month the account was open. */
function monthlyFigures(random: Random, p: FigureParams): DemoMonthlyRow[] {
  const { row, kind, scale } = p;
  const product = row.product as Product;
  const corporate = kind === 'corporate';
  // Balance at the as-of month, as a share of revenue or financial assets.
  let level = 0;
  let spread = 0; // annual net interest margin on the balance
  let feeBase = 0; // monthly fee income, fen
  let feeOnBalance = 0; // annual fee rate on the balance
  switch (product) {
    case 'demand_deposit':
      level = scale * (corporate ? random.float(0.03, 0.12) : random.float(0.05, 0.25));
      if (row.currency === 'USD') level *= 0.3;
      spread = row.currency === 'USD' ? 0.02 : corporate ? 0.016 : 0.018;
      feeBase = corporate ? random.int(0, 8_000) : random.chance(0.3) ? random.int(0, 300) : 0;
      break;
    case 'time_deposit':
      level = scale * (corporate ? random.float(0.02, 0.1) : random.float(0.15, 0.45));
      spread = random.float(0.004, 0.008);
      break;
    case 'working_capital_loan':
      level = scale * random.float(0.06, 0.3);
      spread = random.float(0.01, 0.02);
      break;
    case 'fixed_asset_loan':
      level = scale * random.float(0.1, 0.5);
      spread = random.float(0.012, 0.022);
      break;
    case 'mortgage':
      level = random.float(400_000, 3_500_000) * 100;
      spread = random.float(0.006, 0.01);
      break;
    case 'fx_settlement':
      level = scale * random.float(0.01, 0.05);
      spread = 0.015;
      feeBase = (scale * random.float(0.00015, 0.0005)) / 12;
      break;
    case 'payroll_agency':
      feeBase = p.employees * random.int(100, 300);
      break;
    case 'cash_management':
      feeBase = random.int(3_000, 20_000) * 100;
      break;
    case 'wealth_management':
      level = scale * random.float(0.2, 0.6);
      feeOnBalance = random.float(0.004, 0.008);
      break;
  }
  if (LOAN_PRODUCTS.includes(product)) {
    // Impaired loans stop paying interest while the bank still funds them.
    if (p.loanClass === 'substandard') spread *= 0.2;
    else if (p.loanClass === 'doubtful') spread = -0.022;
    else if (p.loanClass === 'loss') spread = -0.025;
    else if (p.loanClass === 'special_mention') spread *= 0.9;
  }

  const openIdx = monthOfDate(row.opened_on);
  const openDay = dayOfDate(row.opened_on);
  const closeIdx = row.closed_on ? monthOfDate(row.closed_on) : null;
  const closeDay = row.closed_on ? dayOfDate(row.closed_on) : 0;
  const rows: DemoMonthlyRow[] = [];
  for (let m = p.asOf - DEMO_MONTHS + 1; m <= p.asOf; m++) {
    if (m < openIdx || (closeIdx !== null && m > closeIdx)) continue;
    const days = daysInMonth(m);
    const from = m === openIdx ? openDay : 1;
    const to = closeIdx === m ? closeDay - 1 : days;
    if (to < from) continue;
    const share = (to - from + 1) / days;
    const quarterEnd = corporate && product !== 'mortgage' && (m % 12) % 3 === 2 ? 1.05 : 1;
    const noise = Math.max(0.5, 1 + 0.04 * random.normal());
    const balance = Math.max(
      0,
      Math.round(level * Math.exp(p.drift * (m - p.asOf)) * noise * quarterEnd * share),
    );
    const activity = Math.exp(p.drift * (m - p.asOf)) * Math.max(0.3, 1 + 0.1 * random.normal()) * share;
    rows.push({
      month: monthText(m),
      avg_balance: balance,
      net_interest_contribution: Math.round((balance * spread) / 12),
      fee_income: Math.max(0, Math.round(feeBase * activity + (balance * feeOnBalance) / 12)),
    });
  }
  return rows;
}

/**
 * DOMAIN §2.1 for the demo only (the real inference lives with the lifecycle feature): termination,
 * potential, development, then growth / decline / maturity from the last 3 months against the 3 before.
 */
export function inferDemoLifecycle(accounts: readonly DemoAccount[], asOf: number): LifecycleStage {
  if (accounts.length === 0) return 'potential';
  const endOf = (m: number) => `${monthText(m)}-31`;
  const openAt = (m: number) =>
    accounts.filter(
      (a) => a.row.opened_on <= endOf(m) && (a.row.closed_on === null || a.row.closed_on > endOf(m)),
    ).length;
  if (accounts.every((a) => a.row.closed_on !== null && a.row.closed_on <= endOf(asOf))) return 'termination';
  const firstOpen = Math.min(...accounts.map((a) => monthOfDate(a.row.opened_on)));
  if (asOf - firstOpen < 6) return 'development';
  const loanOnly = accounts.every((a) => LOAN_PRODUCTS.includes(a.row.product as Product));
  // Months compare as text (YYYY-MM), which spares parsing every figure.
  const total = (fromM: number, toM: number) => {
    const from = monthText(fromM);
    const to = monthText(toM);
    let sum = 0;
    for (const a of accounts) {
      for (const f of a.monthly) {
        if (f.month >= from && f.month <= to) sum += loanOnly ? f.net_interest_contribution : f.avg_balance;
      }
    }
    return sum / 3;
  };
  const recent = total(asOf - 2, asOf);
  const before = total(asOf - 5, asOf - 3);
  const change = before > 0 ? recent / before - 1 : recent > 0 ? Number.POSITIVE_INFINITY : 0;
  if (change >= 0.1) return 'growth';
  if (change <= -0.1 || openAt(asOf) < openAt(asOf - 3)) return 'decline';
  return 'maturity';
}

function withLuhn(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

function withMod10(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (digits.charCodeAt(i) - 48) * ((i % 3) + 1);
  return `${digits}${sum % 10}`;
}
