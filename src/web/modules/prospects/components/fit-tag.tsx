import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { fitColour } from '../format';

/** The fit score as a coloured tag: green from 70, gold from 40, red below or when the industry is restricted. */
export function FitTag({ score, restricted }: { score: number | null; restricted: boolean }) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const text =
    score === null ? t('fit.unscored') : t('fit.short', { score: score.toFixed(score % 1 === 0 ? 0 : 1) });
  const tag = <Tag color={fitColour(score, restricted)}>{text}</Tag>;
  return restricted ? <Tooltip title={t('fit.restricted')}>{tag}</Tooltip> : tag;
}
