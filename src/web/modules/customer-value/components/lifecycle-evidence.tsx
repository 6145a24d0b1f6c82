import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LifecycleStage } from '../../../../shared/codes';
import { formatYuan } from '../../../app/format';
import { formatPercent, num, str } from '../format';

// DOMAIN §2.1: the stage is inferred with its reason. The evidence is the rule's numbers
// (src/domain/lifecycle.ts LifecycleEvidence, money in yuan); this puts them in words, e.g.
// 近3个月日均余额合计 ¥X 较前3个月 ¥Y 增长 12.0%（≥10% 为成长期）.

/** The evidence of an inference in words, or null when there is none the page understands. */
export function lifecycleEvidenceText(
  t: TFunction,
  evidence: Record<string, unknown> | null | undefined,
  stage: LifecycleStage | null,
): string | null {
  if (!evidence) return null;
  const rule = str(evidence.rule);
  const month = str(evidence.month) ?? '';
  switch (rule) {
    case 'exit':
      return t('value:evidence.exit', { month });
    case 'all_closed':
      return t('value:evidence.allClosed', { month, held: num(evidence.accountsHeld) ?? 0 });
    case 'no_product':
      return t('value:evidence.noProduct', { month });
    case 'first_product':
      return t('value:evidence.firstProduct', {
        month,
        firstOpened: str(evidence.firstOpened) ?? '—',
        months: num(evidence.monthsSinceFirst) ?? 0,
      });
    case 'trend':
      return trendText(t, evidence, stage);
    default:
      return null;
  }
}

function trendText(t: TFunction, e: Record<string, unknown>, stage: LifecycleStage | null): string {
  const recent = num(e.recent) ?? 0;
  const before = num(e.before) ?? 0;
  const change = num(e.change);
  const measure = str(e.measure) === 'contribution' ? 'contribution' : 'balance';
  const movement =
    change === null
      ? recent === 0
        ? t('value:evidence.change.none')
        : t('value:evidence.change.fromZero')
      : change > 0
        ? t('value:evidence.change.up', { pct: formatPercent(change) })
        : change < 0
          ? t('value:evidence.change.down', { pct: formatPercent(-change) })
          : t('value:evidence.change.flat');
  const sentence = t(`value:evidence.trend.${measure}`, {
    recent: formatYuan(recent),
    before: formatYuan(before),
    movement,
  });
  const open = num(e.accountsOpen);
  const openBefore = num(e.openBefore);
  const fewer =
    open !== null && openBefore !== null && open < openBefore
      ? t('value:evidence.fewerOpen', { open, before: openBefore })
      : '';
  const growth = num(e.growthThreshold);
  const decline = num(e.declineThreshold);
  let conclusion = '';
  if (stage === 'growth')
    conclusion =
      growth === null
        ? t('value:evidence.conclusion.growth')
        : t('value:evidence.conclusion.growthAt', { pct: formatPercent(growth, 0) });
  else if (stage === 'decline')
    conclusion = fewer
      ? t('value:evidence.conclusion.declineFewer')
      : decline === null
        ? t('value:evidence.conclusion.decline')
        : t('value:evidence.conclusion.declineAt', { pct: formatPercent(decline, 0) });
  else if (stage === 'maturity') conclusion = t('value:evidence.conclusion.maturity');
  return `${sentence}${fewer}${conclusion}`;
}

/** The evidence as a secondary line, nothing when there is none. */
export function LifecycleEvidenceLine({
  evidence,
  stage,
}: {
  evidence: Record<string, unknown> | null | undefined;
  stage: LifecycleStage | null;
}) {
  const { t } = useTranslation('value');
  const text = lifecycleEvidenceText(t, evidence, stage);
  if (!text) return null;
  return <Typography.Text type="secondary">{text}</Typography.Text>;
}
