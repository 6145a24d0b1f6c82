import { CustomerServiceOutlined } from '@ant-design/icons';
import { Badge, Card, Flex, Space, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUser } from '../../../app/auth';
import { useComplaintAlerts } from '../api';
import { DeadlineTag, EscalatedTag, KindTag, SeverityTag, useNow } from './complaint-tags';

// 投诉提醒 on the day page: the open complaints and suggestions assigned to the viewer or escalated to
// them (a team lead), the most urgent deadline first — how long each is overdue or has left, and
// which came to the viewer because someone else's breached. Nothing shows when there are none.

export function ComplaintAlertsCard() {
  const { t } = useTranslation('complaints');
  const { token } = theme.useToken();
  const user = useUser();
  const now = useNow();
  const alerts = useComplaintAlerts();
  const d = alerts.data;
  if (!d || d.items.length === 0) return null;
  const alarming = d.breached > 0;
  const count = d.breached + d.dueSoon;

  return (
    <Card
      size="small"
      id="complaint-alerts"
      title={
        <Space size="small">
          <span style={{ color: alarming ? token.colorError : token.colorWarning }} aria-hidden>
            <CustomerServiceOutlined />
          </span>
          <span>{t('alerts.title')}</span>
          {count > 0 && (
            <Badge
              count={count}
              overflowCount={999}
              color={alarming ? token.colorError : token.colorWarning}
              aria-label={t('alerts.count', { count })}
            />
          )}
        </Space>
      }
      extra={
        <Space size="middle">
          <Typography.Text type="secondary">
            {t('alerts.summary', { breached: d.breached, dueSoon: d.dueSoon })}
          </Typography.Text>
          <Link to="/complaints?status=open">{t('alerts.all')}</Link>
        </Space>
      }
      styles={{ body: { paddingBlock: token.paddingXS } }}
    >
      <ul aria-label={t('alerts.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {d.items.map((c, i) => {
          const toMe = c.escalatedTo?.id === user.id && c.assignee?.id !== user.id;
          return (
            <li
              key={c.id}
              style={{
                paddingBlock: token.paddingSM,
                borderTop: i === 0 ? undefined : `${token.lineWidth}px solid ${token.colorBorderSecondary}`,
              }}
            >
              <Flex justify="space-between" align="center" wrap gap="small">
                <Space size="small" wrap>
                  <Link to={`/complaints?id=${c.id}`}>{c.subject}</Link>
                  <KindTag kind={c.kind} />
                  <SeverityTag severity={c.severity} />
                  <DeadlineTag complaint={c} now={now} />
                  <EscalatedTag complaint={c} />
                  {toMe && (
                    <Tag color="purple" variant="solid">
                      {t('alerts.escalatedToYou')}
                    </Tag>
                  )}
                </Space>
                <Typography.Text type="secondary">
                  <Link to={`/customers/${c.customer.id}?tab=complaints`}>{c.customer.name}</Link>
                  {c.assignee && c.assignee.id !== user.id
                    ? ` · ${t('alerts.assignee', { name: c.assignee.name })}`
                    : ''}
                </Typography.Text>
              </Flex>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
