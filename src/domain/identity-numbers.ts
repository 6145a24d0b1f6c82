// Identity numbers of customers: DOMAIN.md §2 (Customers) — resident ID 居民身份证号 (GB 11643-1999,
// ISO 7064 MOD 11-2) for individuals, unified social credit code 统一社会信用代码 (GB 32100-2015) for
// corporates. Pure functions, no I/O.
//
// Normalisation contract: the validators and extractors below operate on the NORMALISED string and do
// not normalise themselves (so a lower-case 'x' or a full-width digit is reported as 'format'). Callers
// (HTTP handlers, importers) call `normalizeIdNumber` first and store the normalised value.

export type IdInvalidReason = 'length' | 'format' | 'region' | 'birth_date' | 'check_character';
export type IdCheck = { valid: true } | { valid: false; reason: IdInvalidReason };

export interface ResidentIdOptions {
  /** The current date as YYYY-MM-DD; defaults to today in Asia/Shanghai (UTC+8, no DST). */
  today?: string;
}

const VALID: IdCheck = { valid: true };
const invalid = (reason: IdInvalidReason): IdCheck => ({ valid: false, reason });

/**
 * Trims, converts full-width digits and letters (０-９, Ａ-Ｚ, ａ-ｚ) to ASCII and upper-cases.
 * Nothing else is changed (inner spaces or hyphens stay, and so make the value invalid).
 */
export function normalizeIdNumber(value: string): string {
  return value
    .trim()
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

// ---------------------------------------------------------------------------------------------------
// Resident ID 居民身份证号 (GB 11643-1999): 6-digit address code, 8-digit birth date YYYYMMDD,
// 3-digit sequence code (odd = male, even = female), 1 check character (ISO 7064 MOD 11-2, '0'-'9'/'X').

/** Province-level codes of GB/T 2260 (first two digits of the address code). 83 = Taiwan residents'
 * residence permit 台湾居民居住证 (81/82 also serve the Hong Kong/Macao permits), which share the format. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', // 北京
  '12', // 天津
  '13', // 河北
  '14', // 山西
  '15', // 内蒙古
  '21', // 辽宁
  '22', // 吉林
  '23', // 黑龙江
  '31', // 上海
  '32', // 江苏
  '33', // 浙江
  '34', // 安徽
  '35', // 福建
  '36', // 江西
  '37', // 山东
  '41', // 河南
  '42', // 湖北
  '43', // 湖南
  '44', // 广东
  '45', // 广西
  '46', // 海南
  '50', // 重庆
  '51', // 四川
  '52', // 贵州
  '53', // 云南
  '54', // 西藏
  '61', // 陕西
  '62', // 甘肃
  '63', // 青海
  '64', // 宁夏
  '65', // 新疆
  '71', // 台湾
  '81', // 香港
  '82', // 澳门
  '83', // 台湾居民居住证
]);

/** Weights 2^(17−i) mod 11 for positions 1..17. */
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const MIN_BIRTH_DATE = '1900-01-01';

/** Check character of a resident ID from its first 17 digits ('0'-'9' or 'X'). */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckDigit expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * RESIDENT_WEIGHTS[i]!;
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** Today as YYYY-MM-DD in Asia/Shanghai (fixed UTC+8 since 1991). */
function todayInShanghai(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** YYYYMMDD (digits already checked) → YYYY-MM-DD if it is a real calendar date, else null. */
function calendarDate(yyyymmdd: string): string | null {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Validates an 18-character resident ID (normalised, see `normalizeIdNumber`). The first-generation
 * 15-digit numbers are rejected with 'length'. Reasons are checked in the order
 * length → format → region → birth_date → check_character.
 */
export function validateResidentId(value: string, options: ResidentIdOptions = {}): IdCheck {
  if (value.length !== 18) return invalid('length');
  if (!/^\d{17}[\dX]$/.test(value)) return invalid('format');
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return invalid('region');
  const birth = calendarDate(value.slice(6, 14));
  if (birth === null || birth < MIN_BIRTH_DATE || birth > (options.today ?? todayInShanghai())) {
    return invalid('birth_date');
  }
  if (residentIdCheckDigit(value.slice(0, 17)) !== value[17]) return invalid('check_character');
  return VALID;
}

/** Birth date (YYYY-MM-DD) of a valid, normalised resident ID; null when the ID is not valid. */
export function residentIdBirthDate(value: string, options: ResidentIdOptions = {}): string | null {
  if (!validateResidentId(value, options).valid) return null;
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** Sex of a valid, normalised resident ID (17th digit odd = male); null when the ID is not valid. */
export function residentIdSex(value: string, options: ResidentIdOptions = {}): 'male' | 'female' | null {
  if (!validateResidentId(value, options).valid) return null;
  return (value.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
}

// ---------------------------------------------------------------------------------------------------
// Unified social credit code 统一社会信用代码 (GB 32100-2015): 1 registration authority code 登记管理部门,
// 1 category code 机构类别, 6-digit administrative division of the registering authority, 9-character
// subject identifier (the GB 11714 organisation code, own check character not verified here), 1 check
// character (MOD 31). Alphabet: digits and upper-case letters except I, O, Z, S, V.

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const USCC_VALUE: ReadonlyMap<string, number> = new Map([...USCC_ALPHABET].map((ch, i) => [ch, i]));
/**
 * Char 1, registration authority: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会,
 * 9 工商/市场监管, A 中央军委改革和编制办公室, N 农业, Y 其他. Char 2 (category) is any character of the
 * alphabet ("数字或大写英文字母"; the categories in use are digits), chars 3–8 are digits, chars 9–18 any
 * character of the alphabet.
 */
const USCC_PATTERN = /^[1-9ANY][0-9A-HJ-NPQRTUWXY]\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Check character of a unified social credit code from its first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckCharacter expects 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_VALUE.get(first17[i]!);
    if (v === undefined) throw new RangeError(`usccCheckCharacter: '${first17[i]}' is not in the alphabet`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return USCC_ALPHABET[check === 31 ? 0 : check]!;
}

/** Validates a unified social credit code (normalised). Order: length → format → check_character. */
export function validateUscc(value: string): IdCheck {
  if (value.length !== 18) return invalid('length');
  if (!USCC_PATTERN.test(value)) return invalid('format');
  if (usccCheckCharacter(value.slice(0, 17)) !== value[17]) return invalid('check_character');
  return VALID;
}

// ---------------------------------------------------------------------------------------------------
// Deterministic generators for demo data and benchmarks. Distinct `seq` give distinct numbers up to the
// capacity stated on each function; beyond it the numbers repeat (they stay valid).

/** Real county-level divisions (GB/T 2260), used when no region is given. */
export const DEMO_REGION_CODES: readonly string[] = [
  '110101', // 北京市东城区
  '110105', // 北京市朝阳区
  '110108', // 北京市海淀区
  '120101', // 天津市和平区
  '310101', // 上海市黄浦区
  '310104', // 上海市徐汇区
  '310115', // 上海市浦东新区
  '320102', // 南京市玄武区
  '330106', // 杭州市西湖区
  '350102', // 福州市鼓楼区
  '370102', // 济南市历下区
  '410105', // 郑州市金水区
  '420106', // 武汉市武昌区
  '430102', // 长沙市芙蓉区
  '440106', // 广州市天河区
  '440304', // 深圳市福田区
  '440305', // 深圳市南山区
  '500103', // 重庆市渝中区
  '510104', // 成都市锦江区
  '610113', // 西安市雁塔区
];

const DAY_MS = 86_400_000;
const GEN_FIRST_DAY = Date.UTC(1940, 0, 1);
/** Generated birth dates: 1940-01-01 … 2005-12-31 (adults), 24,107 days. */
const GEN_DAYS = (Date.UTC(2005, 11, 31) - GEN_FIRST_DAY) / DAY_MS + 1;
/** Coprime with GEN_DAYS, so that consecutive seq spread over the whole range (a bijection). */
const DAY_STRIDE = 9973;

function checkSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError('seq must be a non-negative safe integer');
}

function checkRegionCode(regionCode: string, residentId: boolean): void {
  if (!/^\d{6}$/.test(regionCode) || (residentId && !PROVINCE_CODES.has(regionCode.slice(0, 2)))) {
    throw new RangeError(`invalid region code '${regionCode}'`);
  }
}

/**
 * A valid resident ID for `seq`. Region, birth date and sex are derived from `seq` unless given; the
 * sequence code carries the sex. Capacity (distinct numbers): 2 × 20 regions × 24,107 days × 500 =
 * 482,140,000 with no options; each fixed option removes its factor (only the birth date fixed: 20,000;
 * everything fixed: 500).
 */
export function makeResidentId(
  seq: number,
  opts: { regionCode?: string; birthDate?: string; sex?: 'male' | 'female' } = {},
): string {
  checkSeq(seq);
  let n = seq;
  let sexBit: number;
  if (opts.sex) sexBit = opts.sex === 'male' ? 1 : 0;
  else {
    sexBit = n % 2;
    n = Math.floor(n / 2);
  }
  let region: string;
  let regionIdx = 0;
  if (opts.regionCode !== undefined) {
    checkRegionCode(opts.regionCode, true);
    region = opts.regionCode;
  } else {
    regionIdx = n % DEMO_REGION_CODES.length;
    region = DEMO_REGION_CODES[regionIdx]!;
    n = Math.floor(n / DEMO_REGION_CODES.length);
  }
  let birth: string;
  let dayIdx = 0;
  if (opts.birthDate !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(opts.birthDate);
    const date = m ? calendarDate(`${m[1]}${m[2]}${m[3]}`) : null;
    if (date === null || date < MIN_BIRTH_DATE || date > todayInShanghai()) {
      throw new RangeError(`invalid birth date '${opts.birthDate}'`);
    }
    birth = date.replaceAll('-', '');
  } else {
    dayIdx = ((n % GEN_DAYS) * DAY_STRIDE) % GEN_DAYS;
    n = Math.floor(n / GEN_DAYS);
    birth = new Date(GEN_FIRST_DAY + dayIdx * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
  }
  // Offset by region and day so sequence codes vary; still a bijection on n % 500 for a fixed (region, day).
  const k = (n + 37 * dayIdx + 101 * regionIdx + 7) % 500;
  const first17 = `${region}${birth}${String(2 * k + sexBit).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const ORG_BODY_SPACE = 100_000_000;
const ORG_STRIDE = 7_654_321; // coprime with 10^8
const ORG_OFFSET = 12_345_678;

/** GB 11714 check character of an 8-digit organisation code body. */
function orgCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (body.charCodeAt(i) - 48) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A valid unified social credit code of an enterprise (registration authority 9, category 1) for `seq`.
 * The organisation code (chars 9–17) is an 8-digit body derived from `seq` plus its GB 11714 check
 * character; the region is derived from `seq` unless given. Capacity: 100,000,000 distinct codes.
 */
export function makeUscc(seq: number, opts: { regionCode?: string } = {}): string {
  checkSeq(seq);
  let region: string;
  if (opts.regionCode !== undefined) {
    checkRegionCode(opts.regionCode, false);
    region = opts.regionCode;
  } else {
    region = DEMO_REGION_CODES[seq % DEMO_REGION_CODES.length]!;
  }
  const body = String(((seq % ORG_BODY_SPACE) * ORG_STRIDE + ORG_OFFSET) % ORG_BODY_SPACE).padStart(8, '0');
  const first17 = `91${region}${body}${orgCodeCheck(body)}`;
  return first17 + usccCheckCharacter(first17);
}
