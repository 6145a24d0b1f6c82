import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CHURN_CAUSES, CHURN_REASONS, type ChurnCause, type ChurnReason } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import { type ChurnRecord, type ChurnRecordsQuery, useChurnRecords } from '../api';
import { churnEvidence } from '../format';
import { ChurnReasonModal } from './churn-reason-modal';

// The lost customers of the period, paged on the server: how each was found lost and the evidence,
// whether it complained in the 12 months before, the reason its RM recorded (or that none was), and
// the button to record one. The filters and the page live in the caller's URL.

// Presets whose text meets the WCAG AA contrast on their own background (volcano, orange … do not).
const CAUSE_COLORS: Record<ChurnCause, string> = {
  all_closed: 'red',
  balance_drop: 'purple',
  exit: 'default',
};

export function ChurnRecordsTable({
  query,
  onChange,
  canRecord,
}: {
  query: ChurnRecordsQuery;
  /** New filter values; a filter change starts again at page 1. */
  onChange: (
    changes: Partial<Record<keyof ChurnRecordsQuery, string | undefined>>,
    resetPage?: boolean,
  ) => void;
  canRecord: boolean;
}) {
  const { t } = useTranslation('loyalty');
  const list = useChurnRecords(query);
  const [editing, setEditing] = useState<ChurnRecord | null>(null);

  const columns: ColumnsType<ChurnRecord> = [
    {
      key: 'customer',
      title: t('records.customer'),
      dataIndex: 'customer',
      render: (c: ChurnRecord['customer']) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/customers/${c.id}?tab=loyalty`}>{c.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'owner',
      title: t('records.owner'),
      dataIndex: 'owner',
      width: 110,
      render: (o: ChurnRecord['owner']) => o?.name ?? '—',
    },
    { key: 'lostMonth', title: t('records.lostMonth'), dataIndex: 'lostMonth', width: 100 },
    {
      key: 'cause',
      title: t('records.cause'),
      width: 280,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={CAUSE_COLORS[r.cause]}>{codeLabel(CHURN_CAUSES.labels, r.cause)}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {churnEvidence(t, r)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'complaintsBefore',
      title: t('records.complaintsBefore'),
      dataIndex: 'complaintsBefore',
      width: 120,
      align: 'center',
      render: (n: number) =>
        n > 0 ? (
          <Tag color="magenta">{t('records.complaintsCount', { count: n })}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('records.noComplaints')}</Typography.Text>
        ),
    },
    {
      key: 'reason',
      title: t('records.reason'),
      width: 220,
      render: (_, r) =>
        r.reason ? (
          <Space orientation="vertical" size={0}>
            <Tag color="blue">{codeLabel(CHURN_REASONS.labels, r.reason)}</Tag>
            {r.note && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: r.note }}>
                {r.note}
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Tag>{t('churn.notRecorded')}</Tag>
        ),
    },
    {
      key: 'returnedMonth',
      title: t('records.returned'),
      dataIndex: 'returnedMonth',
      width: 100,
      render: (m: string | null) =>
        m ? (
          <Tooltip title={t('records.returnedHint')}>
            <Tag color="green">{m}</Tag>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    ...(canRecord
      ? [
          {
            key: 'actions',
            title: t('records.actions'),
            width: 120,
            fixed: 'right' as const,
            render: (_: unknown, r: ChurnRecord) => (
              <Button
                size="small"
                type={r.reason ? 'default' : 'primary'}
                ghost={!r.reason}
                icon={<EditOutlined />}
                aria-label={t('records.recordFor', {
                  action: r.reason ? t('records.change') : t('records.record'),
                  name: r.customer.name,
                })}
                onClick={() => setEditing(r)}
              >
                {r.reason ? t('records.change') : t('records.record')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const select = (
    key: 'cause' | 'reason' | 'complainedBefore',
    options: { value: string; label: string }[],
    width: number,
  ) => (
    <Select
      allowClear
      aria-label={t(`records.filter.${key}`)}
      placeholder={t(`records.filter.${key}`)}
      style={{ width }}
      value={query[key] ?? null}
      options={options}
      onChange={(v: string | undefined) => onChange({ [key]: v ?? undefined })}
    />
  );

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {select(
          'cause',
          CHURN_CAUSES.codes.map((c: ChurnCause) => ({ value: c, label: codeLabel(CHURN_CAUSES.labels, c) })),
          170,
        )}
        {select(
          'reason',
          [
            { value: 'none', label: t('churn.notRecorded') },
            ...CHURN_REASONS.codes.map((r: ChurnReason) => ({
              value: r,
              label: codeLabel(CHURN_REASONS.labels, r),
            })),
          ],
          180,
        )}
        {select(
          'complainedBefore',
          [
            { value: 'true', label: t('records.filter.complained') },
            { value: 'false', label: t('records.filter.notComplained') },
          ],
          210,
        )}
        {(query.cause || query.reason || query.complainedBefore) && (
          <Button
            onClick={() => onChange({ cause: undefined, reason: undefined, complainedBefore: undefined })}
          >
            {t('records.filter.clear')}
          </Button>
        )}
      </Space>
      {list.error && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed', { message: (list.error as Error).message })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<ChurnRecord>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('records.empty') }}
        onChange={(p) =>
          onChange({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) }, false)
        }
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('records.total', { total: total.toLocaleString() }),
        }}
      />
      <ChurnReasonModal
        // The record as the list holds it now: after a refused save (409) the list reloads and the
        // modal takes the newer version, so the next save can succeed.
        record={editing ? (list.data?.items.find((r) => r.id === editing.id) ?? editing) : null}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
