import { makeResidentId, makeUscc } from '../src/domain/identity-numbers';
import { bigrams, normalizeForSearch } from '../src/domain/name-search';
import {
  COMPANY_FORMS,
  GIVEN_NAMES,
  INDUSTRY_WORDS,
  REGIONS,
  SURNAMES,
  TRADE_FIRST_CHARS,
  TRADE_NAMES,
  TRADE_SECOND_CHARS,
} from '../src/server/db/demo/vocabulary';
import { DEPOSIT_PRODUCTS, LOAN_PRODUCTS } from '../src/shared/codes';
import { RMS_PER_TEAM, TEAMS_PER_BRANCH } from './common';

// A lean, deterministic generator for the benchmark: customers with the columns the list reads and
// filters on, realistic Chinese names from the demo vocabulary, ~2 accounts each, the name bigrams,
// and an organisation of ~1,000 RMs in teams of ten. No contacts or monthly figures (the list does
// not read them), so a million customers generate in seconds rather than minutes.

/** mulberry32: small, fast, good enough for test data. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(items: readonly (readonly [T, number])[]) {
  const total = items.reduce((s, [, w]) => s + w, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const [, w] of items) {
    acc += w / total;
    cum.push(acc);
  }
  return (r: number): T => {
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]![0];
  };
}

export interface BenchUser {
  id: number;
  username: string;
  display_name: string;
  role: 'admin' | 'team_lead' | 'rm';
  team_id: number | null;
}

export interface BenchOrganisation {
  branches: { id: number; code: string; name: string }[];
  teams: { id: number; code: string; name: string; branch_id: number }[];
  users: BenchUser[];
  rmIds: number[];
}

/** admin (id 1), then per team a lead and ten RMs; rm1 … rmN own the customers. */
export function benchOrganisation(rmCount: number): BenchOrganisation {
  const teamCount = Math.max(1, Math.ceil(rmCount / RMS_PER_TEAM));
  const branchCount = Math.max(1, Math.ceil(teamCount / TEAMS_PER_BRANCH));
  const branches = Array.from({ length: branchCount }, (_, i) => ({
    id: i + 1,
    code: `B${String(i + 1).padStart(3, '0')}`,
    name: `${REGIONS[i % REGIONS.length]!.city}第${i + 1}支行`,
  }));
  const teams = Array.from({ length: teamCount }, (_, i) => ({
    id: i + 1,
    code: `T${String(i + 1).padStart(4, '0')}`,
    name: `公司金融第${i + 1}团队`,
    branch_id: Math.floor(i / TEAMS_PER_BRANCH) + 1,
  }));
  const users: BenchUser[] = [
    { id: 1, username: 'admin', display_name: '系统管理员', role: 'admin', team_id: null },
  ];
  const rmIds: number[] = [];
  const pick = rng(7);
  const surname = weighted(SURNAMES);
  const personName = () =>
    surname(pick()) +
    GIVEN_NAMES.male.first[Math.floor(pick() * GIVEN_NAMES.male.first.length)]! +
    GIVEN_NAMES.female.second[Math.floor(pick() * GIVEN_NAMES.female.second.length)]!;
  let rm = 0;
  for (const team of teams) {
    users.push({
      id: users.length + 1,
      username: `lead${team.id}`,
      display_name: personName(),
      role: 'team_lead',
      team_id: team.id,
    });
    for (let k = 0; k < RMS_PER_TEAM && rm < rmCount; k++) {
      rm++;
      const id = users.length + 1;
      rmIds.push(id);
      users.push({ id, username: `rm${rm}`, display_name: personName(), role: 'rm', team_id: team.id });
    }
  }
  return { branches, teams, users, rmIds };
}

export interface BenchCustomer {
  id: number;
  code: string;
  kind: 'corporate' | 'individual';
  name: string;
  search_name: string;
  id_number: string;
  industry: string | null;
  size: string | null;
  region_code: string;
  region_name: string;
  tier: string;
  need_mask: number;
  credit_grade: string | null;
  loan_class: string | null;
  foreign_trade: number;
  owner_id: number | null;
  phone: string;
  email: string | null;
  annual_revenue: number | null;
  financial_assets: number | null;
  established_on: string | null;
  lifecycle_stage: string;
  lifecycle_manual: number;
  value_tier: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface BenchAccount {
  id: number;
  account_no: string;
  customer_id: number;
  product: string;
  currency: string;
  opened_on: string;
  closed_on: string | null;
  rate: number | null;
  created_at: string;
}

/** The customer columns the loaders write, in one order (the database numbers `id` where it is not given). */
export const CUSTOMER_COLUMNS = [
  'code',
  'kind',
  'name',
  'search_name',
  'id_number',
  'industry',
  'size',
  'region_code',
  'region_name',
  'tier',
  'need_mask',
  'credit_grade',
  'loan_class',
  'foreign_trade',
  'owner_id',
  'phone',
  'email',
  'annual_revenue',
  'financial_assets',
  'established_on',
  'lifecycle_stage',
  'lifecycle_manual',
  'value_tier',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof BenchCustomer)[];

export interface BenchCustomerBundle {
  customer: BenchCustomer;
  grams: string[];
  accounts: BenchAccount[];
  /** RM ids the customer is shared with besides its owner. */
  sharedWith: number[];
}

/** Share of customers whose trade name is 鑫泰, on top of the natural occurrences (~0.5% in all). */
const XINTAI_SHARE = 0.006;
const TIERS = weighted([
  ['potential', 20],
  ['ordinary', 65],
  ['high_end', 15],
] as const);
const STAGES = weighted([
  ['potential', 10],
  ['development', 15],
  ['growth', 25],
  ['maturity', 35],
  ['decline', 10],
  ['termination', 5],
] as const);
const GRADES = weighted([
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
] as const);
const SIZES = weighted([
  ['large', 5],
  ['medium', 20],
  ['small', 45],
  ['micro', 30],
] as const);
const VALUE_TIERS = weighted([
  ['A', 10],
  ['B', 25],
  ['C', 40],
  ['D', 25],
] as const);
const REGION = weighted(REGIONS.map((r) => [r, r.weight] as const));
const INDUSTRY = weighted(INDUSTRY_WORDS.map((w) => [w, w.weight] as const));
const SURNAME = weighted(SURNAMES);

const DAY = 86_400_000;
const START = Date.UTC(2019, 0, 1);
const END = Date.UTC(2026, 9, 31);
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

export function* benchCustomers(
  count: number,
  rmIds: readonly number[],
  seed = 1,
): Generator<BenchCustomerBundle> {
  const r = rng(seed);
  const pickOf = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  let accountId = 0;
  for (let id = 1; id <= count; id++) {
    const corporate = r() < 0.6;
    const region = REGION(r());
    let name: string;
    let industry: string | null = null;
    let foreignTrade = 0;
    if (corporate) {
      const x = r();
      const trade =
        x < XINTAI_SHARE
          ? '鑫泰'
          : x < 0.5
            ? pickOf(TRADE_NAMES)
            : pickOf(TRADE_FIRST_CHARS) + pickOf(TRADE_SECOND_CHARS);
      const word = INDUSTRY(r());
      industry = word.industry;
      foreignTrade = r() < word.foreignTradeShare ? 1 : 0;
      const y = r();
      const form =
        y < 0.7 ? COMPANY_FORMS.limited : y < 0.9 ? COMPANY_FORMS.limitedLiability : COMPANY_FORMS.joinStock;
      name = `${region.province && r() < 0.3 ? region.province : region.city}${trade}${word.word}${form}`;
    } else {
      const male = r() < 0.5;
      const given = male ? GIVEN_NAMES.male : GIVEN_NAMES.female;
      name = SURNAME(r()) + (r() < 0.3 ? pickOf(given.single) : pickOf(given.first) + pickOf(given.second));
    }
    const search_name = normalizeForSearch(name);
    const created = START + Math.floor(r() * (END - START - 30 * DAY));
    const updated = created + Math.floor(r() * (END - created));
    const tier = TIERS(r());
    const borrows = r() < 0.45;
    const owner_id = r() < 0.02 ? null : rmIds[Math.floor(r() * rmIds.length)]!;
    const customer: BenchCustomer = {
      id,
      code: `C${String(id).padStart(10, '0')}`,
      kind: corporate ? 'corporate' : 'individual',
      name,
      search_name,
      id_number: corporate ? makeUscc(id) : makeResidentId(id),
      industry,
      size: corporate ? SIZES(r()) : null,
      region_code: region.code,
      region_name: region.name,
      tier,
      need_mask: 1 | 4 | (borrows ? 2 : 0) | (foreignTrade ? 8 : 0),
      credit_grade: borrows ? GRADES(r()) : null,
      loan_class: borrows ? (r() < 0.95 ? 'normal' : 'special_mention') : null,
      foreign_trade: foreignTrade,
      owner_id,
      phone: `1${3 + (id % 7)}${String((id * 7919) % 1_000_000_000).padStart(9, '0')}`,
      email: null,
      annual_revenue: corporate ? Math.floor(r() * 5e12) : null,
      financial_assets: corporate ? null : Math.floor(r() * 5e9),
      established_on: corporate ? day(created - Math.floor(r() * 20 * 365) * DAY) : null,
      lifecycle_stage: STAGES(r()),
      lifecycle_manual: 0,
      value_tier: VALUE_TIERS(r()),
      version: 1,
      created_at: iso(created),
      updated_at: iso(updated),
    };
    const accounts: BenchAccount[] = [];
    const n = 1 + Math.floor(r() * 2) + (r() < 0.5 ? 1 : 0) - (r() < 0.25 ? 1 : 0);
    for (let k = 0; k < Math.max(1, n); k++) {
      accountId++;
      const loan = borrows && k === 1;
      accounts.push({
        id: accountId,
        account_no: `6222${String(accountId).padStart(12, '0')}`,
        customer_id: id,
        product: loan
          ? pickOf(corporate ? LOAN_PRODUCTS.slice(0, 2) : ['mortgage'])
          : pickOf(DEPOSIT_PRODUCTS),
        currency: foreignTrade && k === 0 ? 'USD' : 'CNY',
        opened_on: day(created + Math.floor(r() * 30) * DAY),
        closed_on: null,
        rate: loan ? 3.1 + Math.round(r() * 150) / 100 : null,
        created_at: iso(created),
      });
    }
    const sharedWith =
      owner_id !== null && r() < 0.02
        ? [rmIds[Math.floor(r() * rmIds.length)]!].filter((u) => u !== owner_id)
        : [];
    yield { customer, grams: bigrams(search_name), accounts, sharedWith };
  }
}
