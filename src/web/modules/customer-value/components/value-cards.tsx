import { InfoCircleOutlined } from '@ant-design/icons';
import {
  Card,
  Col,
  Descriptions,
  Flex,
  Progress,
  Row,
  Statistic,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { NEED_TAGS, VALUE_TIERS } from '../../../../shared/codes';
import { formatYuan } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import type { CustomerValue } from '../api';
import { VALUE_TIER_COLORS } from '../colors';
import { formatCoefficient, formatPercent, formatPoints } from '../format';

// DOMAIN §3.1: realized value, potential value with every term of the wallet estimate, the model
// score with each term's share, and the Pareto value tier.

export function ValueCards({ value }: { value: CustomerValue }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12} xxl={6}>
        <RealizedCard value={value} />
      </Col>
      <Col xs={24} md={12} xxl={6}>
        <PotentialCard value={value} />
      </Col>
      <Col xs={24} md={12} xxl={6}>
        <ModelCard value={value} />
      </Col>
      <Col xs={24} md={12} xxl={6}>
        <TierCard value={value} />
      </Col>
    </Row>
  );
}

function RealizedCard({ value }: { value: CustomerValue }) {
  const { t } = useTranslation('value');
  const { token } = theme.useToken();
  const r = value.realized;
  const wallet = value.potential.wallet;
  return (
    <Card size="small" title={t('realized.title')} style={{ height: '100%' }}>
      <Statistic title={t('realized.window', { from: r.from, to: r.to })} value={formatYuan(r.value)} />
      <Typography.Paragraph type="secondary" style={{ marginTop: token.marginSM, marginBottom: 0 }}>
        {t('realized.explain')}
      </Typography.Paragraph>
      {wallet > 0 && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: token.marginSM }}
          items={[
            {
              key: 'share',
              label: t('realized.walletShare'),
              children: formatPercent(Math.min(1, Math.max(0, r.value / wallet))),
            },
          ]}
        />
      )}
    </Card>
  );
}

function PotentialCard({ value }: { value: CustomerValue }) {
  const { t } = useTranslation('value');
  const { token } = theme.useToken();
  const p = value.potential;
  const base = p.base;
  const sourceLabel = t(`potential.source.${base.source}`);
  const needs = p.openNeeds.reduce((s, n) => s + n.amount, 0);
  return (
    <Card size="small" title={t('potential.title')} style={{ height: '100%' }}>
      <Statistic title={t('potential.value')} value={formatYuan(p.value)} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: token.marginSM }}
        styles={{ content: { justifyContent: 'flex-end', fontVariantNumeric: 'tabular-nums' } }}
        items={[
          {
            key: 'base',
            label: sourceLabel,
            children:
              base.amount === null ? (
                <Typography.Text type="secondary">{t('potential.unknownBase')}</Typography.Text>
              ) : (
                formatYuan(base.amount)
              ),
          },
          {
            key: 'coefficient',
            label: t('potential.coefficient'),
            children: `× ${formatCoefficient(base.coefficient)}`,
          },
          { key: 'estimate', label: t('potential.estimate'), children: formatYuan(base.estimate) },
          {
            key: 'needs',
            label: t('potential.openNeeds'),
            children:
              p.openNeeds.length === 0 ? (
                <Typography.Text type="secondary">{t('potential.noOpenNeeds')}</Typography.Text>
              ) : (
                <Flex vertical align="flex-end">
                  {p.openNeeds.map((n) => (
                    <span key={n.tag}>
                      {t('potential.need', {
                        tag: codeLabel(NEED_TAGS.labels, n.tag),
                        amount: formatYuan(n.amount),
                      })}
                    </span>
                  ))}
                  {p.openNeeds.length > 1 && <span>= + {formatYuan(needs)}</span>}
                </Flex>
              ),
          },
          { key: 'wallet', label: t('potential.wallet'), children: formatYuan(p.wallet) },
          {
            key: 'realized',
            label: t('potential.minusRealized'),
            children: `− ${formatYuan(value.realized.value)}`,
          },
          {
            key: 'value',
            label: t('potential.equals'),
            children: <Typography.Text strong>{formatYuan(p.value)}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}

function ModelCard({ value }: { value: CustomerValue }) {
  const { t } = useTranslation('value');
  const { token } = theme.useToken();
  const m = value.model;
  const unknown = m.terms.some((x) => !x.known);
  return (
    <Card size="small" title={t('model.title')} style={{ height: '100%' }}>
      <Statistic title={t('model.score')} value={formatPoints(m.score)} suffix="/ 100" />
      <ul
        aria-label={t('model.terms')}
        style={{
          listStyle: 'none',
          margin: 0,
          marginTop: token.marginSM,
          padding: 0,
          display: 'flex',
          flexDirection: 'column',
          gap: token.marginXXS,
        }}
      >
        {m.terms.map((term) => {
          const label = t(`model.term.${term.term}`);
          return (
            <li key={term.term}>
              <Flex justify="space-between" gap="small">
                <Typography.Text type={term.known ? undefined : 'secondary'}>
                  {label}
                  <Typography.Text
                    type="secondary"
                    style={{ marginInlineStart: token.marginXS, fontSize: token.fontSizeSM }}
                  >
                    {t('model.weight', { weight: term.weight })}
                  </Typography.Text>
                </Typography.Text>
                <Typography.Text
                  type={term.known ? undefined : 'secondary'}
                  style={{ fontVariantNumeric: 'tabular-nums' }}
                >
                  {term.known
                    ? t('model.points', { points: formatPoints(term.points) })
                    : t('model.notMeasured')}
                </Typography.Text>
              </Flex>
              <Progress
                percent={term.known ? Math.round((term.factor ?? 0) * 1000) / 10 : 0}
                showInfo={false}
                size="small"
                strokeColor={term.known ? token.colorPrimary : token.colorTextQuaternary}
                aria-label={
                  term.known
                    ? t('model.termAria', {
                        term: label,
                        factor: Math.round((term.factor ?? 0) * 100),
                        points: formatPoints(term.points),
                      })
                    : t('model.termUnknownAria', { term: label })
                }
              />
            </li>
          );
        })}
      </ul>
      <Typography.Paragraph
        type="secondary"
        style={{ marginTop: token.marginXS, marginBottom: 0, fontSize: token.fontSizeSM }}
      >
        {t('model.explain')}
        {unknown ? t('model.unknownSpread') : ''}
      </Typography.Paragraph>
    </Card>
  );
}

function TierCard({ value }: { value: CustomerValue }) {
  const { t } = useTranslation('value');
  const { token } = theme.useToken();
  const s = value.stored;
  return (
    <Card
      size="small"
      title={
        <Flex gap={6} align="center">
          {t('tier.title')}
          <Tooltip title={t('tier.explain')}>
            <InfoCircleOutlined aria-label={t('tier.explain')} style={{ color: token.colorTextSecondary }} />
          </Tooltip>
        </Flex>
      }
      style={{ height: '100%' }}
    >
      {s.valueTier ? (
        <Flex vertical gap="small" align="flex-start">
          <Tag
            color={VALUE_TIER_COLORS[s.valueTier]}
            style={{
              fontSize: token.fontSizeLG,
              paddingBlock: token.paddingXXS,
              paddingInline: token.paddingSM,
            }}
          >
            {codeLabel(VALUE_TIERS.labels, s.valueTier)}
          </Tag>
          <Typography.Text>{t(`tier.meaning.${s.valueTier}`)}</Typography.Text>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('tier.none')}</Typography.Text>
      )}
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: token.marginSM }}
        items={[
          { key: 'asOf', label: t('tier.asOf'), children: s.asOf ?? '—' },
          {
            key: 'realized',
            label: t('tier.storedRealized'),
            children: s.realized === null ? '—' : formatYuan(s.realized),
          },
          {
            key: 'model',
            label: t('tier.storedModel'),
            children: s.model === null ? '—' : formatPoints(s.model),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: token.fontSizeSM }}>
        {t('tier.storedNote')}
      </Typography.Paragraph>
    </Card>
  );
}
