// Numbers of the value pages: fractions as percentages (money goes through app/format's formatYuan).

/** 0.123 → "12.3%"; null → "—". */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A coefficient such as 0.006 as a percentage with only the digits it needs: "0.6%". */
export function formatCoefficient(coefficient: number): string {
  return `${Number((coefficient * 100).toFixed(4)).toString()}%`;
}

/** A score or points with one decimal. */
export const formatPoints = (points: number) => points.toFixed(1);

/** A number read from an evidence record, or null when it is not one. */
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** A string read from an evidence record, or null. */
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
