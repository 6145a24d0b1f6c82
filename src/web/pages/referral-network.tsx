import { Alert, Card, Col, Flex, Row, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  type NetworkNode,
  nodeLink,
  useKeyPersons,
  useReferralNetwork,
} from '../modules/prospect-analytics/api';
import { KeyPersonTable } from '../modules/prospect-analytics/components/key-person-table';
import { NetworkGraph } from '../modules/prospect-analytics/components/network-graph';

/**
 * 介绍网络: who introduced whom among the customers, prospects, contact persons and key persons the
 * viewer may see, with the key persons ranked beside it. A prospect or customer opens from the graph,
 * from the ranking, or (with the keyboard) from the search above the graph.
 */
export default function ReferralNetworkPage() {
  const { t } = useTranslation('pipeline');
  const navigate = useNavigate();
  const network = useReferralNetwork();
  const keyPersons = useKeyPersons(20);

  const open = (node: NetworkNode) => {
    const to = nodeLink(node);
    if (to) navigate(to);
  };

  const openable = useMemo(
    () =>
      (network.data?.nodes ?? [])
        .filter((n) => nodeLink(n) !== null && n.kind !== 'contact')
        .map((n) => ({ value: n.id, label: n.name ?? '' }))
        .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    [network.data],
  );

  const error = network.error ?? keyPersons.error;

  return (
    <Card
      title={t('network.title')}
      extra={
        <Select
          aria-label={t('network.find')}
          placeholder={t('network.find')}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 240 }}
          value={null}
          options={openable}
          notFoundContent={t('network.findNone')}
          onChange={(id: string) => {
            const node = network.data?.nodes.find((n) => n.id === id);
            if (node) open(node);
          }}
        />
      }
    >
      <Flex vertical gap="middle">
        {error && (
          <Alert type="error" showIcon title={t('loadFailed', { message: (error as Error).message })} />
        )}
        {network.data?.truncated && <Alert type="warning" showIcon title={t('network.truncated')} />}
        <Typography.Text type="secondary">{t('network.hint')}</Typography.Text>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card size="small" title={t('network.graphTitle')}>
              <NetworkGraph network={network.data} loading={network.isPending} onOpen={open} />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small" title={t('keyPersons.title')}>
              <Flex vertical gap="small">
                <Typography.Text type="secondary">{t('keyPersons.hint')}</Typography.Text>
                <KeyPersonTable items={keyPersons.data ?? []} loading={keyPersons.isPending} />
              </Flex>
            </Card>
          </Col>
        </Row>
      </Flex>
    </Card>
  );
}
