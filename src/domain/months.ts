// Calendar months (YYYY-MM) as integers (year × 12 + month − 1), so that arithmetic on them is plain
// arithmetic. Used by the value, lifecycle and pitfall rules (DOMAIN §2.1, §3.1, §5).

const pad2 = (n: number) => String(n).padStart(2, '0');

// A run over a million customers asks for the same few months millions of times: the answers of the
// parsing functions are remembered (months are few, so the caches stay small).
const indexes = new Map<string, number>();
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

export const monthText = (index: number) => `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;

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
