import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatYuan } from '../../../app/format';
import { type KeyPerson, nodeLink } from '../api';

// Key persons 关键中心人物, ranked by the referrals they brought and how many became customers. The
// value of the converted customers arrives with customer value (issue #7): its column appears once the
// server answers one.

export function KeyPersonTable({ items, loading }: { items: KeyPerson[]; loading: boolean }) {
  const { t } = useTranslation('pipeline');
  const withValue = items.some((k) => k.convertedValue !== null);

  const columns = useMemo<ColumnsType<KeyPerson>>(
    () => [
      { key: 'rank', title: t('keyPersons.rank'), width: 48, align: 'end', render: (_, __, i) => i + 1 },
      {
        key: 'name',
        title: t('keyPersons.referrer'),
        render: (_, k) => {
          const to = nodeLink(k.referrer);
          const name = k.referrer.name ?? '';
          return (
            <>
              {to ? <Link to={to}>{name}</Link> : name}{' '}
              <Tag bordered={false}>{t(`network.kind.${k.referrer.kind}`)}</Tag>
              {k.referrer.organisation && (
                <Typography.Text type="secondary">{k.referrer.organisation.name}</Typography.Text>
              )}
            </>
          );
        },
      },
      { key: 'referrals', title: t('keyPersons.referrals'), align: 'end', render: (_, k) => k.referrals },
      {
        key: 'converted',
        title: t('keyPersons.converted'),
        align: 'end',
        render: (_, k) =>
          k.converted === 0 ? (
            <Typography.Text type="secondary">0</Typography.Text>
          ) : (
            <strong>{k.converted}</strong>
          ),
      },
      ...(withValue
        ? [
            {
              key: 'value',
              title: t('keyPersons.value'),
              align: 'end' as const,
              render: (_: unknown, k: KeyPerson) => formatYuan(k.convertedValue, true),
            },
          ]
        : []),
    ],
    [t, withValue],
  );

  return (
    <Table<KeyPerson>
      rowKey={(k) => k.referrer.id}
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('keyPersons.empty') }}
    />
  );
}
