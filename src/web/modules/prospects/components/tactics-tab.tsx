import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EXPANSION_RELATIONS, TACTIC_KINDS, type TacticKind } from '../../../../shared/codes';
import { ApiError } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { TabFormModal } from '../../customers/components/tab-form-modal';
import { useCustomerSearch } from '../../customers/hooks';
import { type ProspectDetail, useAddTactic } from '../api';
import { colon, withCode } from '../format';
import { serverProblem } from '../problems';

// How the relationship is to be established (DOMAIN §4 item 6): by meeting needs, by linked marketing
// with colleagues of other departments or branches, or by indirect expansion through a related customer.

const KIND_COLOURS: Record<TacticKind, string> = {
  meeting_needs: 'blue',
  linked_marketing: 'purple',
  indirect_expansion: 'cyan',
};

interface Values {
  kind: TacticKind;
  note?: string;
  colleagues?: { name: string; department: string }[];
  relatedCustomerId?: number;
  relation?: (typeof EXPANSION_RELATIONS.codes)[number];
}

const FIELDS = ['kind', 'note', 'colleagues', 'relatedCustomerId', 'relation'];

function useDebounced(value: string, ms = 300) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function TacticsTab({ prospect: p }: { prospect: ProspectDetail }) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [adding, setAdding] = useState(false);
  const add = useAddTactic(p.id);
  const kind = Form.useWatch('kind', form);
  const [search, setSearch] = useState('');
  const customers = useCustomerSearch(useDebounced(search));
  const editable = p.permissions.edit && p.customerId === null && p.mergedInto === null;

  const open = () => {
    form.resetFields();
    form.setFieldsValue({ kind: 'meeting_needs', colleagues: [] });
    setSearch('');
    setAdding(true);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Text type="secondary">{t('tactics.intro')}</Typography.Text>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={open}>
            {t('tactics.add')}
          </Button>
        )}
      </Flex>
      {p.tactics.length === 0 ? (
        <Empty description={t('tactics.empty')} />
      ) : (
        p.tactics.map((tactic) => (
          <Card key={tactic.id} size="small">
            <Flex wrap gap={8} align="center" style={{ marginBottom: 6 }}>
              <Tag color={KIND_COLOURS[tactic.kind]}>{codeLabel(TACTIC_KINDS.labels, tactic.kind)}</Tag>
              <Typography.Text type="secondary">
                {t('tactics.by', {
                  name: tactic.createdBy?.name ?? '—',
                  at: formatDateTime(tactic.createdAt),
                })}
              </Typography.Text>
            </Flex>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 6 }}>
              {tactic.note}
            </Typography.Paragraph>
            {tactic.colleagues.length > 0 && (
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <Typography.Text type="secondary">
                  {t('tactics.colleagues')}
                  {colon()}
                </Typography.Text>
                {tactic.colleagues.map((c) => withCode(c.name, c.department)).join(t('listSeparator'))}
              </Typography.Paragraph>
            )}
            {tactic.relatedCustomer && (
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                <Typography.Text type="secondary">
                  {t('tactics.through')}
                  {colon()}
                </Typography.Text>
                <Link to={`/customers/${tactic.relatedCustomer.id}`}>
                  {withCode(tactic.relatedCustomer.name, tactic.relatedCustomer.code)}
                </Link>
                {tactic.relation && (
                  <Tag style={{ marginInlineStart: 8 }}>
                    {codeLabel(EXPANSION_RELATIONS.labels, tactic.relation)}
                  </Tag>
                )}
              </Typography.Paragraph>
            )}
          </Card>
        ))
      )}
      <TabFormModal<Values>
        open={adding}
        title={t('tactics.addTitle')}
        form={form}
        name="prospectTactic"
        fields={FIELDS}
        width={720}
        onClose={() => setAdding(false)}
        onSubmit={async (values) => {
          try {
            await add.mutateAsync({
              kind: values.kind,
              note: values.note?.trim() ?? '',
              colleagues: values.kind === 'linked_marketing' ? (values.colleagues ?? []) : [],
              relatedCustomerId:
                values.kind === 'indirect_expansion' ? (values.relatedCustomerId ?? null) : null,
              relation: values.kind === 'indirect_expansion' ? (values.relation ?? null) : null,
            });
          } catch (e) {
            if (e instanceof ApiError)
              throw new ApiError(
                e.status,
                e.code,
                serverProblem(t, e.message),
                e.fields.map((f) => ({ path: f.path, message: serverProblem(t, f.message) })),
                e.details,
              );
            throw e;
          }
          message.success(t('tactics.added'));
          setAdding(false);
        }}
      >
        <Form.Item name="kind" label={t('tactics.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={TACTIC_KINDS.codes.map((k) => ({ value: k, label: codeLabel(TACTIC_KINDS.labels, k) }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('tactics.note')}
          rules={[{ required: true, whitespace: true, message: t('tactics.noteRequired') }]}
          extra={kind ? t(`tactics.hint.${kind}`) : undefined}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {kind === 'linked_marketing' && (
          <Form.Item label={t('tactics.colleagues')} required>
            <Form.List
              name="colleagues"
              rules={[
                {
                  validator: async (_rule, rows: unknown[]) => {
                    if (!rows || rows.length === 0) throw new Error(t('problem.colleagues'));
                  },
                },
              ]}
            >
              {(rows, { add: addRow, remove }, { errors }) => (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {rows.map((row) => (
                    <Space key={row.key} align="baseline" wrap>
                      <Form.Item
                        name={[row.name, 'name']}
                        rules={[{ required: true, whitespace: true, message: t('tactics.colleagueName') }]}
                        noStyle
                      >
                        <Input
                          placeholder={t('tactics.colleagueName')}
                          aria-label={t('tactics.colleagueName')}
                          style={{ width: 180 }}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[row.name, 'department']}
                        rules={[{ required: true, whitespace: true, message: t('tactics.department') }]}
                        noStyle
                      >
                        <Input
                          placeholder={t('tactics.department')}
                          aria-label={t('tactics.department')}
                          style={{ width: 220 }}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('tactics.removeColleague')}
                        onClick={() => remove(row.name)}
                      />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => addRow({ name: '', department: '' })}>
                    {t('tactics.addColleague')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </Space>
              )}
            </Form.List>
          </Form.Item>
        )}
        {kind === 'indirect_expansion' && (
          <Flex gap={16} wrap>
            <Form.Item
              name="relatedCustomerId"
              label={t('tactics.relatedCustomer')}
              rules={[{ required: true, message: t('problem.relatedCustomer') }]}
              style={{ flex: '1 1 300px' }}
            >
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch }}
                placeholder={t('referrer.customerPlaceholder')}
                options={(customers.data ?? []).map((c) => ({
                  value: c.id,
                  label: withCode(c.name, c.code),
                }))}
                notFoundContent={
                  customers.isFetching ? (
                    <Spin size="small" />
                  ) : search.trim() ? (
                    t('referrer.noMatch')
                  ) : (
                    t('referrer.typeToSearch')
                  )
                }
              />
            </Form.Item>
            <Form.Item
              name="relation"
              label={t('tactics.relation')}
              rules={[{ required: true, message: t('problem.relation') }]}
              style={{ flex: '0 1 200px' }}
            >
              <Select
                options={EXPANSION_RELATIONS.codes.map((r) => ({
                  value: r,
                  label: codeLabel(EXPANSION_RELATIONS.labels, r),
                }))}
              />
            </Form.Item>
          </Flex>
        )}
      </TabFormModal>
    </Space>
  );
}
