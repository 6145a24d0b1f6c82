import { Alert, Empty, Flex, Progress, Space, Table, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProspectDetail } from '../api';
import { fitToken, reasonText } from '../format';

type Term = NonNullable<ProspectDetail['fit']>['terms'][number];

/**
 * What each criterion of the ideal-customer profile contributed to the fit score (DOMAIN §4 item 1):
 * its weight, the factor the prospect earned, the points out of the most it could give, and why.
 */
export function FitTab({ prospect: p }: { prospect: ProspectDetail }) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const { token } = theme.useToken();
  const fit = p.fit;
  if (!fit) return <Empty description={t('fit.none')} />;

  const totalWeight = fit.terms.reduce((sum, term) => sum + term.weight, 0);
  const maxPoints = (term: Term) => (totalWeight > 0 ? (term.weight / totalWeight) * 100 : 0);
  const criterion = (c: string) => t(`fit.criterion.${c}`, { defaultValue: c });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex gap="large" align="center" wrap>
        <Progress
          type="circle"
          size={96}
          percent={fit.score}
          strokeColor={token[fitToken(fit.score, fit.restricted)]}
          format={() => fit.score}
          aria-label={t('fit.short', { score: fit.score })}
        />
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('fit.title', { score: fit.score })}
          </Typography.Title>
          <Typography.Text type="secondary">
            {fit.profileVersion === 0
              ? t('fit.profileDefault')
              : t('fit.profileVersion', { version: fit.profileVersion })}
          </Typography.Text>
        </div>
      </Flex>
      {fit.restricted && (
        <Alert type="error" showIcon title={t('fit.restrictedTitle')} description={t('fit.restricted')} />
      )}
      {fit.missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('fit.missingTitle', { count: fit.missing.length })}
          description={t('fit.missing', { list: fit.missing.map(criterion).join(t('listSeparator')) })}
        />
      )}
      <Table<Term>
        rowKey="criterion"
        size="middle"
        pagination={false}
        dataSource={fit.terms}
        scroll={{ x: 900 }}
        columns={[
          {
            key: 'criterion',
            title: t('fit.col.criterion'),
            render: (_, term) => (
              <Space size={4}>
                <Typography.Text strong={term.known} type={term.known ? undefined : 'warning'}>
                  {criterion(term.criterion)}
                </Typography.Text>
                {!term.known && <Tag color="warning">{t('fit.missingTag')}</Tag>}
              </Space>
            ),
          },
          { key: 'weight', title: t('fit.col.weight'), dataIndex: 'weight', align: 'right', width: 80 },
          {
            key: 'factor',
            title: t('fit.col.factor'),
            dataIndex: 'factor',
            align: 'right',
            width: 90,
            render: (v: number) => `${Math.round(v * 100)}%`,
          },
          {
            key: 'points',
            title: t('fit.col.points'),
            width: 240,
            render: (_, term) => {
              const max = maxPoints(term);
              return (
                <Flex align="center" gap={8}>
                  <Progress
                    percent={max > 0 ? (term.points / max) * 100 : 0}
                    showInfo={false}
                    size="small"
                    strokeColor={
                      fit.restricted ? token.colorError : term.known ? token.colorPrimary : token.colorWarning
                    }
                    style={{ width: 110, margin: 0 }}
                    aria-hidden
                  />
                  <Typography.Text>
                    {t('fit.pointsOf', { points: term.points, max: Math.round(max * 10) / 10 })}
                  </Typography.Text>
                </Flex>
              );
            },
          },
          {
            key: 'reason',
            title: t('fit.col.reason'),
            render: (_, term) => (
              <Typography.Text type={term.known ? undefined : 'warning'}>
                {reasonText(term.reason)}
              </Typography.Text>
            ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('fit.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {totalWeight}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
            <Table.Summary.Cell index={3}>
              <Typography.Text strong>{t('fit.pointsOf', { points: fit.score, max: 100 })}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4}>
              <Typography.Text type="secondary">{t('fit.rounding')}</Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Space>
  );
}
