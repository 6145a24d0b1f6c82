// Calendar months (YYYY-MM) as integers (year × 12 + month − 1), so that arithmetic on them is plain
// arithmetic. Used by the value, lifecycle and pitfall rules (DOMAIN §2.1, §3.1, §5).

const pad2 = (n: number) => String(n).padStart(2, '0');

// A run over a million customers asks for the same few months millions of times: the answers of the
// parsing functions are remembered (months are few, so the caches stay small).
const indexes = new Map<string, number>();
const texts = new Map<number, string>();
const ends = new Map<string, string>();

export function monthIndex(month: string): number {
  const known = indexes.get(month);
  if (known !== undefined) return known;
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`invalid month '${month}'`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1;
  if (indexes.size < 10_000) indexes.set(month, index);
  return index;
}

export function monthText(index: number): string {
  const known = texts.get(index);
  if (known !== undefined) return known;
  const text = `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
  if (texts.size < 10_000) texts.set(index, text);
  return text;
}

/** The number the `n` characters of `text` from `from` on are, as decimal digits; −1 if one is not a digit. */
function digitsAt(text: string, from: number, n: number) {
  let value = 0;
  for (let i = from; i < from + n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * The month of a date (YYYY-MM-DD, or any text that starts with a month) as monthIndex counts it,
 * read digit by digit: the value run asks it for millions of dates, and cuts none out.
 */
export function dateMonthIndex(date: string): number {
  const y = digitsAt(date, 0, 4);
  const m = digitsAt(date, 5, 2);
  if (y < 0 || m < 1 || m > 12 || date.charCodeAt(4) !== 45) return monthIndex(date.slice(0, 7)); // throws
  return y * 12 + m - 1;
}

/** The month `n` months after `month` (before, when `n` is negative). */
export const addMonths = (month: string, n: number) => monthText(monthIndex(month) + n);

/** The last day of the month, YYYY-MM-DD. */
export function monthEnd(month: string): string {
  const known = ends.get(month);
  if (known !== undefined) return known;
  const i = monthIndex(month);
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const end = `${month}-${pad2(days)}`;
  if (ends.size < 10_000) ends.set(month, end);
  return end;
}

/** The months from `from` to `to`, both included, oldest first. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthText(i));
  return out;
}
