import { Col, Row, Statistic, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportOutcome } from '../api';
import { count } from '../format';

/** Rows read, and what they did (commit) or would do (validate). */
export function Counts({ outcome, centered = false }: { outcome: ImportOutcome; centered?: boolean }) {
  const { t } = useTranslation('imports');
  const { token } = theme.useToken();
  const done = outcome.mode === 'commit';
  const items = [
    { key: 'rows', title: t('result.rows'), value: outcome.rows },
    { key: 'inserted', title: t(done ? 'result.inserted' : 'result.wouldInsert'), value: outcome.inserted },
    { key: 'updated', title: t(done ? 'result.updated' : 'result.wouldUpdate'), value: outcome.updated },
    { key: 'unchanged', title: t('result.unchanged'), value: outcome.unchanged },
    {
      key: 'errors',
      title: t('result.errors'),
      value: outcome.errorCount,
      color: outcome.errorCount > 0 ? token.colorError : undefined,
    },
  ];
  return (
    <Row gutter={[24, 16]} justify={centered ? 'center' : 'start'}>
      {items.map((item) => (
        <Col key={item.key} xs={12} sm={8} md={4}>
          <Statistic
            title={item.title}
            value={item.value}
            formatter={(v) => count(Number(v))}
            styles={item.color ? { content: { color: item.color } } : undefined}
          />
        </Col>
      ))}
    </Row>
  );
}
