import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CONCESSION_KINDS, type ConcessionKind } from '../../../../shared/codes';
import { bankDate, isoDate } from '../../../../shared/schemas/common';
import { concessionCreateSchema } from '../../../../shared/schemas/value';
import { formatYuan } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { TabFormModal } from '../../customers/components/tab-form-modal';
import { zodRule } from '../../customers/components/validation';
import { type Concession, useConcessions, useCreateConcession, useUpdateConcession } from '../api';
import { localizeError } from '../problems';

// Concessions at the bank's expense (fee waivers 费用减免, rate discounts 利率优惠; DOMAIN §5 pitfall 1):
// what was granted, who approved it and why, and its yearly cost, which the pitfall rule weighs
// against the customer's realized value. An editor adds one or ends one.

interface AddValues {
  kind: ConcessionKind;
  description: string;
  yearlyCost: number | null;
  approver: string;
  reason: string;
  startsOn: Dayjs | null;
  endsOn: Dayjs | null;
}
interface EndValues {
  endsOn: Dayjs | null;
}

const ADD_FIELDS = ['kind', 'description', 'yearlyCost', 'approver', 'reason', 'startsOn', 'endsOn'] as const;
const day = (d: unknown) => (dayjs.isDayjs(d) ? d.format('YYYY-MM-DD') : d === null ? null : undefined);
const text = (v: unknown) => (typeof v === 'string' ? v : '');
const shape = concessionCreateSchema.shape;

/** A field the concession needs, checked as the server checks it (`toApi`: the value it would send). */
function CheckedItem({
  name,
  label,
  schema,
  toApi,
  children,
}: {
  name: keyof AddValues;
  label: string;
  schema: z.ZodType;
  toApi?: (value: unknown) => unknown;
  children: ReactNode;
}) {
  const { t } = useTranslation('value');
  return (
    <Form.Item name={name} label={label} required rules={[zodRule(t, schema, toApi)]}>
      {children}
    </Form.Item>
  );
}

export function ConcessionsCard({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const { t } = useTranslation('value');
  const { message } = App.useApp();
  const list = useConcessions(customerId);
  const create = useCreateConcession(customerId);
  const update = useUpdateConcession(customerId);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Concession | null>(null);
  const [addForm] = Form.useForm<AddValues>();
  const [endForm] = Form.useForm<EndValues>();
  const today = bankDate(new Date());
  const items = list.data ?? [];
  const activeCost = items.filter((c) => c.active).reduce((s, c) => s + c.yearlyCost, 0);

  const statusOf = (c: Concession) =>
    c.active ? 'active' : c.startsOn > today ? 'upcoming' : ('ended' as const);
  const STATUS_COLORS = { active: 'processing', upcoming: 'purple', ended: 'default' } as const;

  const columns: ColumnsType<Concession> = [
    {
      key: 'kind',
      title: t('concessions.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (v) => codeLabel(CONCESSION_KINDS.labels, v),
    },
    { key: 'description', title: t('concessions.description'), dataIndex: 'description', ellipsis: true },
    {
      key: 'yearlyCost',
      title: t('concessions.yearlyCost'),
      dataIndex: 'yearlyCost',
      align: 'right',
      width: 150,
      render: (v: number) => formatYuan(v),
    },
    { key: 'approver', title: t('concessions.approver'), dataIndex: 'approver', width: 120 },
    { key: 'reason', title: t('concessions.reason'), dataIndex: 'reason', ellipsis: true },
    {
      key: 'period',
      title: t('concessions.period'),
      width: 210,
      render: (_, c) => `${c.startsOn} ~ ${c.endsOn ?? t('concessions.openEnded')}`,
    },
    {
      key: 'status',
      title: t('concessions.status'),
      width: 90,
      render: (_, c) => {
        const s = statusOf(c);
        return <Tag color={STATUS_COLORS[s]}>{t(`concessions.statuses.${s}`)}</Tag>;
      },
    },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('actions'),
            width: 100,
            render: (_: unknown, c: Concession) =>
              c.endsOn === null || c.endsOn >= today ? (
                <Button
                  size="small"
                  icon={<StopOutlined />}
                  aria-label={t('concessions.endOf', { description: c.description })}
                  onClick={() => {
                    endForm.setFieldsValue({ endsOn: dayjs(today) });
                    setEnding(c);
                  }}
                >
                  {t('concessions.end')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  const submitAdd = async (v: AddValues) => {
    await create
      .mutateAsync({
        kind: v.kind,
        description: v.description.trim(),
        yearlyCost: v.yearlyCost ?? 0,
        approver: v.approver.trim(),
        reason: v.reason.trim(),
        startsOn: day(v.startsOn) ?? today,
        endsOn: day(v.endsOn) ?? null,
      })
      .catch((e) => Promise.reject(localizeError(t, e)));
    message.success(t('concessions.added'));
    setAdding(false);
  };

  const submitEnd = async (v: EndValues) => {
    if (!ending) return;
    await update
      .mutateAsync({
        concessionId: ending.id,
        body: { version: ending.version, endsOn: day(v.endsOn) ?? today },
      })
      .catch((e) => Promise.reject(localizeError(t, e)));
    message.success(t('concessions.ended'));
    setEnding(null);
  };

  return (
    <Card
      size="small"
      title={t('concessions.title')}
      extra={
        canEdit && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              addForm.resetFields();
              addForm.setFieldsValue({ startsOn: dayjs(today) });
              setAdding(true);
            }}
          >
            {t('concessions.add')}
          </Button>
        )
      }
    >
      {list.error && <Alert type="error" showIcon title={(list.error as Error).message} />}
      {items.length === 0 && !list.isPending ? (
        // Plain secondary text: the table's own empty placeholder is too faint for AA contrast.
        <Typography.Text type="secondary">{t('concessions.empty')}</Typography.Text>
      ) : (
        <Table<Concession>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={items}
          columns={columns}
          pagination={false}
          footer={() => (
            <Typography.Text>
              {t('concessions.activeTotal', { amount: formatYuan(activeCost) })}
            </Typography.Text>
          )}
        />
      )}

      <TabFormModal<AddValues>
        open={adding}
        title={t('concessions.addTitle')}
        form={addForm}
        name="concessionAdd"
        fields={ADD_FIELDS}
        onSubmit={submitAdd}
        onClose={() => setAdding(false)}
      >
        <CheckedItem name="kind" label={t('concessions.kind')} schema={shape.kind}>
          <Select
            options={CONCESSION_KINDS.codes.map((k) => ({
              value: k,
              label: codeLabel(CONCESSION_KINDS.labels, k),
            }))}
          />
        </CheckedItem>
        <CheckedItem
          name="description"
          label={t('concessions.description')}
          schema={shape.description}
          toApi={text}
        >
          <Input maxLength={500} placeholder={t('concessions.descriptionPlaceholder')} />
        </CheckedItem>
        <CheckedItem name="yearlyCost" label={t('concessions.yearlyCostYuan')} schema={shape.yearlyCost}>
          <InputNumber<number> min={0} step={100} precision={2} style={{ width: '100%' }} prefix="¥" />
        </CheckedItem>
        <CheckedItem name="approver" label={t('concessions.approver')} schema={shape.approver} toApi={text}>
          <Input maxLength={100} placeholder={t('concessions.approverPlaceholder')} />
        </CheckedItem>
        <CheckedItem name="reason" label={t('concessions.reason')} schema={shape.reason} toApi={text}>
          <Input.TextArea rows={2} maxLength={1000} showCount />
        </CheckedItem>
        <CheckedItem name="startsOn" label={t('concessions.startsOn')} schema={isoDate} toApi={day}>
          <DatePicker style={{ width: '100%' }} />
        </CheckedItem>
        <Form.Item name="endsOn" label={t('concessions.endsOn')} extra={t('concessions.endsOnHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </TabFormModal>

      <TabFormModal<EndValues>
        open={ending !== null}
        title={t('concessions.endTitle', { description: ending?.description ?? '' })}
        form={endForm}
        name="concessionEnd"
        fields={['endsOn']}
        onSubmit={submitEnd}
        onClose={() => setEnding(null)}
        staleMessage={t('concessions.stale')}
      >
        <CheckedItem name="endsOn" label={t('concessions.endsOn')} schema={isoDate} toApi={day}>
          <DatePicker style={{ width: '100%' }} />
        </CheckedItem>
      </TabFormModal>
    </Card>
  );
}
