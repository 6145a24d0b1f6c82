import { describe, expect, it } from 'vitest';
import { CUSTOMER_TIERS, NEED_TAGS } from '../../../shared/codes';
import { CellProblem, excelSerialToDate, foldFullWidth, labelIndex, readCell } from './cells';

// What a spreadsheet cell means in a column of each type.

describe('cells', () => {
  it('folds full-width digits, letters and signs', () => {
    expect(foldFullWidth('１２３．４５')).toBe('123.45');
    expect(foldFullWidth('ＡＢｃ－１')).toBe('ABc-1');
    expect(foldFullWidth('上海（浦东）')).toBe('上海(浦东)');
    expect(foldFullWidth('plain')).toBe('plain');
  });

  it('turns Excel serial days into dates', () => {
    expect(excelSerialToDate(45292)).toBe('2024-01-01');
    expect(excelSerialToDate(43831)).toBe('2020-01-01');
    expect(excelSerialToDate(0)).toBeNull();
  });

  it('reads dates written every way a spreadsheet writes them', () => {
    const date = (cell: Parameters<typeof readCell>[0]) => readCell(cell, { type: 'date' });
    expect(date('2024-01-05')).toBe('2024-01-05');
    expect(date('2024/1/5')).toBe('2024-01-05');
    expect(date('2024.1.5')).toBe('2024-01-05');
    expect(date('2024年1月5日')).toBe('2024-01-05');
    expect(date('２０２４年１月５日')).toBe('2024-01-05');
    expect(date('20240105')).toBe('2024-01-05');
    expect(date('45292')).toBe('2024-01-01');
    expect(date(45292)).toBe('2024-01-01');
    expect(date(20240105)).toBe('2024-01-05');
    expect(date(new Date(Date.UTC(2024, 0, 5)))).toBe('2024-01-05');
    expect(date('')).toBeNull();
    expect(date('2024')).toBe('2024'); // left for the schema to refuse
    expect(date('soon')).toBe('soon');
  });

  it('reads date-times as the bank’s local time unless an offset is written', () => {
    const at = (cell: Parameters<typeof readCell>[0]) => readCell(cell, { type: 'datetime' });
    expect(at('2026-01-05 09:30')).toBe('2026-01-05T09:30:00+08:00');
    expect(at('2026/1/5 9:30:15')).toBe('2026-01-05T09:30:15+08:00');
    expect(at('2026年1月5日 9时30分')).toBe('2026-01-05T09:30:00+08:00');
    expect(at('２０２６-０１-０５ ０９：３０')).toBe('2026-01-05T09:30:00+08:00');
    expect(at('2026-01-05T01:30:00Z')).toBe('2026-01-05T01:30:00Z');
    expect(at('2026-01-05')).toBe('2026-01-05T00:00:00+08:00');
    // Excel: the date-time shown, read by exceljs as that moment in UTC; a serial day with its fraction.
    expect(at(new Date(Date.UTC(2026, 0, 5, 9, 30)))).toBe('2026-01-05T09:30:00+08:00');
    expect(at(46027.5)).toBe('2026-01-05T12:00:00+08:00');
    expect(at('')).toBeNull();
    expect(at('yesterday')).toBe('yesterday');
  });

  it('reads months, including the dates Excel makes of them', () => {
    const month = (cell: Parameters<typeof readCell>[0]) => readCell(cell, { type: 'month' });
    expect(month('2024-03')).toBe('2024-03');
    expect(month('2024/3')).toBe('2024-03');
    expect(month('2024年3月')).toBe('2024-03');
    expect(month('202403')).toBe('2024-03');
    expect(month(202403)).toBe('2024-03');
    expect(month('2024-03-01')).toBe('2024-03');
    expect(month(new Date(Date.UTC(2024, 2, 1)))).toBe('2024-03');
    expect(month('2024-03-15')).toBe('2024-03-15');
  });

  it('reads amounts with thousands separators, currency signs and full-width digits', () => {
    const amount = (cell: Parameters<typeof readCell>[0]) => readCell(cell, { type: 'amount' });
    expect(amount('1,234,567.89')).toBe('1234567.89');
    expect(amount('¥ 1,000')).toBe('1000');
    expect(amount('１２３')).toBe('123');
    expect(amount('－１，２００．５')).toBe('-1200.5');
    expect(amount(0.1 + 0.2)).toBe('0.3');
    expect(amount('1,2')).toBe('1,2'); // not a thousands grouping: left for the schema to refuse
  });

  it('reads rates as fractions and percentages', () => {
    expect(readCell('4.35%', { type: 'rate' })).toBe('0.0435');
    expect(readCell('0.0435', { type: 'rate' })).toBe('0.0435');
    expect(readCell(0.0035, { type: 'rate' })).toBe('0.0035');
  });

  it('reads booleans in English and Chinese, and refuses anything else', () => {
    for (const t of ['true', 'TRUE', '是', '1', 'Y']) expect(readCell(t, { type: 'boolean' })).toBe(true);
    for (const f of ['false', '否', '0', 'no']) expect(readCell(f, { type: 'boolean' })).toBe(false);
    expect(readCell(true, { type: 'boolean' })).toBe(true);
    expect(() => readCell('maybe', { type: 'boolean' })).toThrow(CellProblem);
  });

  it('reads codes by their code or either label, and lists split on ; , or 、', () => {
    const tiers = { type: 'enum' as const, labels: labelIndex(CUSTOMER_TIERS.labels) };
    expect(readCell('高端客户', tiers)).toBe('high_end');
    expect(readCell('High-end', tiers)).toBe('high_end');
    expect(readCell('HIGH_END', tiers)).toBe('high_end');
    expect(readCell('gold', tiers)).toBe('gold');
    const tags = { type: 'list' as const, labels: labelIndex(NEED_TAGS.labels) };
    expect(readCell('deposit;贷款类', tags)).toEqual(['deposit', 'loan']);
    expect(readCell('存款类，外币业务、rmb', tags)).toEqual(['deposit', 'fx', 'rmb']);
    expect(readCell('', tags)).toEqual([]);
  });

  it('refuses formula errors and numbers that lost digits in Excel', () => {
    expect(() => readCell({ error: '#N/A' }, { type: 'text' })).toThrow('#N/A');
    expect(() => readCell(Number('6222021001012345999'), { type: 'code' })).toThrow(/lost its last digits/);
    expect(readCell(13812345678, { type: 'code' })).toBe('13812345678');
  });
});
