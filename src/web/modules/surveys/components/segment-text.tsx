import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_KINDS, LIFECYCLE_STAGES, VALUE_TIERS } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import { useBranches } from '../../admin/api';
import type { SurveySegment } from '../api';

/** The segment a campaign draws from, in words: "价值分层：A 类、B 类；客户类型：对公客户"; any when empty. */
export function SegmentText({ segment }: { segment: SurveySegment }) {
  const { t } = useTranslation('surveys');
  const branches = useBranches();
  const branchName = new Map((branches.data ?? []).map((b) => [b.id, b.name]));
  const parts = [
    {
      title: t('segment.valueTier'),
      values: segment.valueTiers.map((v) => codeLabel(VALUE_TIERS.labels, v)),
    },
    {
      title: t('segment.lifecycleStage'),
      values: segment.lifecycleStages.map((v) => codeLabel(LIFECYCLE_STAGES.labels, v)),
    },
    { title: t('segment.kind'), values: segment.kinds.map((v) => codeLabel(CUSTOMER_KINDS.labels, v)) },
    { title: t('segment.branch'), values: segment.branchIds.map((id) => branchName.get(id) ?? `#${id}`) },
  ].filter((p) => p.values.length > 0);
  if (parts.length === 0) return <Typography.Text>{t('segment.all')}</Typography.Text>;
  return (
    <Typography.Text>
      {parts
        .map((p) => t('segment.part', { title: p.title, values: p.values.join(t('segment.and')) }))
        .join(t('segment.sep'))}
    </Typography.Text>
  );
}
