import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DISQUALIFY_REASONS, PROSPECT_STATUSES } from '../../../../shared/codes';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import type { ProspectDetail } from '../api';
import { colon, STAGE_COLOURS } from '../format';

/** Every stage the prospect entered, with when, who and why: newest first. */
export function HistoryTab({ prospect: p }: { prospect: ProspectDetail }) {
  const { t } = useTranslation(['prospects', 'customer360']);
  if (p.history.length === 0) return <Empty description={t('history.empty')} />;
  const entries = [...p.history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline
      items={entries.map((h, i) => ({
        key: `${h.at}-${i}`,
        color:
          h.to === 'disqualified'
            ? 'red'
            : h.to === 'established' || h.to === 'product_followup'
              ? 'green'
              : 'blue',
        content: (
          <div>
            <Flex wrap gap={6} align="center">
              <Typography.Text strong>{formatDateTime(h.at)}</Typography.Text>
              {h.from ? (
                <>
                  <Tag color={STAGE_COLOURS[h.from]}>{codeLabel(PROSPECT_STATUSES.labels, h.from)}</Tag>
                  <ArrowRightOutlined aria-label={t('history.to')} />
                </>
              ) : (
                <Typography.Text type="secondary">{t('history.created')}</Typography.Text>
              )}
              <Tag color={STAGE_COLOURS[h.to]}>{codeLabel(PROSPECT_STATUSES.labels, h.to)}</Tag>
              {h.by && (
                <Typography.Text type="secondary">{t('history.by', { name: h.by.name })}</Typography.Text>
              )}
            </Flex>
            {h.reason && (
              <Typography.Paragraph style={{ marginBottom: 0, marginTop: 4 }}>
                <Typography.Text type="secondary">
                  {t('disqualify.reason')}
                  {colon()}
                </Typography.Text>
                {codeLabel(DISQUALIFY_REASONS.labels, h.reason)}
              </Typography.Paragraph>
            )}
            {h.note && (
              <Typography.Paragraph style={{ marginBottom: 0, marginTop: 4, whiteSpace: 'pre-wrap' }}>
                {h.note}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
