import type { PortfolioScope } from '../../../shared/codes';
import { PORTFOLIO_SCOPES } from '../../../shared/codes';

// Figures of the value analysis for the reader's language, and the portfolio a picker value names.

export { escapeHtml } from '../prospect-analytics/format';

/** 66.7% ; a dash when there is no share. */
export function percentText(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined || !Number.isFinite(share)
    ? '—'
    : new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/** A share of a whole; null when the whole is zero. */
export const shareOf = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The value of a portfolio picker: `bank`, `branch:3`, `team:7`, `rm:12`. */
export function portfolioKey(scope: PortfolioScope, id?: number | null): string {
  return scope === 'bank' ? 'bank' : `${scope}:${id}`;
}

export function parsePortfolioKey(
  key: string | null | undefined,
): { scope: PortfolioScope; id?: number } | null {
  if (!key) return null;
  if (key === 'bank') return { scope: 'bank' };
  const [scope, id] = key.split(':');
  const n = Number(id);
  if (!PORTFOLIO_SCOPES.codes.includes(scope as PortfolioScope) || !(n > 0)) return null;
  return { scope: scope as PortfolioScope, id: n };
}

/** A month YYYY-MM. */
export const isMonth = (v: string | null): v is string => !!v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
