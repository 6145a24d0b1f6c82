import { DeleteOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { LINK_KINDS } from '../../../../shared/codes';
import { type Link, linkCreateSchema } from '../../../../shared/schemas/link';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { useCreateLink, useCustomerSearch, useDeleteLink, useLinks } from '../hooks';
import { TabFormModal } from './tab-form-modal';
import { zodRule } from './validation';

// Links between customers (DOMAIN §2): group/affiliate, household, referral (who introduced whom).

/** The search text, settled for a moment so typing does not send a request per key. */
function useDebounced(value: string, ms = 300) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface Values {
  kind: Link['kind'];
  toCustomerId: number;
  note?: string;
}

interface LinksTabProps {
  customerId: number;
  canEdit: boolean;
}

export function LinksTab({ customerId, canEdit }: LinksTabProps) {
  const { t } = useTranslation('customer360');
  const { message } = App.useApp();
  const links = useLinks(customerId);
  const create = useCreateLink(customerId);
  const remove = useDeleteLink(customerId);
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const query = useDebounced(search);
  const found = useCustomerSearch(query);
  const kind = Form.useWatch('kind', form);

  const direction = (link: Link) => {
    if (link.kind !== 'referral') return t('links.mutual');
    return link.direction === 'outgoing' ? t('links.introduced') : t('links.introducedBy');
  };

  const submit = async (values: Values) => {
    await create.mutateAsync({
      kind: values.kind,
      toCustomerId: values.toCustomerId,
      note: values.note?.trim() ? values.note.trim() : null,
    });
    message.success(t('links.added'));
    setOpen(false);
  };

  const columns: ColumnsType<Link> = [
    {
      key: 'kind',
      title: t('links.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (v) => <Tag>{codeLabel(LINK_KINDS.labels, v)}</Tag>,
    },
    { key: 'direction', title: t('links.direction'), width: 130, render: (_, link) => direction(link) },
    {
      key: 'customer',
      title: t('links.customer'),
      render: (_, { linkedCustomer: c }) =>
        c.hidden || c.id === null ? (
          <Typography.Text type="secondary">
            <LockOutlined /> {t('links.hidden')}
          </Typography.Text>
        ) : (
          <RouterLink to={`/customers/${c.id}`}>
            {c.name} <Typography.Text type="secondary">{c.code}</Typography.Text>
          </RouterLink>
        ),
    },
    { key: 'note', title: t('links.note'), dataIndex: 'note', render: (v) => v ?? '—', ellipsis: true },
    {
      key: 'createdAt',
      title: t('links.createdAt'),
      dataIndex: 'createdAt',
      render: formatDateTime,
      width: 150,
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('actions'),
      width: 100,
      render: (_, link) =>
        link.removable ? (
          <Popconfirm
            title={t('links.deleteConfirm')}
            okText={t('delete')}
            cancelText={t('cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await remove.mutateAsync(link.id);
                message.success(t('links.deleted'));
              } catch (e) {
                message.error(e instanceof Error ? e.message : String(e));
              }
            }}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
              {t('delete')}
            </Button>
          </Popconfirm>
        ) : null,
    });
  }

  const options = (found.data ?? [])
    .filter((c) => c.id !== customerId)
    .map((c) => ({ value: c.id, label: `${c.name} · ${c.code}` }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('links.title')}
        </Typography.Title>
        {canEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setSearch('');
              setOpen(true);
            }}
          >
            {t('links.add')}
          </Button>
        )}
      </Flex>
      {links.error && <Alert type="error" showIcon title={(links.error as Error).message} />}
      <Table<Link>
        rowKey="id"
        size="middle"
        loading={links.isPending}
        dataSource={links.data}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('links.empty') }}
      />
      <TabFormModal<Values>
        open={open}
        title={t('links.addTitle')}
        form={form}
        name="customerLink"
        fields={['kind', 'toCustomerId', 'note']}
        onSubmit={submit}
        onClose={() => setOpen(false)}
        initialValues={{ kind: 'group' }}
      >
        <Form.Item
          name="kind"
          label={t('links.kind')}
          rules={[zodRule(t, linkCreateSchema.shape.kind)]}
          required
        >
          <Select
            options={LINK_KINDS.codes.map((c) => ({ value: c, label: codeLabel(LINK_KINDS.labels, c) }))}
          />
        </Form.Item>
        <Form.Item
          name="toCustomerId"
          label={kind === 'referral' ? t('links.referredCustomer') : t('links.otherCustomer')}
          rules={[{ required: true, message: t('links.pickCustomer') }]}
          extra={t('links.searchHint')}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: (text) => text.trim() && setSearch(text) }}
            placeholder={t('links.searchPlaceholder')}
            options={options}
            notFoundContent={
              found.isFetching ? (
                <Spin size="small" />
              ) : query.trim() ? (
                t('links.noMatch')
              ) : (
                t('links.typeToSearch')
              )
            }
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('links.note')}
          rules={[
            zodRule(t, linkCreateSchema.shape.note, (v) => (typeof v === 'string' && v.trim() ? v : null)),
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </TabFormModal>
    </Space>
  );
}
