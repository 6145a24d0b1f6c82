import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dateMonthIndex, monthEnd, monthIndex, monthRange, monthText } from './months';

/** Any month of the years 1100–9000 (four-digit years, with room to add months). */
const month = fc
  .tuple(fc.integer({ min: 1100, max: 9000 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);

describe('calendar months as integers', () => {
  it('numbers consecutive months consecutively, across the turn of the year', () => {
    expect(monthIndex('2024-01')).toBe(2024 * 12);
    expect(monthIndex('2024-12') - monthIndex('2024-01')).toBe(11);
    expect(monthIndex('2025-01') - monthIndex('2024-12')).toBe(1);
    expect(monthText(2024 * 12)).toBe('2024-01');
    expect(monthText(2024 * 12 + 11)).toBe('2024-12');
  });

  it('rejects what is not a month', () => {
    for (const bad of ['2024-00', '2024-13', '2024-1', '24-01', '2024-01-01', '2024/01', '', 'abcd-ef'])
      expect(() => monthIndex(bad), bad).toThrow(RangeError);
  });

  it('reads back the text it writes', () => {
    fc.assert(fc.property(month, (m) => monthText(monthIndex(m)) === m));
  });

  it('reads the month of a date as monthIndex reads the month, and rejects what does not start with one', () => {
    expect(dateMonthIndex('2024-01-31')).toBe(2024 * 12);
    expect(dateMonthIndex('2024-12-01')).toBe(2024 * 12 + 11);
    expect(dateMonthIndex('2024-12')).toBe(2024 * 12 + 11);
    fc.assert(
      fc.property(month, fc.integer({ min: 1, max: 31 }), (m, d) => {
        expect(dateMonthIndex(`${m}-${String(d).padStart(2, '0')}`)).toBe(monthIndex(m));
      }),
    );
    for (const bad of [
      '2024-00-01',
      '2024-13-01',
      '2024-1-01',
      '24-01-01',
      '2024/01/01',
      '',
      '2024-0',
      'abcd-ef-gh',
    ])
      expect(() => dateMonthIndex(bad), bad).toThrow(RangeError);
  });

  it('adds and subtracts months across years', () => {
    expect(addMonths('2024-11', 3)).toBe('2025-02');
    expect(addMonths('2024-03', -3)).toBe('2023-12');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(addMonths('2024-06', 0)).toBe('2024-06');
    expect(addMonths('2024-12', 15)).toBe('2026-03');
    expect(addMonths('2025-06', -24)).toBe('2023-06');
    fc.assert(
      fc.property(month, fc.integer({ min: -600, max: 600 }), (m, n) => {
        const shifted = addMonths(m, n);
        expect(monthIndex(shifted) - monthIndex(m)).toBe(n);
        expect(addMonths(shifted, -n)).toBe(m);
      }),
    );
  });

  it('knows the last day of every month, leap years included', () => {
    expect(monthEnd('2024-01')).toBe('2024-01-31');
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2023-02')).toBe('2023-02-28');
    expect(monthEnd('2000-02')).toBe('2000-02-29');
    expect(monthEnd('1900-02')).toBe('1900-02-28');
    expect(monthEnd('2100-02')).toBe('2100-02-28');
    expect(monthEnd('2025-04')).toBe('2025-04-30');
    expect(monthEnd('2025-06')).toBe('2025-06-30');
    expect(monthEnd('2025-09')).toBe('2025-09-30');
    expect(monthEnd('2025-11')).toBe('2025-11-30');
    expect(monthEnd('2025-12')).toBe('2025-12-31');
  });

  it('the day after the month end is the first of the next month', () => {
    fc.assert(
      fc.property(month, (m) => {
        const end = monthEnd(m);
        expect(end.slice(0, 7)).toBe(m);
        const next = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        expect(next).toBe(`${addMonths(m, 1)}-01`);
      }),
    );
  });

  it('lists a range of months, both ends included, oldest first', () => {
    expect(monthRange('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthRange('2025-03', '2025-03')).toEqual(['2025-03']);
    expect(monthRange('2025-04', '2025-03')).toEqual([]);
    fc.assert(
      fc.property(month, fc.integer({ min: 0, max: 60 }), (from, n) => {
        const range = monthRange(from, addMonths(from, n));
        expect(range).toHaveLength(n + 1);
        expect(range[0]).toBe(from);
        expect(range.at(-1)).toBe(addMonths(from, n));
        for (let i = 1; i < range.length; i++) expect(range[i]! > range[i - 1]!).toBe(true);
      }),
    );
  });
});
