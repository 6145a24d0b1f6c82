import { BorderOutlined, CheckSquareOutlined } from '@ant-design/icons';
import { Badge, Flex, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, VISIT_PLAN_STATUSES } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import { VISIT_STATUS_BADGE } from './event-item';

/** What the dots and boxes mean: the visit plan statuses a calendar shows, and task states. */
export function CalendarLegend() {
  const { t } = useTranslation('calendar');
  const { token } = theme.useToken();
  const small = { fontSize: token.fontSizeSM };
  return (
    <Flex gap={token.marginMD} wrap align="center" style={small} aria-label={t('legend')} role="note">
      <Typography.Text type="secondary" style={small}>
        {t('legend')}
      </Typography.Text>
      {VISIT_PLAN_STATUSES.codes
        .filter((s) => s !== 'cancelled')
        .map((s) => (
          <Badge
            key={s}
            {...VISIT_STATUS_BADGE[s]}
            text={<span style={small}>{codeLabel(VISIT_PLAN_STATUSES.labels, s)}</span>}
          />
        ))}
      <span>
        <BorderOutlined aria-hidden /> {t('taskOpen')}
      </span>
      <span>
        <CheckSquareOutlined style={{ color: token.colorSuccess }} aria-hidden />{' '}
        {codeLabel(TASK_STATUSES.labels, 'done')}
      </span>
      <span style={{ color: token.colorError }}>
        <BorderOutlined aria-hidden /> {t('overdue')}
      </span>
    </Flex>
  );
}
