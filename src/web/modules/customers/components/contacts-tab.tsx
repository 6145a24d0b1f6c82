import { DeleteOutlined, EditOutlined, MailOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CONTACT_ROLES, type CustomerKind } from '../../../../shared/codes';
import {
  type CONTACT_REVEALABLE,
  type Contact,
  contactCreateSchema,
} from '../../../../shared/schemas/contact';
import { post } from '../../../app/api';
import { codeLabel } from '../../../i18n';
import { useMailStatus } from '../../interactions/api';
import { MailModal, type MailRecipient } from '../../interactions/components/mail-modal';
import { useContacts, useDeleteContact, useSaveContact } from '../hooks';
import { MaskedValue } from './masked-value';
import { TabFormModal } from './tab-form-modal';
import { zodRule } from './validation';

// Contact persons (DOMAIN §2): for a corporate its legal representative, head of finance and
// decision makers; for an individual the family. Phones and e-mails come masked from the server,
// so on edit an empty phone or e-mail keeps what is stored.

type ContactField = 'name' | 'role' | 'title' | 'phone' | 'email' | 'birthday' | 'preferences' | 'notes';
const FIELDS: ContactField[] = [
  'name',
  'role',
  'title',
  'phone',
  'email',
  'birthday',
  'preferences',
  'notes',
];
const shape = contactCreateSchema.shape as unknown as Record<ContactField, z.ZodType>;

function toApi(key: ContactField, value: unknown): unknown {
  if (key === 'birthday') return dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : null;
  if (key === 'role') return value ?? null;
  if (typeof value !== 'string') return key === 'name' ? '' : null;
  const text = value.trim();
  return key === 'name' ? text : text === '' ? null : text;
}

function toForm(contact: Contact) {
  return {
    name: contact.name,
    role: contact.role,
    title: contact.title ?? '',
    phone: '',
    email: '',
    birthday: contact.birthday ? dayjs(contact.birthday) : null,
    preferences: contact.preferences ?? '',
    notes: contact.notes ?? '',
  };
}

interface ContactsTabProps {
  customerId: number;
  kind: CustomerKind;
  canEdit: boolean;
  /** The viewer may see full phones and e-mails, giving a reason (DOMAIN §9). */
  canReveal: boolean;
}

type RevealField = (typeof CONTACT_REVEALABLE)[number];

export function ContactsTab({ customerId, kind, canEdit, canReveal }: ContactsTabProps) {
  const { t } = useTranslation(['customer360', 'contact']);
  const { message } = App.useApp();
  const contacts = useContacts(customerId);
  const mailStatus = useMailStatus(canEdit);
  const [mailTo, setMailTo] = useState<MailRecipient | null>(null);
  const save = useSaveContact(customerId);
  const remove = useDeleteContact(customerId);
  const [form] = Form.useForm();
  // Full values revealed on this page, by contact and field; forgotten when the page is left.
  const [revealed, setRevealed] = useState<Record<string, string | null>>({});
  const masked = (c: Contact, field: RevealField) => (
    <MaskedValue
      field={field}
      reveal={async (f, reason) =>
        (
          await post<{ value: string | null }>(`/customers/${customerId}/contacts/${c.id}/reveal`, {
            field: f,
            reason,
          })
        ).value
      }
      label={`${c.name} · ${t(`contacts.${field}`)}`}
      masked={c[field]}
      revealed={`${c.id}:${field}` in revealed ? (revealed[`${c.id}:${field}`] ?? null) : undefined}
      canReveal={canReveal}
      onRevealed={(f, value) => setRevealed((r) => ({ ...r, [`${c.id}:${f}`]: value }))}
    />
  );
  // undefined: closed; null: adding; a contact: editing it.
  const [editing, setEditing] = useState<Contact | null | undefined>(undefined);

  const open = (contact: Contact | null) => {
    form.resetFields();
    form.setFieldsValue(
      contact ? toForm(contact) : { role: kind === 'corporate' ? 'legal_representative' : 'self' },
    );
    setEditing(contact);
  };

  const submit = async (values: Record<string, unknown>) => {
    const body: Record<string, unknown> = {};
    for (const key of FIELDS) {
      const value = toApi(key, values[key]);
      if (editing && (key === 'phone' || key === 'email') && value === null) continue; // keeps the stored one
      if (!editing && value === null) continue;
      body[key] = value;
    }
    if (editing) {
      await save.mutateAsync({
        contactId: editing.id,
        body: { ...body, version: editing.version } as never,
      });
    } else {
      await save.mutateAsync({ body: body as never });
    }
    message.success(t(editing ? 'contacts.updated' : 'contacts.added'));
    setEditing(undefined);
  };

  const columns: ColumnsType<Contact> = [
    { key: 'name', title: t('contacts.name'), dataIndex: 'name', width: 120 },
    {
      key: 'role',
      title: t('contacts.role'),
      dataIndex: 'role',
      render: (v) => codeLabel(CONTACT_ROLES.labels, v),
      width: 120,
    },
    { key: 'title', title: t('contacts.jobTitle'), dataIndex: 'title', render: (v) => v ?? '—' },
    {
      key: 'phone',
      title: t('contacts.phone'),
      dataIndex: 'phone',
      render: (_, c) => masked(c, 'phone'),
      width: 210,
    },
    { key: 'email', title: t('contacts.email'), dataIndex: 'email', render: (_, c) => masked(c, 'email') },
    {
      key: 'birthday',
      title: t('contacts.birthday'),
      dataIndex: 'birthday',
      render: (v) => v ?? '—',
      width: 110,
    },
    {
      key: 'preferences',
      title: t('contacts.preferences'),
      dataIndex: 'preferences',
      ellipsis: true,
      render: (v) => v ?? '—',
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('actions'),
      width: 230,
      fixed: 'right',
      render: (_, c) => (
        <Space size={0}>
          {c.email && mailButton(c, c.email)}
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => open(c)}
            aria-label={t('contacts.editOf', { name: c.name })}
          >
            {t('edit')}
          </Button>
          <Popconfirm
            title={t('contacts.deleteConfirm', { name: c.name })}
            okText={t('delete')}
            cancelText={t('cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await remove.mutateAsync(c.id);
                message.success(t('contacts.deleted'));
              } catch (e) {
                message.error(e instanceof Error ? e.message : String(e));
              }
            }}
          >
            <Button
              type="link"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('contacts.deleteOf', { name: c.name })}
            >
              {t('delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  // The e-mail address is masked here, but a masked address still means the contact has one.
  const mailButton = (c: Contact, email: string) => {
    const configured = mailStatus.data?.configured === true;
    const button = (
      <Button
        type="link"
        size="small"
        icon={<MailOutlined />}
        disabled={!configured}
        onClick={() => setMailTo({ id: c.id, name: c.name, email })}
        aria-label={t('contact:mail.sendTo', { name: c.name })}
      >
        {t('contact:mail.action')}
      </Button>
    );
    if (configured || mailStatus.isPending) return button;
    return <Tooltip title={t('contact:mail.notConfigured')}>{button}</Tooltip>;
  };

  const rule = (key: ContactField) => zodRule(t, shape[key], (v) => toApi(key, v));
  const keepHint = editing ? t('form.keepHint') : undefined;
  // On edit the stored phone or e-mail shows masked as the placeholder; left empty, it is kept.
  const maskedItem = (
    key: 'phone' | 'email',
    label: string,
    maxLength: number,
    inputMode: 'tel' | 'email',
  ) => (
    <Col xs={24} md={12}>
      <Form.Item name={key} label={label} rules={[rule(key)]} validateTrigger="onBlur" extra={keepHint}>
        <Input
          maxLength={maxLength}
          inputMode={inputMode}
          autoComplete="off"
          placeholder={editing?.[key] ?? undefined}
        />
      </Form.Item>
    </Col>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('contacts.title')}
        </Typography.Title>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
            {t('contacts.add')}
          </Button>
        )}
      </Flex>
      {contacts.error && <Alert type="error" showIcon title={(contacts.error as Error).message} />}
      <Table<Contact>
        rowKey="id"
        size="middle"
        loading={contacts.isPending}
        dataSource={contacts.data}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('contacts.empty') }}
      />
      <TabFormModal<Record<string, unknown>>
        open={editing !== undefined}
        title={editing ? t('contacts.editTitle', { name: editing.name }) : t('contacts.addTitle')}
        form={form}
        name="customerContact"
        fields={FIELDS}
        onSubmit={submit}
        onClose={() => setEditing(undefined)}
        staleMessage={t('contacts.stale')}
        validateTrigger={['onChange', 'onBlur']}
        width={720}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('contacts.name')} rules={[rule('name')]} required>
              <Input maxLength={100} autoComplete="off" autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="role" label={t('contacts.role')} rules={[rule('role')]} required>
              <Select
                options={CONTACT_ROLES.codes.map((c) => ({
                  value: c,
                  label: codeLabel(CONTACT_ROLES.labels, c),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('contacts.jobTitle')} rules={[rule('title')]}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="birthday" label={t('contacts.birthday')} rules={[rule('birthday')]}>
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'day')}
                placeholder={t('form.datePlaceholder')}
              />
            </Form.Item>
          </Col>
          {maskedItem('phone', t('contacts.phone'), 24, 'tel')}
          {maskedItem('email', t('contacts.email'), 254, 'email')}
          <Col xs={24}>
            <Form.Item
              name="preferences"
              label={t('contacts.preferences')}
              rules={[rule('preferences')]}
              extra={t('contacts.preferencesHint')}
            >
              <Input.TextArea rows={2} maxLength={1000} showCount />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="notes" label={t('contacts.notes')} rules={[rule('notes')]}>
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          </Col>
        </Row>
      </TabFormModal>
      {canEdit && <MailModal customerId={customerId} recipient={mailTo} onClose={() => setMailTo(null)} />}
    </Space>
  );
}
