// Duplicate prospects (issue #6, DOMAIN §4 item 1): the same ID number, or a very similar name in the
// same region. Pure functions, no I/O.
//
// Our rule for "very similar": names are compared after NFKC folding, lower-casing and dropping white
// space, punctuation and the legal-form words every company name carries (有限公司, 股份有限公司,
// 有限责任公司, 集团, 公司; Co., Ltd., Inc. … as the last words), by the Dice coefficient of their character pairs
// (2·|A∩B| ÷ (|A|+|B|)). Two names are very similar at SIMILAR_NAME_THRESHOLD or more. A name of one
// character (no pairs) matches only itself.

import { bigrams, normalizeForSearch } from './name-search';

export const SIMILAR_NAME_THRESHOLD = 0.8;

/** Chinese legal forms, dropped wherever they stand (longest first). */
const LEGAL_FORMS_ZH = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '集团', '公司'];
/** English legal forms, dropped only as the last words of the name ('inc' inside 'lincoln' stays). */
const LEGAL_FORMS_EN =
  /(?:^|\s|,)(?:co\.?,?\s*ltd\.?|company limited|limited|ltd\.?|inc\.?|corporation|corp\.?|co\.?|group)\s*$/;

/** The part of a name that tells one prospect from another. */
export function nameCore(name: string): string {
  let core = normalizeForSearch(name);
  for (const form of LEGAL_FORMS_ZH) core = core.split(form).join('');
  for (let next = core.replace(LEGAL_FORMS_EN, ''); next !== core; next = core.replace(LEGAL_FORMS_EN, ''))
    core = next;
  return core.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Dice coefficient of the character pairs of two names' cores, 0..1 (1 for equal cores). */
export function nameSimilarity(a: string, b: string): number {
  const x = nameCore(a);
  const y = nameCore(b);
  if (x === '' || y === '') return 0;
  if (x === y) return 1;
  const gx = bigrams(x);
  const gy = new Set(bigrams(y));
  if (gx.length === 0 || gy.size === 0) return 0;
  let shared = 0;
  for (const g of gx) if (gy.has(g)) shared += 1;
  return (2 * shared) / (gx.length + gy.size);
}

export const isSimilarName = (a: string, b: string) => nameSimilarity(a, b) >= SIMILAR_NAME_THRESHOLD;

/** The character pairs to look a name's possible duplicates up by (the name index of customers). */
export const nameLookupGrams = (name: string) => bigrams(nameCore(name));

/**
 * How many of a name's n character pairs a lookup must ask for so that no very similar name is
 * missed: any floor(n/3) + 1 of them. A name B very similar to A shares s ≥ 0.4·(n + m) of A's n
 * pairs (Dice ≥ 0.8, m = B's pairs ≥ s), so s ≥ 2n/3: B lacks at most n/3 of A's pairs, and any
 * floor(n/3) + 1 of them include one B has. The lookup asks for the rarest ones, which find the
 * fewest candidates to judge.
 */
export const pairsToLookUp = (n: number) => Math.min(n, Math.floor(n / 3) + 1);
