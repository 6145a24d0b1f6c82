import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CUSTOMER_TIERS, LIFECYCLE_STAGES } from '../../../../shared/codes';
import type { CustomerDetail } from '../../../../shared/schemas/customer';
import { ApiError } from '../../../app/api';
import { formatYuan } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { useFetchLatestCustomer, useUpdateCustomer } from '../../customers/hooks';
import type { CustomerValue } from '../api';
import { CUSTOMER_TIER_COLORS, STAGE_COLORS } from '../colors';
import { lifecycleEvidenceText } from './lifecycle-evidence';

// The lifecycle stage with its evidence in words (DOMAIN §2.1), and the relationship tier the rules
// suggest beside the one the RM set (DOMAIN §2), which an editor may apply.

export function StageAndTier({ customer, value }: { customer: CustomerDetail; value: CustomerValue }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <LifecycleCard value={value} />
      </Col>
      <Col xs={24} lg={12}>
        <TierSuggestionCard customer={customer} value={value} />
      </Col>
    </Row>
  );
}

function LifecycleCard({ value }: { value: CustomerValue }) {
  const { t } = useTranslation('value');
  const l = value.lifecycle;
  const evidence = lifecycleEvidenceText(t, l.evidence, l.inferred);
  return (
    <Card
      size="small"
      title={t('lifecycle.title')}
      extra={<Link to="?tab=lifecycle">{t('lifecycle.history')}</Link>}
      style={{ height: '100%' }}
    >
      <Space orientation="vertical" size="small">
        <Space wrap>
          <Tag color={STAGE_COLORS[l.stage]}>{codeLabel(LIFECYCLE_STAGES.labels, l.stage)}</Tag>
          <Tag color={l.manual ? 'purple' : 'default'}>
            {l.manual ? t('lifecycle.manual') : t('lifecycle.inferred')}
          </Tag>
        </Space>
        {l.manual && l.inferred && (
          <Typography.Text>
            {l.inferred === l.stage
              ? t('lifecycle.manualAgrees')
              : t('lifecycle.manualDiffers', { stage: codeLabel(LIFECYCLE_STAGES.labels, l.inferred) })}
          </Typography.Text>
        )}
        {evidence ? (
          <Typography.Text>{evidence}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('lifecycle.noEvidence')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}

function TierSuggestionCard({ customer, value }: { customer: CustomerDetail; value: CustomerValue }) {
  const { t } = useTranslation('value');
  const { message } = App.useApp();
  const update = useUpdateCustomer(customer.id);
  const fetchLatest = useFetchLatestCustomer(customer.id);
  const [stale, setStale] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const s = value.tierSuggestion;
  // The customer record is fresher than the value computed with it: compare with what it says now.
  const current = customer.tier;
  const differs = s.suggested !== current;
  const tierTag = (tier: string) => (
    <Tag color={CUSTOMER_TIER_COLORS[tier]}>{codeLabel(CUSTOMER_TIERS.labels, tier)}</Tag>
  );
  const amounts = {
    amount: s.amount === undefined ? '—' : formatYuan(s.amount),
    threshold: s.threshold === undefined ? '—' : formatYuan(s.threshold),
  };

  const apply = async () => {
    setStale(false);
    setProblem(null);
    try {
      await update.mutateAsync({ version: customer.version, tier: s.suggested });
      message.success(t('suggestion.applied', { tier: codeLabel(CUSTOMER_TIERS.labels, s.suggested) }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setStale(true);
      else setProblem(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Card size="small" title={t('suggestion.title')} style={{ height: '100%' }}>
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{t('suggestion.current')}</Typography.Text>
          {tierTag(current)}
          <Typography.Text>{t('suggestion.suggested')}</Typography.Text>
          {tierTag(s.suggested)}
        </Space>
        <Typography.Text>
          {t(`suggestion.reason.${s.reason}`, { defaultValue: s.reason, ...amounts })}
        </Typography.Text>
        {differs ? (
          customer.permissions.edit && (
            <Flex>
              <Button type="primary" loading={update.isPending} onClick={() => void apply()}>
                {t('suggestion.apply', { tier: codeLabel(CUSTOMER_TIERS.labels, s.suggested) })}
              </Button>
            </Flex>
          )
        ) : (
          <Typography.Text>
            <CheckCircleOutlined aria-hidden /> {t('suggestion.agrees')}
          </Typography.Text>
        )}
        {stale && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('suggestion.stale')}
            action={
              <Button
                size="small"
                onClick={() => {
                  setStale(false);
                  void fetchLatest();
                }}
              >
                {t('reload')}
              </Button>
            }
          />
        )}
        {problem && <Alert type="error" showIcon role="alert" title={problem} />}
      </Space>
    </Card>
  );
}
