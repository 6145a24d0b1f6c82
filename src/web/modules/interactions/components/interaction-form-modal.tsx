import { useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  type Channel,
  CONTACT_ROLES,
  DIRECTIONS,
  MAINTENANCE_FORMS,
  type MaintenanceForm,
} from '../../../../shared/codes';
import { type Interaction, interactionCreateSchema } from '../../../../shared/schemas/interaction';
import { ApiError } from '../../../app/api';
import { codeLabel } from '../../../i18n';
import { TabFormModal } from '../../customers/components/tab-form-modal';
import { zodRule } from '../../customers/components/validation';
import { INTERACTIONS_KEY, useContactOptions, useSaveInteraction } from '../api';
import { bankNow, fromBankWallClock, isFutureBankTime, toBankWallClock } from '../bank-time';
import { BankTimePicker } from './bank-time-picker';
import { channelOptions } from './channel';
import { type CustomerChoice, customerLabel, useCustomerChoice } from './customer-choice';
import { CustomerChoiceSelect } from './customer-choice-select';

// The one form that records a contact or corrects one, from the contact records page and from a
// customer's timeline. Times are picked on the bank's clock (bank-time.ts).

interface Values {
  customerId?: number;
  contactId?: number | null;
  channel: Channel;
  direction: (typeof DIRECTIONS.codes)[number];
  occurredAt: Dayjs | null;
  place?: string;
  purpose?: string;
  maintenanceForm?: MaintenanceForm | null;
  summary?: string;
  outcome?: string;
  nextStep?: string;
}

const FIELDS = [
  'customerId',
  'contactId',
  'channel',
  'direction',
  'occurredAt',
  'place',
  'purpose',
  'maintenanceForm',
  'summary',
  'outcome',
  'nextStep',
] as const;
type TextField = 'place' | 'purpose' | 'summary' | 'outcome' | 'nextStep';
const shape = interactionCreateSchema.shape as unknown as Record<TextField, z.ZodType>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** The server's words (shared schema and service) that this form knows, by key of the `contact` namespace. */
const SERVER_MESSAGES: Record<string, string> = {
  'a contact record says what happened: it must not be in the future': 'validation.future',
  'is not a contact person of this customer': 'validation.notContactOfCustomer',
  'must be a date and time with its offset, such as 2026-12-01T09:30:00+08:00': 'validation.dateTime',
  'is not a real moment': 'validation.dateTime',
};

/** The same failure with the problems this form knows in the reader's language. */
function translated(t: TFunction, e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  const say = (message: string) => {
    const key = SERVER_MESSAGES[message];
    return key ? t(key) : message;
  };
  let message = say(e.message);
  if (e.fields.length === 0 && e.status === 404) message = t('errors.notFound');
  if (e.fields.length === 0 && e.status === 403) message = t('errors.forbidden');
  return new ApiError(
    e.status,
    e.code,
    message,
    e.fields.map((f) => ({ ...f, message: say(f.message) })),
  );
}

interface InteractionFormModalProps {
  open: boolean;
  onClose: () => void;
  /** The record to correct; null or absent to record a new contact. */
  interaction?: Interaction | null;
  /** The customer, fixed (a customer's timeline); absent to let the user pick one. */
  customer?: CustomerChoice | null;
  /** A prospect instead of a customer (a prospect's timeline, DOMAIN §4): fixed, with no contact persons. */
  prospect?: CustomerChoice | null;
  onSaved?: (interaction: Interaction) => void;
}

export function InteractionFormModal({
  open,
  onClose,
  interaction,
  customer,
  prospect,
  onSaved,
}: InteractionFormModalProps) {
  const { t } = useTranslation(['contact', 'customer360']);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useSaveInteraction();
  const [form] = Form.useForm<Values>();
  const choice = useCustomerChoice();
  const { reset: resetChoice } = choice;

  // A contact with a prospect stays with that prospect; any other with its customer.
  const fixedProspect: CustomerChoice | null =
    prospect ?? (interaction && !interaction.customer ? interaction.prospect : null);
  const fixed: CustomerChoice | null = fixedProspect
    ? null
    : interaction
      ? interaction.customer
      : (customer ?? null);
  const pickedId = Form.useWatch('customerId', form);
  const customerId = fixedProspect ? undefined : (fixed?.id ?? pickedId);
  const contacts = useContactOptions(open ? customerId : undefined);

  // Each opening starts from the record being corrected, or from now.
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    resetChoice();
    form.setFieldsValue(
      interaction
        ? {
            contactId: interaction.contact?.id ?? null,
            channel: interaction.channel,
            direction: interaction.direction,
            occurredAt: toBankWallClock(interaction.occurredAt),
            place: interaction.place ?? '',
            purpose: interaction.purpose ?? '',
            maintenanceForm: interaction.maintenanceForm,
            summary: interaction.summary,
            outcome: interaction.outcome ?? '',
            nextStep: interaction.nextStep ?? '',
          }
        : { channel: 'visit', direction: 'outbound', occurredAt: bankNow() },
    );
  }, [open, interaction, form, resetChoice]);

  const submit = async (values: Values) => {
    const fields = {
      contactId: values.contactId ?? null,
      channel: values.channel,
      direction: values.direction,
      occurredAt: fromBankWallClock(values.occurredAt as Dayjs),
      place: text(values.place),
      purpose: text(values.purpose),
      maintenanceForm: values.maintenanceForm ?? null,
      summary: text(values.summary) ?? '',
      outcome: text(values.outcome),
      nextStep: text(values.nextStep),
    };
    let saved: Interaction;
    try {
      saved = interaction
        ? await save.mutateAsync({ id: interaction.id, body: { ...fields, version: interaction.version } })
        : await save.mutateAsync({
            body: fixedProspect
              ? { prospectId: fixedProspect.id, ...fields }
              : { customerId: (fixed?.id ?? values.customerId) as number, ...fields },
          });
    } catch (e) {
      // A stale version: the next opening must read the record again.
      if (e instanceof ApiError && e.status === 409)
        void queryClient.invalidateQueries({ queryKey: INTERACTIONS_KEY });
      throw translated(t, e);
    }
    message.success(t(interaction ? 'form.updated' : 'form.recorded'));
    onSaved?.(saved);
    onClose();
  };

  const rule = (key: TextField): Rule => zodRule(t, shape[key], text);
  const required = (label: string): Rule => ({
    required: true,
    message: t('validation.required', { label }),
  });
  const occurredRule: Rule = {
    validator: async (_rule, value: Dayjs | null) => {
      if (!value) throw new Error(t('validation.required', { label: t('field.occurredAt') }));
      if (isFutureBankTime(value)) throw new Error(t('validation.future'));
    },
  };

  return (
    <TabFormModal<Values>
      open={open}
      title={interaction ? t('form.editTitle') : t('form.recordTitle')}
      form={form}
      name="interaction"
      fields={FIELDS}
      onSubmit={submit}
      onClose={onClose}
      staleMessage={t('form.stale')}
      validateTrigger={['onChange', 'onBlur']}
      width={760}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {fixedProspect ? (
            <Form.Item label={t('field.prospect')}>
              <Typography.Text strong>{customerLabel(fixedProspect)}</Typography.Text>
            </Form.Item>
          ) : fixed ? (
            <Form.Item label={t('field.customer')}>
              <Typography.Text strong>{customerLabel(fixed)}</Typography.Text>
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
                autoFocus
                onChange={() => form.setFieldValue('contactId', null)}
                noneFound={t('form.noCustomer')}
                typeToSearch={t('form.typeToSearch')}
              />
            </Form.Item>
          )}
        </Col>
        {!fixedProspect && (
          <Col xs={24} md={12}>
            <Form.Item name="contactId" label={t('field.contact')}>
              <Select
                allowClear
                disabled={!customerId}
                loading={contacts.isFetching}
                placeholder={customerId ? t('form.contactPlaceholder') : t('form.contactFirstCustomer')}
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent={t('form.noContacts')}
                options={(contacts.data ?? []).map((c) => ({
                  value: c.id,
                  label: [c.name, codeLabel(CONTACT_ROLES.labels, c.role), c.title]
                    .filter(Boolean)
                    .join(' · '),
                }))}
              />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="channel" label={t('field.channel')} rules={[required(t('field.channel'))]}>
            <Select options={channelOptions()} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="direction" label={t('field.direction')} rules={[required(t('field.direction'))]}>
            <Radio.Group
              optionType="button"
              options={DIRECTIONS.codes.map((d) => ({ value: d, label: codeLabel(DIRECTIONS.labels, d) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="occurredAt"
            label={t('field.occurredAt')}
            rules={[occurredRule]}
            required
            extra={t('form.bankTime')}
          >
            <BankTimePicker />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="place" label={t('field.place')} rules={[rule('place')]}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="purpose" label={t('field.purpose')} rules={[rule('purpose')]}>
            <Input maxLength={500} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="maintenanceForm"
            label={t('field.maintenanceForm')}
            extra={t('form.maintenanceHint')}
          >
            <Select
              allowClear
              placeholder={t('form.none')}
              options={MAINTENANCE_FORMS.codes.map((m) => ({
                value: m,
                label: codeLabel(MAINTENANCE_FORMS.labels, m),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="summary" label={t('field.summary')} rules={[rule('summary')]} required>
            <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('form.summaryPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="outcome" label={t('field.outcome')} rules={[rule('outcome')]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="nextStep" label={t('field.nextStep')} rules={[rule('nextStep')]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
    </TabFormModal>
  );
}
