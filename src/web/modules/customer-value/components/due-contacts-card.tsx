import { AlertOutlined } from '@ant-design/icons';
import { Badge, Card, Flex, Space, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { VALUE_TIERS } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import { useDueContacts } from '../api';
import { VALUE_TIER_COLORS } from '../colors';
import { ContactStateTag } from './maintenance-card';

// 维护提醒 on the day page (DOMAIN §5 differentiated maintenance): the caller's customers whose next
// contact under their value tier's policy is overdue or due soon, most overdue first. Nothing shows
// when there are none (or when the caller has no portfolio to remind of).

export function DueContactsCard() {
  const { t } = useTranslation('value');
  const { token } = theme.useToken();
  const due = useDueContacts(5);
  const d = due.data;
  if (!d || d.overdue + d.dueSoon === 0) return null;
  const total = d.overdue + d.dueSoon;
  const hidden = total - d.items.length;
  const alarming = d.overdue > 0;

  return (
    <Card
      size="small"
      id="maintenance-due"
      title={
        <Space size="small">
          <span style={{ color: alarming ? token.colorError : token.colorWarning }} aria-hidden>
            <AlertOutlined />
          </span>
          <span>{t('due.title')}</span>
          <Badge
            count={total}
            overflowCount={999}
            color={alarming ? token.colorError : token.colorWarning}
            aria-label={t('due.count', { count: total })}
          />
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {t('due.summary', { overdue: d.overdue, dueSoon: d.dueSoon })}
        </Typography.Text>
      }
      styles={{ body: { paddingBlock: token.paddingXS } }}
    >
      <ul aria-label={t('due.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {d.items.map((item, i) => (
          <li
            key={item.customer.id}
            style={{
              paddingBlock: token.paddingSM,
              borderTop: i === 0 ? undefined : `${token.lineWidth}px solid ${token.colorBorderSecondary}`,
            }}
          >
            <Flex justify="space-between" align="center" wrap gap="small">
              <Space size="small" wrap>
                <Link to={`/customers/${item.customer.id}?tab=value`}>{item.customer.name}</Link>
                <Tag color={VALUE_TIER_COLORS[item.valueTier]}>
                  {codeLabel(VALUE_TIERS.labels, item.valueTier)}
                </Tag>
                <ContactStateTag state={item.state} daysLeft={item.daysLeft} />
              </Space>
              <Typography.Text type="secondary">
                {item.lastContactOn
                  ? t('due.last', { date: item.lastContactOn, days: item.maxDays, dueOn: item.dueOn })
                  : t('due.never', { days: item.maxDays, dueOn: item.dueOn })}
              </Typography.Text>
            </Flex>
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBlock: token.marginXS }}>
          {t('due.more', { count: hidden })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
