import { BulbOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Progress,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, CHURN_CAUSES, CHURN_REASONS, LOYALTY_MEASURES } from '../../../../shared/codes';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { type CustomerLoyalty, type LoyaltyAssessment, useCustomerLoyalty } from '../api';
import { explainMeasure, percentText, pointsText, scoreColor } from '../format';
import { AssessmentModal } from './assessment-modal';

// The loyalty tab of the customer 360 page (DOMAIN §5): the loyalty index of the last value run and
// its six measures, each with its weight, score and where the score comes from; the levers the text
// names (broad contact, switching costs) with what raises loyalty; the RM's assessments and the form
// to add one; and, when the customer was lost, how and why.

export function LoyaltyTab({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const { t } = useTranslation('loyalty');
  const loyalty = useCustomerLoyalty(customerId);
  const l = loyalty.data;

  if (loyalty.error)
    return (
      <Alert type="error" showIcon title={t('loadFailed', { message: (loyalty.error as Error).message })} />
    );
  if (!l)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {l.churn && <ChurnAlert churn={l.churn} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <IndexCard loyalty={l} />
        </Col>
        <Col xs={24} lg={16}>
          <MeasuresCard loyalty={l} />
        </Col>
      </Row>
      <LeversCard levers={l.levers} />
      <AssessmentsCard customerId={customerId} assessments={l.assessments} canEdit={canEdit} />
    </Space>
  );
}

function ChurnAlert({ churn }: { churn: NonNullable<CustomerLoyalty['churn']> }) {
  const { t } = useTranslation('loyalty');
  return (
    <Alert
      type="warning"
      showIcon
      title={t('tab.lost', { month: churn.lostMonth, cause: codeLabel(CHURN_CAUSES.labels, churn.cause) })}
      description={
        churn.reason
          ? t('tab.lostReason', { reason: codeLabel(CHURN_REASONS.labels, churn.reason) })
          : t('tab.lostNoReason')
      }
    />
  );
}

function IndexCard({ loyalty }: { loyalty: CustomerLoyalty }) {
  const { t } = useTranslation('loyalty');
  const { token } = theme.useToken();
  const index = loyalty.index;
  const color = scoreColor(token, index);
  return (
    <Card size="small" title={t('tab.index')} style={{ height: '100%' }}>
      <Flex vertical align="center" gap="small">
        <Progress
          type="dashboard"
          percent={index === null ? 0 : Math.round(index * 100)}
          strokeColor={color}
          format={() => <span style={{ color: token.colorText }}>{pointsText(index)}</span>}
          aria-label={t('tab.indexLabel', { points: pointsText(index) })}
        />
        <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
          {!loyalty.asOf
            ? t('tab.notYet')
            : loyalty.settingsVersion === 0
              ? t('tab.asOfDefault', { month: loyalty.asOf })
              : t('tab.asOf', { month: loyalty.asOf, version: loyalty.settingsVersion })}
        </Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: token.fontSizeSM }}>
          {t('tab.indexExplain')}
        </Typography.Paragraph>
      </Flex>
    </Card>
  );
}

function MeasuresCard({ loyalty }: { loyalty: CustomerLoyalty }) {
  const { t } = useTranslation('loyalty');
  const { token } = theme.useToken();
  const total = loyalty.measures.reduce((s, m) => s + m.weight, 0);
  const rows = LOYALTY_MEASURES.codes
    .map((code) => loyalty.measures.find((m) => m.measure === code))
    .filter((m) => m !== undefined);
  return (
    <Card size="small" title={t('tab.measures')} style={{ height: '100%' }}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tab.notYet')} />
      ) : (
        <Flex vertical gap={token.marginSM}>
          {rows.map((m) => (
            <div key={m.measure}>
              <Flex align="center" justify="space-between" gap="small">
                <Flex align="center" gap="small" wrap>
                  <Typography.Text strong>{codeLabel(LOYALTY_MEASURES.labels, m.measure)}</Typography.Text>
                  <Tag>
                    {t('tab.weight', {
                      weight: m.weight,
                      share: percentText(total > 0 ? m.weight / total : null, 0),
                    })}
                  </Tag>
                </Flex>
                <Typography.Text strong={m.score !== null} style={{ whiteSpace: 'nowrap' }}>
                  {m.score === null ? t('tab.unknown') : t('tab.points', { points: pointsText(m.score) })}
                </Typography.Text>
              </Flex>
              <Progress
                percent={m.score === null ? 0 : Math.round(m.score * 100)}
                showInfo={false}
                size="small"
                strokeColor={scoreColor(token, m.score)}
                style={{ margin: 0 }}
                aria-hidden
              />
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                {explainMeasure(t, m)}
              </Typography.Text>
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function LeversCard({ levers }: { levers: CustomerLoyalty['levers'] }) {
  const { t } = useTranslation('loyalty');
  const { token } = theme.useToken();
  return (
    <Card size="small" title={t('tab.levers.title')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Statistic title={t('tab.levers.contactPersons')} value={levers.contactPersons} />
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {t('tab.levers.contactPersonsHint')}
          </Typography.Text>
        </Col>
        <Col xs={24} md={8}>
          <Statistic title={t('tab.levers.channels')} value={levers.channelsUsed12m.length} />
          <Flex wrap gap={4} style={{ margin: `${token.marginXXS}px 0` }}>
            {levers.channelsUsed12m.map((c) => (
              <Tag key={c}>{codeLabel(CHANNELS.labels, c)}</Tag>
            ))}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {t('tab.levers.channelsHint')}
          </Typography.Text>
        </Col>
        <Col xs={24} md={8}>
          <Statistic title={t('tab.levers.products')} value={levers.productsHeld} />
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {t('tab.levers.productsHint')}
          </Typography.Text>
        </Col>
      </Row>
      <Alert
        style={{ marginTop: token.marginSM }}
        type="info"
        icon={<BulbOutlined />}
        showIcon
        title={t('tab.levers.raise')}
        description={t('tab.levers.raiseText')}
      />
    </Card>
  );
}

function AssessmentsCard({
  customerId,
  assessments,
  canEdit,
}: {
  customerId: number;
  assessments: LoyaltyAssessment[];
  canEdit: boolean;
}) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const scaleText = (which: 'price' | 'competitor', v: number) =>
    `${v} · ${t(`explain.scale.${which}.${Math.round(v)}`)}`;
  return (
    <Card
      size="small"
      title={t('tab.assessment.title')}
      extra={
        canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('tab.assessment.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('tab.assessment.intro')}</Typography.Paragraph>
      {assessments.length === 0 ? (
        <Typography.Text type="secondary">{t('tab.assessment.empty')}</Typography.Text>
      ) : (
        <Table<LoyaltyAssessment>
          rowKey="id"
          size="small"
          pagination={assessments.length > 10 ? { pageSize: 10 } : false}
          dataSource={assessments}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'assessedAt',
              title: t('tab.assessment.when'),
              dataIndex: 'assessedAt',
              width: 150,
              render: formatDateTime,
            },
            {
              key: 'assessedBy',
              title: t('tab.assessment.who'),
              dataIndex: 'assessedBy',
              width: 110,
              render: (p: LoyaltyAssessment['assessedBy']) => p?.name ?? '—',
            },
            {
              key: 'price',
              title: t('tab.assessment.priceSensitivity'),
              dataIndex: 'priceSensitivity',
              width: 170,
              render: (v: number) => scaleText('price', v),
            },
            {
              key: 'competitor',
              title: t('tab.assessment.competitorAttitude'),
              dataIndex: 'competitorAttitude',
              width: 170,
              render: (v: number) => scaleText('competitor', v),
            },
            {
              key: 'note',
              title: t('tab.assessment.note'),
              dataIndex: 'note',
              render: (v: string | null) => v ?? '—',
            },
          ]}
        />
      )}
      <AssessmentModal
        customerId={customerId}
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          message.success(t('tab.assessment.saved'));
        }}
      />
    </Card>
  );
}
