// Calendar months (YYYY-MM) as integers (year × 12 + month − 1), so that arithmetic on them is plain
// arithmetic. Used by the value, lifecycle and pitfall rules (DOMAIN §2.1, §3.1, §5).

const pad2 = (n: number) => String(n).padStart(2, '0');

export function monthIndex(month: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`invalid month '${month}'`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export const monthText = (index: number) => `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;

/** The month `n` months after `month` (before, when `n` is negative). */
export const addMonths = (month: string, n: number) => monthText(monthIndex(month) + n);

/** The last day of the month, YYYY-MM-DD. */
export function monthEnd(month: string): string {
  const i = monthIndex(month);
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${pad2(days)}`;
}

/** The months from `from` to `to`, both included, oldest first. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthText(i));
  return out;
}
