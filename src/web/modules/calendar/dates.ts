import dayjs, { type Dayjs } from 'dayjs';
import type { CalendarEvent } from './api';

// Days of the calendar are bank days (Asia/Shanghai, UTC+8 all year, DOMAIN §8), whatever the
// browser's zone: a visit at 09:00 in Beijing is on the bank day and hour the RM planned it.

const BANK_OFFSET_MS = 8 * 3_600_000;

export type CalendarView = 'week' | 'month';

const bankClock = (iso: string) => new Date(Date.parse(iso) + BANK_OFFSET_MS).toISOString();

/** The bank day (YYYY-MM-DD) of an ISO instant. */
export const bankDayOf = (iso: string) => bankClock(iso).slice(0, 10);
/** The bank's wall-clock time (HH:mm) of an ISO instant. */
export const bankTimeOf = (iso: string) => bankClock(iso).slice(11, 16);
export const bankToday = () => bankDayOf(new Date().toISOString());

/** The bank day an event is on: a task's due day, a visit's start. */
export const eventDay = (event: CalendarEvent) => (event.allDay ? event.start : bankDayOf(event.start));

export const isDay = (value: string | null): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value).format('YYYY-MM-DD') === value;

export const toDay = (d: Dayjs) => d.format('YYYY-MM-DD');

/** The first day of a day's week in the page's language (Monday in Chinese), as in the month's grid. */
export const weekStart = (day: string) => dayjs(day).startOf('week');

/** The days the server is asked for: a week, or every day a month's grid can show (6 weeks, any first weekday). */
export function periodOf(view: CalendarView, anchor: string): { from: string; to: string } {
  if (view === 'week') {
    const start = weekStart(anchor);
    return { from: toDay(start), to: toDay(start.add(6, 'day')) };
  }
  const first = dayjs(anchor).startOf('month');
  return { from: toDay(first.subtract(6, 'day')), to: toDay(first.add(41, 'day')) };
}

/** The anchor a step earlier or later: a week or a month. */
export const shift = (view: CalendarView, anchor: string, steps: number) =>
  toDay(dayjs(anchor).add(steps, view === 'week' ? 'week' : 'month'));

/** Events by bank day, in the server's order (a day's tasks before its visits, visits by time). */
export function byDay(events: CalendarEvent[] | undefined) {
  const days = new Map<string, CalendarEvent[]>();
  for (const e of events ?? []) {
    const day = eventDay(e);
    const list = days.get(day);
    if (list) list.push(e);
    else days.set(day, [e]);
  }
  return days;
}
