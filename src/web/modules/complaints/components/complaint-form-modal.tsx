import { Alert, Col, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { deadlineFor } from '../../../../domain/complaints';
import {
  type Channel,
  FEEDBACK_CATEGORIES,
  FEEDBACK_KINDS,
  FEEDBACK_SEVERITIES,
  type FeedbackCategory,
  type FeedbackKind,
  type FeedbackSeverity,
} from '../../../../shared/codes';
import { complaintCreateSchema } from '../../../../shared/schemas/complaint';
import { useUser } from '../../../app/auth';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { TabFormModal } from '../../customers/components/tab-form-modal';
import { zodRule } from '../../customers/components/validation';
import { bankNow, fromBankWallClock, isFutureBankTime } from '../../interactions/bank-time';
import { BankTimePicker } from '../../interactions/components/bank-time-picker';
import { channelOptions } from '../../interactions/components/channel';
import {
  type CustomerChoice,
  customerLabel,
  useCustomerChoice,
} from '../../interactions/components/customer-choice';
import { CustomerChoiceSelect } from '../../interactions/components/customer-choice-select';
import { type Complaint, useAssignees, useComplaintSettings, useCreateComplaint } from '../api';
import { translated } from '../problems';

// Records a complaint, a suggestion or praise: for a customer picked by name (or the one whose page
// it opens from), when the bank received it (the bank's clock; earlier than now for one that arrived
// by letter or was logged late), and — for complaints and suggestions — the deadline its severity
// gives, shown before saving. Team leads may assign it; otherwise it goes to the customer's RM.

interface Values {
  customerId?: number;
  kind: FeedbackKind;
  channel: Channel;
  category?: FeedbackCategory;
  severity: FeedbackSeverity;
  receivedAt: Dayjs | null;
  subject?: string;
  description?: string;
  assigneeId?: number | null;
}

const FIELDS = [
  'customerId',
  'kind',
  'channel',
  'category',
  'severity',
  'receivedAt',
  'subject',
  'description',
  'assigneeId',
] as const;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export function ComplaintFormModal({
  open,
  onClose,
  customer,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  /** The customer, fixed (a customer's page); absent to let the user pick one. */
  customer?: CustomerChoice | null;
  onSaved?: (saved: Complaint) => void;
}) {
  const { t } = useTranslation(['complaints', 'customer360']);
  const user = useUser();
  const create = useCreateComplaint();
  const [form] = Form.useForm<Values>();
  const choice = useCustomerChoice();
  const { reset: resetChoice } = choice;
  const canAssign = user.role === 'team_lead' || user.role === 'admin';
  const assignees = useAssignees(open && canAssign);
  const settings = useComplaintSettings();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    resetChoice();
    form.setFieldsValue({ kind: 'complaint', channel: 'branch', severity: 'normal', receivedAt: bankNow() });
  }, [open, form, resetChoice]);

  const kind = Form.useWatch('kind', form);
  const severity = Form.useWatch('severity', form);
  const receivedAt = Form.useWatch('receivedAt', form);
  const deadlines = settings.data?.settings.deadlineDays;
  const deadline =
    kind && severity && receivedAt && deadlines
      ? deadlineFor(kind, severity, fromBankWallClock(receivedAt), deadlines)
      : null;
  const overdueAlready = deadline !== null && Date.parse(deadline) < Date.now();

  const submit = async (values: Values) => {
    let saved: Complaint;
    try {
      saved = await create.mutateAsync({
        customerId: (customer?.id ?? values.customerId) as number,
        kind: values.kind,
        channel: values.channel,
        category: values.category as FeedbackCategory,
        severity: values.severity,
        receivedAt: fromBankWallClock(values.receivedAt as Dayjs),
        subject: String(text(values.subject) ?? ''),
        description: String(text(values.description) ?? ''),
        ...(values.assigneeId ? { assigneeId: values.assigneeId } : {}),
      });
    } catch (e) {
      throw translated(t, e);
    }
    onSaved?.(saved);
    onClose();
  };

  const shape = complaintCreateSchema.shape;
  const required = (label: string): Rule => ({ required: true, message: t('form.required', { label }) });
  const receivedRule: Rule = {
    validator: async (_rule, value: Dayjs | null) => {
      if (!value) throw new Error(t('form.required', { label: t('field.receivedAt') }));
      if (isFutureBankTime(value)) throw new Error(t('form.future'));
    },
  };

  return (
    <TabFormModal<Values>
      open={open}
      title={t('form.title')}
      form={form}
      name="complaint"
      fields={FIELDS}
      onSubmit={submit}
      onClose={onClose}
      validateTrigger={['onChange', 'onBlur']}
      width={760}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {customer ? (
            <Form.Item label={t('field.customer')}>
              <Typography.Text strong>{customerLabel(customer)}</Typography.Text>
            </Form.Item>
          ) : (
            <Form.Item
              name="customerId"
              label={t('field.customer')}
              rules={[required(t('field.customer'))]}
              extra={t('form.customerHint')}
            >
              <CustomerChoiceSelect
                choice={choice}
                placeholder={t('form.customerPlaceholder')}
                noneFound={t('form.noCustomer')}
                typeToSearch={t('form.typeToSearch')}
              />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('field.kind')} rules={[required(t('field.kind'))]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={FEEDBACK_KINDS.codes.map((k) => ({
                value: k,
                label: codeLabel(FEEDBACK_KINDS.labels, k),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="channel" label={t('field.channel')} rules={[required(t('field.channel'))]}>
            <Select options={channelOptions()} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="category" label={t('field.category')} rules={[required(t('field.category'))]}>
            <Select
              placeholder={t('form.categoryPlaceholder')}
              options={FEEDBACK_CATEGORIES.codes.map((c) => ({
                value: c,
                label: codeLabel(FEEDBACK_CATEGORIES.labels, c),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="severity"
            label={t('field.severity')}
            rules={[required(t('field.severity'))]}
            extra={
              deadlines
                ? t('form.severityHint', {
                    urgent: deadlines.urgent,
                    high: deadlines.high,
                    normal: deadlines.normal,
                    low: deadlines.low,
                  })
                : undefined
            }
          >
            <Select
              options={FEEDBACK_SEVERITIES.codes.map((s) => ({
                value: s,
                label: codeLabel(FEEDBACK_SEVERITIES.labels, s),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="receivedAt"
            label={t('field.receivedAt')}
            rules={[receivedRule]}
            required
            extra={t('form.bankTime')}
          >
            <BankTimePicker />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            name="subject"
            label={t('field.subject')}
            rules={[zodRule(t, shape.subject, text)]}
            required
          >
            <Input maxLength={120} showCount autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            name="description"
            label={t('field.description')}
            rules={[zodRule(t, shape.description, text)]}
            required
          >
            <Input.TextArea
              rows={4}
              maxLength={2000}
              showCount
              placeholder={t('form.descriptionPlaceholder')}
            />
          </Form.Item>
        </Col>
        {canAssign && (
          <Col xs={24} md={12}>
            <Form.Item name="assigneeId" label={t('field.assignee')} extra={t('form.assigneeHint')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={assignees.isFetching}
                placeholder={t('form.assigneeDefault')}
                options={(assignees.data ?? []).map((u) => ({
                  value: u.id,
                  label: `${u.displayName}（${u.username}）`,
                }))}
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      {kind === 'praise' ? (
        <Typography.Text type="secondary" role="status">
          {t('form.praiseNoDeadline')}
        </Typography.Text>
      ) : (
        deadline && (
          <Alert
            role="status"
            type={overdueAlready ? 'warning' : 'info'}
            showIcon
            title={t(overdueAlready ? 'form.deadlinePassed' : 'form.deadline', {
              days: deadlines?.[severity],
              at: formatDateTime(deadline),
            })}
          />
        )
      )}
    </TabFormModal>
  );
}
