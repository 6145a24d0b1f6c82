import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, contactStatus, inTimeSince, type MaintenanceSettings, policyFor } from './maintenance';

const SETTINGS: MaintenanceSettings = {
  policies: [
    { valueTier: 'A', kind: 'corporate', maxDays: 30, forms: ['functional'], servicePackage: 'key_customer' },
    {
      valueTier: 'A',
      kind: 'individual',
      maxDays: 45,
      forms: ['psychological'],
      servicePackage: 'key_customer',
    },
    { valueTier: 'B', kind: 'corporate', maxDays: 60, forms: ['functional'], servicePackage: 'sme_quality' },
    { valueTier: 'D', kind: 'corporate', maxDays: 180, forms: ['software'], servicePackage: 'standard' },
  ],
  channels: ['visit', 'phone'],
  dueSoonDays: 7,
};

const status = (today: string, over: Partial<Parameters<typeof contactStatus>[0]> = {}) =>
  contactStatus({
    lastContactOn: '2026-01-01',
    since: '2020-05-05',
    maxDays: 30,
    dueSoonDays: 7,
    today,
    ...over,
  });

describe('maintenance policy 差别维护', () => {
  it('finds the policy of the value tier and the customer kind', () => {
    expect(policyFor(SETTINGS, 'A', 'corporate')?.maxDays).toBe(30);
    expect(policyFor(SETTINGS, 'A', 'individual')?.maxDays).toBe(45);
    expect(policyFor(SETTINGS, 'B', 'corporate')?.servicePackage).toBe('sme_quality');
    expect(policyFor(SETTINGS, 'D', 'corporate')?.maxDays).toBe(180);
  });

  it('has no policy for a customer with no value tier, or a tier and kind not configured', () => {
    expect(policyFor(SETTINGS, null, 'corporate')).toBeNull();
    expect(policyFor(SETTINGS, 'C', 'corporate')).toBeNull();
    expect(policyFor(SETTINGS, 'B', 'individual')).toBeNull();
  });
});

describe('bank days', () => {
  it('adds days across month ends, year ends and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
    expect(addDays('2025-01-01', 365)).toBe('2026-01-01');
    expect(addDays('2024-01-01', 365)).toBe('2024-12-31');
  });
});

describe('contact status', () => {
  it('is due, not overdue, exactly maxDays after the last contact', () => {
    const s = status('2026-01-31');
    expect(s.dueOn).toBe('2026-01-31');
    expect(s.daysLeft).toBe(0);
    expect(s.state).not.toBe('overdue');
    expect(s.state).toBe('due_soon');
  });

  it('is overdue by one day at maxDays + 1', () => {
    const s = status('2026-02-01');
    expect(s.state).toBe('overdue');
    expect(s.daysLeft).toBe(-1);
    expect(status('2026-03-02').daysLeft).toBe(-30);
  });

  it('is due soon in the last dueSoonDays days, and ok before', () => {
    expect(status('2026-01-24')).toMatchObject({ state: 'ok', daysLeft: 7 });
    expect(status('2026-01-25')).toMatchObject({ state: 'due_soon', daysLeft: 6 });
    expect(status('2026-01-30')).toMatchObject({ state: 'due_soon', daysLeft: 1 });
    expect(status('2026-01-01')).toMatchObject({ state: 'ok', daysLeft: 30 });
  });

  it('has no due-soon window when dueSoonDays is 0', () => {
    expect(status('2026-01-31', { dueSoonDays: 0 })).toMatchObject({ state: 'ok', daysLeft: 0 });
    expect(status('2026-02-01', { dueSoonDays: 0 }).state).toBe('overdue');
  });

  it('counts from the day the customer became ours when there has been no contact', () => {
    const s = status('2026-03-01', { lastContactOn: null, since: '2026-01-15', maxDays: 45 });
    expect(s.dueOn).toBe('2026-03-01');
    expect(s.lastContactOn).toBeNull();
    expect(s.state).toBe('due_soon');
    expect(status('2026-03-02', { lastContactOn: null, since: '2026-01-15', maxDays: 45 }).state).toBe(
      'overdue',
    );
  });

  it('reports the last contact and counts across a leap day', () => {
    const s = status('2024-03-02', { lastContactOn: '2024-02-01', maxDays: 30 });
    expect(s.dueOn).toBe('2024-03-02');
    expect(s.lastContactOn).toBe('2024-02-01');
    expect(s.daysLeft).toBe(0);
  });

  const DAY = 86_400_000;
  const day = fc
    .integer({ min: Date.parse('2000-01-01') / DAY, max: Date.parse('2040-12-31') / DAY })
    .map((d) => new Date(d * DAY).toISOString().slice(0, 10));

  it('is overdue exactly when more than maxDays days have passed', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 1, max: 3660 }),
        fc.integer({ min: 0, max: 365 }),
        (last, elapsed, maxDays, dueSoonDays) => {
          const today = new Date(Date.parse(last) + elapsed * DAY).toISOString().slice(0, 10);
          const s = contactStatus({ lastContactOn: last, since: '1999-01-01', maxDays, dueSoonDays, today });
          expect(s.daysLeft).toBe(maxDays - elapsed);
          expect(s.state === 'overdue').toBe(elapsed > maxDays);
          expect(s.state === 'due_soon').toBe(elapsed <= maxDays && maxDays - elapsed < dueSoonDays);
        },
      ),
    );
  });

  it('agrees with inTimeSince: a contact on that day is in time, a day earlier is overdue', () => {
    expect(inTimeSince('2026-01-31', 30)).toBe('2026-01-01');
    expect(inTimeSince('2024-03-01', 1)).toBe('2024-02-29');
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 3660 }), (today, maxDays) => {
        const since = inTimeSince(today, maxDays);
        const base = { since: '1999-01-01', maxDays, dueSoonDays: 7, today };
        expect(contactStatus({ ...base, lastContactOn: since })).toMatchObject({ daysLeft: 0 });
        expect(contactStatus({ ...base, lastContactOn: since }).state).not.toBe('overdue');
        expect(contactStatus({ ...base, lastContactOn: addDays(since, -1) })).toMatchObject({
          state: 'overdue',
          daysLeft: -1,
        });
      }),
    );
  });
});
