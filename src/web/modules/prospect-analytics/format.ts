import dayjs, { type Dayjs } from 'dayjs';
import { ANALYTICS_MAX_DAYS } from '../../../shared/schemas/prospect-analytics';

// Figures and periods of the pipeline analytics, for the reader's language.

export const MAX_DAYS = ANALYTICS_MAX_DAYS;

/** 66.7% ; a dash when there is no rate (nobody approached). */
export function percentText(rate: number | null | undefined): string {
  return rate === null || rate === undefined
    ? '—'
    : new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** The default period: the last twelve months, this one included. */
export function last12Months(today = dayjs()): [Dayjs, Dayjs] {
  return [today.subtract(11, 'month').startOf('month'), today];
}

export function periodPresets(today = dayjs()) {
  const quarterStart = today.month(Math.floor(today.month() / 3) * 3).startOf('month');
  return {
    thisMonth: [today.startOf('month'), today],
    thisQuarter: [quarterStart, today],
    thisYear: [today.startOf('year'), today],
    lastYear: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')],
    last12Months: last12Months(today),
  } satisfies Record<string, [Dayjs, Dayjs]>;
}

/** HTML-escaped text for ECharts tooltips, which render their formatter's string as HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}
