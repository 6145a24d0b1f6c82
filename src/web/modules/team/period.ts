import dayjs, { type Dayjs } from 'dayjs';

// The periods the team page offers. The team overview answers at most 366 days at once.

export const MAX_DAYS = 366;

const quarterStart = (d: Dayjs) => d.month(Math.floor(d.month() / 3) * 3).startOf('month');

export function thisQuarter(today = dayjs()): [Dayjs, Dayjs] {
  const start = quarterStart(today);
  return [start, start.add(2, 'month').endOf('month')];
}

export function presets(today = dayjs()) {
  const lastQuarterStart = quarterStart(today).subtract(3, 'month');
  return {
    thisMonth: [today.startOf('month'), today.endOf('month')],
    lastMonth: [today.subtract(1, 'month').startOf('month'), today.subtract(1, 'month').endOf('month')],
    thisQuarter: thisQuarter(today),
    lastQuarter: [lastQuarterStart, lastQuarterStart.add(2, 'month').endOf('month')],
    thisYear: [today.startOf('year'), today.endOf('year')],
    last12Months: [today.subtract(11, 'month').startOf('month'), today.endOf('month')],
  } satisfies Record<string, [Dayjs, Dayjs]>;
}
