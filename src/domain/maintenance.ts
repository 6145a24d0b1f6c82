// Differentiated maintenance 差别维护: DOMAIN §5. Each value tier has a policy per customer kind (our
// rule, configurable): the most days allowed between qualifying contacts (A 30, B 60, C 90, D 180), the
// maintenance forms expected and the service package (key customers 重点客户, small and medium quality
// customers 中小优质客户, standard). A contact qualifies when its channel is one the policy counts.
// Pure, no I/O.
//
// Dates are bank days (YYYY-MM-DD). The next contact is due `maxDays` after the last qualifying one (or
// after the customer became ours, when there has been none): on the due day it is due, not overdue;
// the day after it is overdue by one day. "Due soon" is the last `dueSoonDays` days before.

import type { Channel, CustomerKind, MaintenanceForm, ServicePackage } from '../shared/codes';
import type { ParetoTier } from './pareto';

export interface MaintenancePolicy {
  valueTier: ParetoTier;
  kind: CustomerKind;
  maxDays: number;
  forms: MaintenanceForm[];
  servicePackage: ServicePackage;
}

export interface MaintenanceSettings {
  policies: MaintenancePolicy[];
  /** Channels whose contacts count. */
  channels: Channel[];
  dueSoonDays: number;
}

export function policyFor(
  settings: MaintenanceSettings,
  valueTier: ParetoTier | null,
  kind: CustomerKind,
): MaintenancePolicy | null {
  if (valueTier === null) return null;
  return settings.policies.find((p) => p.valueTier === valueTier && p.kind === kind) ?? null;
}

export type ContactState = 'ok' | 'due_soon' | 'overdue';

export interface ContactStatus {
  state: ContactState;
  /** The day the next contact is due. */
  dueOn: string;
  /** dueOn − today: negative when overdue. */
  daysLeft: number;
  lastContactOn: string | null;
}

const DAY = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** `date` plus `days` days. */
export const addDays = (date: string, days: number) => dateOf(dayNumber(date) + days);

export function contactStatus(input: {
  lastContactOn: string | null;
  /** The day the customer became ours: the clock starts there when there has been no contact. */
  since: string;
  maxDays: number;
  dueSoonDays: number;
  today: string;
}): ContactStatus {
  const from = input.lastContactOn ?? input.since;
  const dueOn = addDays(from, input.maxDays);
  const daysLeft = dayNumber(dueOn) - dayNumber(input.today);
  const state: ContactState = daysLeft < 0 ? 'overdue' : daysLeft < input.dueSoonDays ? 'due_soon' : 'ok';
  return { state, dueOn, daysLeft, lastContactOn: input.lastContactOn };
}

/** The last day a contact may have happened for the customer to be in time today: today − maxDays. */
export const inTimeSince = (today: string, maxDays: number) => addDays(today, -maxDays);
