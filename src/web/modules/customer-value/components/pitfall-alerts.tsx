import { Alert, Flex } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../app/format';
import { type Pitfall, usePitfalls } from '../api';
import { formatPercent, num, str } from '../format';

// Pitfalls 误区 (DOMAIN §5) the rules found for this customer, each with its numbers: concessions
// costing more than their share of the realized value, and loans on missing, stale or worsening
// financial statements.

function pitfallText(t: TFunction, p: Pitfall): { title: string; description: string } {
  const e = p.evidence;
  if (p.kind === 'concessions') {
    const ratio = num(e.ratio);
    const values = {
      cost: formatYuan(num(e.yearlyCost) ?? 0),
      realized: formatYuan(num(e.realized) ?? 0),
      ratio: formatPercent(ratio),
      share: formatPercent(num(e.share)),
    };
    return {
      title: t('pitfalls.concessions.title'),
      description:
        ratio === null ? t('pitfalls.concessions.noValue', values) : t('pitfalls.concessions.text', values),
    };
  }
  const problem = str(e.problem);
  const year = num(e.latestYear);
  const signs = Array.isArray(e.signs)
    ? (e.signs as unknown[]).filter((s): s is string => typeof s === 'string')
    : [];
  const description =
    problem === 'missing'
      ? t('pitfalls.statements.missing')
      : problem === 'stale'
        ? t('pitfalls.statements.stale', { year, until: str(e.currentUntil) ?? '—' })
        : t('pitfalls.statements.worsening', {
            year,
            signs: signs
              .map((s) => t(`pitfalls.sign.${s}`, { defaultValue: s }))
              .join(t('pitfalls.separator')),
          });
  return { title: t('pitfalls.statements.title'), description };
}

export function PitfallAlerts({ customerId }: { customerId: number }) {
  const { t } = useTranslation('value');
  const pitfalls = usePitfalls(customerId);
  if (!pitfalls.data || pitfalls.data.length === 0) return null;
  return (
    <Flex vertical gap="small" role="status" aria-label={t('pitfalls.label')}>
      {pitfalls.data.map((p) => {
        const text = pitfallText(t, p);
        return (
          <Alert
            // One warning of each kind at most.
            key={p.kind}
            type="warning"
            showIcon
            title={text.title}
            description={text.description}
          />
        );
      })}
    </Flex>
  );
}
