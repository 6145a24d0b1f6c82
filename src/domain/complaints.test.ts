import { describe, expect, it } from 'vitest';
import { FEEDBACK_SEVERITIES } from '../shared/codes';
import {
  DEFAULT_COMPLAINT_DEADLINES,
  deadlineFor,
  hoursToResolve,
  isBreached,
  needsEscalation,
} from './complaints';

const RECEIVED = '2025-06-02T09:30:00.000Z';
const at = (iso: string) => new Date(iso);

describe('complaints: deadlines by severity', () => {
  it('gives a complaint 1, 3, 7 or 15 days from receipt by severity', () => {
    expect(deadlineFor('complaint', 'urgent', RECEIVED, DEFAULT_COMPLAINT_DEADLINES)).toBe(
      '2025-06-03T09:30:00.000Z',
    );
    expect(deadlineFor('complaint', 'high', RECEIVED, DEFAULT_COMPLAINT_DEADLINES)).toBe(
      '2025-06-05T09:30:00.000Z',
    );
    expect(deadlineFor('complaint', 'normal', RECEIVED, DEFAULT_COMPLAINT_DEADLINES)).toBe(
      '2025-06-09T09:30:00.000Z',
    );
    // the regulator's outer limit, 15 days
    expect(deadlineFor('complaint', 'low', RECEIVED, DEFAULT_COMPLAINT_DEADLINES)).toBe(
      '2025-06-17T09:30:00.000Z',
    );
  });

  it('gives a suggestion the same deadlines as a complaint', () => {
    expect(deadlineFor('suggestion', 'urgent', RECEIVED, DEFAULT_COMPLAINT_DEADLINES)).toBe(
      '2025-06-03T09:30:00.000Z',
    );
    expect(deadlineFor('suggestion', 'low', RECEIVED, DEFAULT_COMPLAINT_DEADLINES)).toBe(
      '2025-06-17T09:30:00.000Z',
    );
  });

  it('gives praise no deadline at any severity', () => {
    for (const severity of FEEDBACK_SEVERITIES.codes) {
      expect(deadlineFor('praise', severity, RECEIVED, DEFAULT_COMPLAINT_DEADLINES)).toBeNull();
    }
  });

  it('counts whole days across a month end and from an instant with an offset', () => {
    expect(deadlineFor('complaint', 'low', '2025-06-25T00:00:00.000Z', DEFAULT_COMPLAINT_DEADLINES)).toBe(
      '2025-07-10T00:00:00.000Z',
    );
    // 17:30 in Beijing is 09:30 UTC
    expect(deadlineFor('complaint', 'urgent', '2025-06-02T17:30:00+08:00', DEFAULT_COMPLAINT_DEADLINES)).toBe(
      '2025-06-03T09:30:00.000Z',
    );
    // February of a leap year
    expect(deadlineFor('complaint', 'high', '2024-02-27T12:00:00.000Z', DEFAULT_COMPLAINT_DEADLINES)).toBe(
      '2024-03-01T12:00:00.000Z',
    );
  });

  it('follows configured deadlines', () => {
    const custom = { urgent: 2, high: 5, normal: 10, low: 30 };
    expect(deadlineFor('complaint', 'urgent', RECEIVED, custom)).toBe('2025-06-04T09:30:00.000Z');
    expect(deadlineFor('complaint', 'high', RECEIVED, custom)).toBe('2025-06-07T09:30:00.000Z');
    expect(deadlineFor('complaint', 'normal', RECEIVED, custom)).toBe('2025-06-12T09:30:00.000Z');
    expect(deadlineFor('complaint', 'low', RECEIVED, custom)).toBe('2025-07-02T09:30:00.000Z');
  });
});

describe('complaints: breaches', () => {
  const DEADLINE = '2025-06-03T09:30:00.000Z';
  const open = { deadlineAt: DEADLINE, resolvedAt: null };

  it('is not breached while open before or exactly at the deadline, breached 1 ms later', () => {
    expect(isBreached(open, at('2025-06-02T10:00:00.000Z'))).toBe(false);
    expect(isBreached(open, at(DEADLINE))).toBe(false);
    expect(isBreached(open, at('2025-06-03T09:30:00.001Z'))).toBe(true);
    expect(isBreached(open, at('2025-07-01T00:00:00.000Z'))).toBe(true);
  });

  it('judges a resolved case by when it was resolved, not by now', () => {
    const later = at('2025-08-01T00:00:00.000Z');
    expect(isBreached({ deadlineAt: DEADLINE, resolvedAt: '2025-06-03T09:00:00.000Z' }, later)).toBe(false);
    expect(isBreached({ deadlineAt: DEADLINE, resolvedAt: DEADLINE }, later)).toBe(false);
    expect(isBreached({ deadlineAt: DEADLINE, resolvedAt: '2025-06-03T09:30:00.001Z' }, later)).toBe(true);
    // resolved late stays breached, even if "now" were before the deadline
    expect(
      isBreached(
        { deadlineAt: DEADLINE, resolvedAt: '2025-06-04T00:00:00.000Z' },
        at('2025-06-02T00:00:00.000Z'),
      ),
    ).toBe(true);
  });

  it('never breaches praise (no deadline)', () => {
    expect(isBreached({ deadlineAt: null, resolvedAt: null }, at('2030-01-01T00:00:00.000Z'))).toBe(false);
    expect(
      isBreached(
        { deadlineAt: null, resolvedAt: '2030-01-01T00:00:00.000Z' },
        at('2030-01-01T00:00:00.000Z'),
      ),
    ).toBe(false);
  });

  it('escalates an open case past its deadline once', () => {
    const past = at('2025-06-03T09:30:00.001Z');
    expect(needsEscalation({ ...open, escalatedAt: null }, past)).toBe(true);
    // exactly at the deadline: due, not yet
    expect(needsEscalation({ ...open, escalatedAt: null }, at(DEADLINE))).toBe(false);
    // already escalated: not again
    expect(needsEscalation({ ...open, escalatedAt: '2025-06-03T10:00:00.000Z' }, past)).toBe(false);
    // resolved (even late, so breached): nothing to escalate
    const lateFix = { deadlineAt: DEADLINE, resolvedAt: '2025-06-04T00:00:00.000Z', escalatedAt: null };
    expect(isBreached(lateFix, past)).toBe(true);
    expect(needsEscalation(lateFix, at('2025-06-05T00:00:00.000Z'))).toBe(false);
    // praise
    expect(needsEscalation({ deadlineAt: null, resolvedAt: null, escalatedAt: null }, past)).toBe(false);
  });
});

describe('complaints: hours to resolve', () => {
  it('is null while open', () => {
    expect(hoursToResolve(RECEIVED, null)).toBeNull();
  });

  it('counts hours with one decimal', () => {
    expect(hoursToResolve(RECEIVED, RECEIVED)).toBe(0);
    expect(hoursToResolve(RECEIVED, '2025-06-02T11:00:00.000Z')).toBe(1.5);
    expect(hoursToResolve(RECEIVED, '2025-06-03T11:30:00.000Z')).toBe(26);
    expect(hoursToResolve(RECEIVED, '2025-06-05T09:30:00.000Z')).toBe(72);
    // across an offset: 17:30 +08:00 is 09:30 UTC
    expect(hoursToResolve('2025-06-02T17:30:00+08:00', '2025-06-02T12:15:00.000Z')).toBe(2.8);
  });

  it('rounds to the nearest tenth, a half up', () => {
    // 1 h 3 min = 10.5 tenths → 1.1
    expect(hoursToResolve(RECEIVED, '2025-06-02T10:33:00.000Z')).toBe(1.1);
    // 1 ms less than that → 1.0
    expect(hoursToResolve(RECEIVED, '2025-06-02T10:32:59.999Z')).toBe(1);
    // 1 h 8 min 59 s = 11.497 tenths → 1.1; 1 h 9 min = 11.5 tenths → 1.2
    expect(hoursToResolve(RECEIVED, '2025-06-02T10:38:59.000Z')).toBe(1.1);
    expect(hoursToResolve(RECEIVED, '2025-06-02T10:39:00.000Z')).toBe(1.2);
    // 2 min = 0.33 tenths → 0; 3 min = 0.5 tenths → 0.1
    expect(hoursToResolve(RECEIVED, '2025-06-02T09:32:00.000Z')).toBe(0);
    expect(hoursToResolve(RECEIVED, '2025-06-02T09:33:00.000Z')).toBe(0.1);
  });
});
