import { METRIC_UNITS } from '../../../shared/codes';
import { formatYuan } from '../../app/format';
import { codeLabel } from '../../i18n';

/** The colour of a plan's status tag. */
export const STATUS_COLOURS: Record<string, string> = {
  draft: 'default',
  pending_approval: 'gold',
  planned: 'blue',
  returned: 'orange',
  completed: 'green',
  cancelled: 'default',
};

/** A target or an actual value in its unit. */
export function targetText(unit: string | null, value: number | null) {
  if (value === null) return '—';
  if (unit === 'yuan') return formatYuan(value);
  if (unit === 'percent') return `${value}%`;
  return unit ? `${value} ${codeLabel(METRIC_UNITS.labels, unit)}` : String(value);
}

/**
 * Whom a plan or a contact record is about: its customer, or the prospect it was made with before
 * that became a customer (DOMAIN §4), with the page that shows it.
 */
export function subjectOf(record: {
  customer: { id: number; code: string; name: string } | null;
  prospect?: { id: number; code: string; name: string } | null;
}): { id: number; code: string; name: string; href: string; prospect: boolean } {
  if (record.customer)
    return { ...record.customer, href: `/customers/${record.customer.id}`, prospect: false };
  const p = record.prospect;
  if (p) return { ...p, href: `/prospects/${p.id}`, prospect: true };
  return { id: 0, code: '', name: '—', href: '#', prospect: false };
}
