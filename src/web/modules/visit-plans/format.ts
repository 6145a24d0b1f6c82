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
