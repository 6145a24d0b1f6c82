import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXIT_RULES, exitGroupOf } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import { type RiskFlagDto, useRiskFlags } from '../api';
import { RiskFlagClearModal, RiskFlagRecordModal } from './risk-flag-modals';

// The customer's risk flags, newest first: what was recorded, when and by whom, with its note; when
// and by whom it was cleared. A flag in force triggers its exit rule (DOMAIN §6.1) until cleared.

/** The kind of record a flag's group stands for: EX1 assessments, EX4 adverse records, EX5 nominations. */
const FLAG_GROUP_COLORS = { EX1: 'magenta', EX4: 'red', EX5: 'purple' } as const;
type FlagGroup = keyof typeof FLAG_GROUP_COLORS;

export function RiskFlagsCard({ customerId, canWrite }: { customerId: number; canWrite: boolean }) {
  const { t } = useTranslation('exitRisk');
  const flags = useRiskFlags(customerId);
  const [recording, setRecording] = useState(false);
  const [clearing, setClearing] = useState<RiskFlagDto | null>(null);
  const items = flags.data ?? [];
  const active = items.filter((f) => f.active).length;

  const columns: ColumnsType<RiskFlagDto> = [
    {
      key: 'code',
      title: t('flags.code'),
      render: (_, f) => {
        const group = exitGroupOf(f.code) as FlagGroup;
        return (
          <Space size={4} wrap>
            <Tag color={FLAG_GROUP_COLORS[group]}>{t(`flags.group.${group}`)}</Tag>
            <span>{codeLabel(EXIT_RULES.labels, f.code)}</span>
          </Space>
        );
      },
    },
    {
      key: 'recorded',
      title: t('flags.recorded'),
      width: 150,
      render: (_, f) => (
        <Flex vertical>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{f.recordedOn}</span>
          <Typography.Text type="secondary">{f.recordedBy?.name ?? '—'}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'note',
      title: t('flags.note'),
      render: (_, f) => f.note ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'cleared',
      title: t('flags.cleared'),
      width: 200,
      render: (_, f) =>
        f.clearedOn === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex vertical>
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>
              {f.clearedOn}
              {f.clearedBy && <Typography.Text type="secondary"> · {f.clearedBy.name}</Typography.Text>}
            </span>
            {f.clearNote && <Typography.Text type="secondary">{f.clearNote}</Typography.Text>}
          </Flex>
        ),
    },
    {
      key: 'status',
      title: t('flags.status'),
      width: 96,
      render: (_, f) =>
        f.active ? (
          <Tag color="red">{t('flags.active')}</Tag>
        ) : f.clearedOn !== null ? (
          <Tag>{t('flags.clearedTag')}</Tag>
        ) : (
          <Tag>{t('flags.notYet')}</Tag>
        ),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('flags.actions'),
            width: 80,
            render: (_: unknown, f: RiskFlagDto) =>
              f.clearedOn === null && (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  aria-label={t('flags.clearOf', {
                    rule: codeLabel(EXIT_RULES.labels, f.code),
                    date: f.recordedOn,
                  })}
                  onClick={() => setClearing(f)}
                >
                  {t('flags.clear')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={t('flags.title')}
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
            {t('flags.record')}
          </Button>
        )
      }
    >
      <Flex vertical gap="small">
        <Typography.Text type="secondary">
          {t('flags.summary', { active, cleared: items.length - active })}
        </Typography.Text>
        {flags.error && (
          <Alert
            type="error"
            showIcon
            title={t('flags.loadFailed')}
            description={(flags.error as Error).message}
          />
        )}
        <Table<RiskFlagDto>
          rowKey="id"
          size="small"
          loading={flags.isFetching}
          dataSource={items}
          columns={columns}
          locale={{ emptyText: t('flags.empty') }}
          pagination={items.length > 10 ? { pageSize: 10 } : false}
          scroll={{ x: 880 }}
        />
      </Flex>
      <RiskFlagRecordModal customerId={customerId} open={recording} onClose={() => setRecording(false)} />
      <RiskFlagClearModal customerId={customerId} flag={clearing} onClose={() => setClearing(null)} />
    </Card>
  );
}
