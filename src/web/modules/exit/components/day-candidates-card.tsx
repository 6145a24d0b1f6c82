import { AlertOutlined } from '@ant-design/icons';
import { Badge, Card, Flex, Space, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { bankDate } from '../../../../shared/schemas/common';
import { useCandidates } from '../api';
import { RuleTags } from './screening-triggers';

// 新增退出候选 on the day page (issue #9): the open exit candidates among the viewer's customers that a
// screening first found in the last 30 days, newest first, each with the rules that fired, and a
// link to the whole queue. Nothing shows when there are none.

const RECENT_DAYS = 30;
const SHOWN = 5;

export function DayCandidatesCard() {
  const { t } = useTranslation('exitScreening');
  const { token } = theme.useToken();
  const since = dayjs(bankDate(new Date())).subtract(RECENT_DAYS, 'day').format('YYYY-MM-DD');
  const list = useCandidates({ status: 'open', since, page: 1, pageSize: SHOWN });
  const d = list.data;
  if (!d || d.items.length === 0) return null;

  return (
    <Card
      size="small"
      id="exit-candidates"
      title={
        <Space size="small">
          <span style={{ color: token.colorError }} aria-hidden>
            <AlertOutlined />
          </span>
          <span>{t('day.title')}</span>
          <Badge
            count={d.total}
            overflowCount={999}
            color={token.colorError}
            aria-label={t('day.count', { count: d.total })}
          />
        </Space>
      }
      extra={
        <Space size="middle">
          <Typography.Text type="secondary">{t('day.summary', { days: RECENT_DAYS })}</Typography.Text>
          <Link to="/exit/candidates">{t('day.all')}</Link>
        </Space>
      }
      styles={{ body: { paddingBlock: token.paddingXS } }}
    >
      <ul aria-label={t('day.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {d.items.map((c, i) => (
          <li
            key={c.customer.id}
            style={{
              paddingBlock: token.paddingSM,
              borderTop: i === 0 ? undefined : `${token.lineWidth}px solid ${token.colorBorderSecondary}`,
            }}
          >
            <Flex justify="space-between" align="center" wrap gap="small">
              <Space size="small" wrap>
                <Link to={`/customers/${c.customer.id}`}>{c.customer.name}</Link>
                <RuleTags rules={c.triggers.map((x) => x.rule)} />
              </Space>
              <Space size="middle">
                <Typography.Text type="secondary">{t('day.since', { date: c.since })}</Typography.Text>
                {c.planId === null ? (
                  <Link
                    to={`/exit/plans/new?customerId=${c.customer.id}`}
                    aria-label={t('action.planOf', { name: c.customer.name })}
                  >
                    {t('action.plan')}
                  </Link>
                ) : (
                  <Link to={`/exit/plans/${c.planId}`}>{t('action.viewPlan')}</Link>
                )}
              </Space>
            </Flex>
          </li>
        ))}
      </ul>
      {d.total > d.items.length && (
        <Typography.Paragraph type="secondary" style={{ margin: 0, paddingBlockEnd: token.paddingXS }}>
          <Link to={`/exit/candidates?since=${since}`}>
            {t('day.more', { count: d.total - d.items.length })}
          </Link>
        </Typography.Paragraph>
      )}
    </Card>
  );
}
