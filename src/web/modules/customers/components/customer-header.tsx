import { ShareAltOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Flex, Form, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CUSTOMER_KINDS,
  CUSTOMER_TIERS,
  LIFECYCLE_STAGES,
  LOAN_CLASSES,
  VALUE_TIERS,
} from '../../../../shared/codes';
import type { CustomerDetail } from '../../../../shared/schemas/customer';
import { ApiError } from '../../../app/api';
import { codeLabel } from '../../../i18n';
import { useOwners } from '../api';
import { useAssignCustomer, useShareCustomer, useUnshareCustomer } from '../hooks';
import { NeedTagList } from './customer-fields';
import { translateProblem } from './validation';

const TIER_COLORS: Record<string, string> = { potential: 'default', ordinary: 'blue', high_end: 'gold' };
const LOAN_CLASS_COLORS: Record<string, string> = {
  normal: 'green',
  special_mention: 'gold',
  substandard: 'orange',
  doubtful: 'red',
  loss: 'red',
};
const BELOW_B = new Set(['CCC', 'CC', 'C', 'D']);

/** The customer at a glance, with the team lead's reassign and share actions. */
export function CustomerHeader({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation('customer360');
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'assign' | 'share' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [assignForm] = Form.useForm<{ ownerId?: number }>();
  const [shareForm] = Form.useForm<{ userId?: number }>();
  const owners = useOwners(customer.permissions.assign);
  const assign = useAssignCustomer(customer.id);
  const share = useShareCustomer(customer.id);
  const unshare = useUnshareCustomer(customer.id);
  const ownerOptions = (owners.data ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName} (${u.username})`,
  }));

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409) setProblem(t('header.stale'));
    else if (e instanceof ApiError && e.fields.length)
      setProblem(e.fields.map((f) => translateProblem(t, f.message)).join('；'));
    else setProblem(e instanceof Error ? e.message : String(e));
  };

  const open = (which: 'assign' | 'share') => {
    setProblem(null);
    if (which === 'assign') assignForm.setFieldsValue({ ownerId: customer.ownerId ?? undefined });
    else shareForm.resetFields();
    setDialog(which);
  };

  const submitAssign = async () => {
    const { ownerId } = await assignForm.validateFields();
    try {
      await assign.mutateAsync({ ownerId: ownerId ?? null, version: customer.version });
      message.success(t('header.assigned'));
      setDialog(null);
    } catch (e) {
      fail(e);
    }
  };

  const submitShare = async () => {
    const userId = await shareForm
      .validateFields()
      .then((v) => v.userId)
      .catch(() => undefined);
    if (!userId) return;
    try {
      await share.mutateAsync(userId);
      message.success(t('header.shared'));
      shareForm.resetFields();
    } catch (e) {
      fail(e);
    }
  };

  const grade = customer.creditGrade;
  return (
    <>
      <Flex justify="space-between" align="flex-start" wrap gap="middle" style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {customer.name}
          </Typography.Title>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            <Typography.Text type="secondary" copyable>
              {customer.code}
            </Typography.Text>
            <Tag>{codeLabel(CUSTOMER_KINDS.labels, customer.kind)}</Tag>
          </Space>
        </div>
        {customer.permissions.assign && (
          <Space wrap>
            <Button icon={<UserSwitchOutlined />} onClick={() => open('assign')}>
              {t('header.reassign')}
            </Button>
            <Button icon={<ShareAltOutlined />} onClick={() => open('share')}>
              {t('header.share')}
            </Button>
          </Space>
        )}
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3, xl: 4 }}
        items={[
          {
            key: 'tier',
            label: t('common:customer.tier'),
            children: (
              <Tag color={TIER_COLORS[customer.tier]}>{codeLabel(CUSTOMER_TIERS.labels, customer.tier)}</Tag>
            ),
          },
          {
            key: 'lifecycle',
            label: t('common:customer.lifecycleStage'),
            children: (
              <Space size={4}>
                <Tag color="blue">{codeLabel(LIFECYCLE_STAGES.labels, customer.lifecycleStage)}</Tag>
                {customer.lifecycleManual && <Tag color="purple">{t('lifecycle.manual')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'valueTier',
            label: t('common:customer.valueTier'),
            children: customer.valueTier ? (
              <Tag color="geekblue">{codeLabel(VALUE_TIERS.labels, customer.valueTier)}</Tag>
            ) : (
              '—'
            ),
          },
          {
            key: 'owner',
            label: t('common:customer.owner'),
            children: customer.ownerName ?? (
              <Typography.Text type="secondary">{t('common:customer.unowned')}</Typography.Text>
            ),
          },
          {
            key: 'needTags',
            label: t('common:customer.needTags'),
            children: <NeedTagList tags={customer.needTags} />,
          },
          {
            key: 'creditGrade',
            label: t('common:customer.creditGrade'),
            children: grade ? <Tag color={BELOW_B.has(grade) ? 'red' : 'default'}>{grade}</Tag> : '—',
          },
          {
            key: 'loanClass',
            label: t('common:customer.loanClass'),
            children: customer.loanClass ? (
              <Tag color={LOAN_CLASS_COLORS[customer.loanClass]}>
                {codeLabel(LOAN_CLASSES.labels, customer.loanClass)}
              </Tag>
            ) : (
              '—'
            ),
          },
          ...(customer.convertedFrom
            ? [
                {
                  key: 'convertedFrom',
                  label: t('header.convertedFrom'),
                  children: (
                    <Link to={`/prospects/${customer.convertedFrom.id}`}>{customer.convertedFrom.code}</Link>
                  ),
                },
              ]
            : []),
          ...(customer.sharedWith.length
            ? [
                {
                  key: 'sharedWith',
                  label: t('header.sharedWith'),
                  children: customer.sharedWith.map((u) => u.displayName).join('、'),
                },
              ]
            : []),
        ]}
      />

      <Modal
        open={dialog === 'assign'}
        title={t('header.reassignTitle', { name: customer.name })}
        okText={t('save')}
        cancelText={t('cancel')}
        confirmLoading={assign.isPending}
        onOk={submitAssign}
        onCancel={() => setDialog(null)}
        forceRender
      >
        {problem && dialog === 'assign' && (
          <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />
        )}
        <Form name="customerAssign" form={assignForm} layout="vertical">
          <Form.Item name="ownerId" label={t('header.newOwner')} extra={t('header.unownedHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={owners.isPending}
              options={ownerOptions}
              placeholder={t('common:customer.unowned')}
            />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={dialog === 'share'}
        title={t('header.shareTitle', { name: customer.name })}
        okText={t('header.shareConfirm')}
        cancelText={t('close')}
        confirmLoading={share.isPending}
        onOk={submitShare}
        onCancel={() => setDialog(null)}
        forceRender
      >
        {problem && dialog === 'share' && (
          <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />
        )}
        <Form name="customerShare" form={shareForm} layout="vertical">
          <Form.Item
            name="userId"
            label={t('header.shareWith')}
            rules={[{ required: true, message: t('header.pickUser') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={owners.isPending}
              options={ownerOptions.filter(
                (o) => o.value !== customer.ownerId && !customer.sharedWith.some((s) => s.id === o.value),
              )}
            />
          </Form.Item>
        </Form>
        <Typography.Text strong>{t('header.sharedWith')}</Typography.Text>
        {customer.sharedWith.length === 0 ? (
          <Typography.Paragraph type="secondary">{t('header.notShared')}</Typography.Paragraph>
        ) : (
          <ul style={{ paddingInlineStart: 16 }}>
            {customer.sharedWith.map((u) => (
              <li key={u.id}>
                <Space>
                  {u.displayName}
                  <Button
                    size="small"
                    type="link"
                    danger
                    loading={unshare.isPending && unshare.variables === u.id}
                    aria-label={t('header.unshareOf', { name: u.displayName })}
                    onClick={async () => {
                      try {
                        await unshare.mutateAsync(u.id);
                        message.success(t('header.unshared'));
                      } catch (e) {
                        fail(e);
                      }
                    }}
                  >
                    {t('header.unshare')}
                  </Button>
                </Space>
              </li>
            ))}
          </ul>
        )}
      </Modal>
    </>
  );
}
