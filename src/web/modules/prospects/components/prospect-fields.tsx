import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  COOPERATION_LEVELS,
  CREDIT_GRADES,
  type CustomerKind,
  ENTERPRISE_SIZES,
  PROSPECT_SOURCES,
  type ProspectSource,
  REFERRAL_SOURCES,
} from '../../../../shared/codes';
import { prospectCreateSchema } from '../../../../shared/schemas/prospect';
import { formatYuan } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { fieldLabel, industryOptions } from '../../customers/components/customer-fields';
import { idNumberRule, zodRule } from '../../customers/components/validation';
import type { ProspectDetail } from '../api';
import { ReferrerFields } from './referrer-fields';

// The editable fields of a prospect, shared by the create page and the profile's edit modal: how a
// field looks, how its value converts to what the API takes, and how it reads on screen.

export type ProspectField =
  | 'name'
  | 'idNumber'
  | 'industry'
  | 'size'
  | 'annualRevenue'
  | 'financialAssets'
  | 'establishedOn'
  | 'regionCode'
  | 'regionName'
  | 'creditGrade'
  | 'cooperation'
  | 'contactName'
  | 'contactTitle'
  | 'phone'
  | 'email'
  | 'source'
  | 'sourceNote'
  | 'notes';

const BASIC: ProspectField[] = ['name', 'idNumber', 'regionCode', 'regionName', 'creditGrade', 'cooperation'];
const CORPORATE: ProspectField[] = ['industry', 'size', 'annualRevenue', 'establishedOn'];
const INDIVIDUAL: ProspectField[] = ['financialAssets'];
const CONTACT: ProspectField[] = ['contactName', 'contactTitle', 'phone', 'email'];
const SOURCE: ProspectField[] = ['source', 'sourceNote'];

/** The fields a prospect of this kind has, in the order the form shows them. */
export function prospectFieldsOf(kind: CustomerKind): ProspectField[] {
  return [...BASIC, ...(kind === 'corporate' ? CORPORATE : INDIVIDUAL), ...CONTACT, ...SOURCE, 'notes'];
}

export const MASKED: readonly ProspectField[] = ['idNumber', 'phone', 'email'];

const TEXT = new Set<ProspectField>([
  'idNumber',
  'regionCode',
  'regionName',
  'contactName',
  'contactTitle',
  'phone',
  'email',
  'sourceNote',
  'notes',
]);

/** The value the API takes for what the form holds (null for nothing). */
export function toApi(key: ProspectField, value: unknown): unknown {
  if (key === 'name') return typeof value === 'string' ? value.trim() : '';
  if (TEXT.has(key)) return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  if (key === 'establishedOn') return dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : null;
  if (key === 'annualRevenue' || key === 'financialAssets')
    return value === undefined || value === null || value === '' ? null : value;
  return value ?? null;
}

/** What the form holds for a prospect's value; masked identifiers start empty (empty keeps them). */
export function toForm(key: ProspectField, p: ProspectDetail): unknown {
  if (MASKED.includes(key)) return '';
  const value = p[key];
  if (key === 'establishedOn') return typeof value === 'string' ? dayjs(value) : null;
  return value ?? undefined;
}

const shape = prospectCreateSchema.shape as unknown as Record<ProspectField, z.ZodType>;

function AmountHint({ name }: { name: ProspectField }) {
  const value = Form.useWatch(name) as number | null | undefined;
  if (value === null || value === undefined || Number.isNaN(Number(value))) return null;
  return <Typography.Text type="secondary">{formatYuan(Number(value), true)}</Typography.Text>;
}

const options = (labels: Record<string, { zh: string; en: string }>) =>
  Object.keys(labels).map((code) => ({ value: code, label: codeLabel(labels, code) }));

/** The label of a field: the customer's words where a customer has the same field. */
export function prospectFieldLabel(t: TFunction, key: string, kind?: CustomerKind): string {
  const own = [
    'name',
    'cooperation',
    'contactName',
    'contactTitle',
    'source',
    'sourceNote',
    'notes',
    'phone',
    'email',
  ];
  if (own.includes(key)) return t(`prospects:field.${key}`);
  return fieldLabel(t, key, kind);
}

interface Props {
  kind: CustomerKind;
  /** Edit mode: the record, whose masked identifiers show as placeholders and whose referrer is offered. */
  record?: ProspectDetail;
}

/** The Form.Items of a prospect, in sections, each labelled and validated as the API validates it. */
export function ProspectFields({ kind, record }: Props) {
  const idPrefix = useId();
  const { token } = theme.useToken();
  const { t, i18n } = useTranslation(['prospects', 'customer360']);
  const en = i18n.language === 'en';
  const form = Form.useFormInstance();
  const source = Form.useWatch('source', form) as ProspectSource | undefined;
  const rule = (key: ProspectField) => zodRule(t, shape[key], (v) => toApi(key, v));
  const label = (key: ProspectField) => prospectFieldLabel(t, key, kind);
  const keepHint = (key: 'idNumber' | 'phone' | 'email') => {
    const masked = record?.[key];
    return masked ? t('form.keepMasked', { value: masked }) : undefined;
  };

  const items: Record<ProspectField, ReactNode> = {
    name: (
      <Form.Item name="name" label={label('name')} rules={[rule('name')]} required>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
    ),
    idNumber: (
      <Form.Item
        name="idNumber"
        label={label('idNumber')}
        rules={[idNumberRule(t, kind, true)]}
        validateTrigger="onBlur"
        extra={record?.idNumber ? t('form.keepHint') : t('form.idOptional')}
      >
        <Input
          maxLength={18}
          autoComplete="off"
          placeholder={keepHint('idNumber')}
          style={{ fontFamily: 'monospace' }}
        />
      </Form.Item>
    ),
    industry: (
      <Form.Item name="industry" label={label('industry')} rules={[rule('industry')]}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={industryOptions(t, en)}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
    ),
    size: (
      <Form.Item name="size" label={label('size')}>
        <Select allowClear options={options(ENTERPRISE_SIZES.labels)} />
      </Form.Item>
    ),
    annualRevenue: (
      <Form.Item
        name="annualRevenue"
        label={label('annualRevenue')}
        rules={[rule('annualRevenue')]}
        extra={<AmountHint name="annualRevenue" />}
      >
        <InputNumber prefix="¥" min={0} step={10_000} style={{ width: '100%' }} />
      </Form.Item>
    ),
    financialAssets: (
      <Form.Item
        name="financialAssets"
        label={label('financialAssets')}
        rules={[rule('financialAssets')]}
        extra={<AmountHint name="financialAssets" />}
      >
        <InputNumber prefix="¥" min={0} step={10_000} style={{ width: '100%' }} />
      </Form.Item>
    ),
    establishedOn: (
      <Form.Item name="establishedOn" label={label('establishedOn')} rules={[rule('establishedOn')]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
    ),
    regionCode: (
      <Form.Item
        name="regionCode"
        label={label('regionCode')}
        rules={[rule('regionCode')]}
        extra={t('form.regionHint')}
      >
        <Input maxLength={12} autoComplete="off" inputMode="numeric" />
      </Form.Item>
    ),
    regionName: (
      <Form.Item name="regionName" label={label('regionName')} rules={[rule('regionName')]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
    ),
    creditGrade: (
      <Form.Item name="creditGrade" label={label('creditGrade')}>
        <Select allowClear options={options(CREDIT_GRADES.labels)} />
      </Form.Item>
    ),
    cooperation: (
      <Form.Item name="cooperation" label={label('cooperation')}>
        <Select allowClear options={options(COOPERATION_LEVELS.labels)} />
      </Form.Item>
    ),
    contactName: (
      <Form.Item name="contactName" label={label('contactName')} rules={[rule('contactName')]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
    ),
    contactTitle: (
      <Form.Item name="contactTitle" label={label('contactTitle')} rules={[rule('contactTitle')]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
    ),
    phone: (
      <Form.Item
        name="phone"
        label={label('phone')}
        rules={[rule('phone')]}
        validateTrigger="onBlur"
        extra={record?.phone ? t('form.keepHint') : undefined}
      >
        <Input maxLength={24} autoComplete="off" inputMode="tel" placeholder={keepHint('phone')} />
      </Form.Item>
    ),
    email: (
      <Form.Item
        name="email"
        label={label('email')}
        rules={[rule('email')]}
        validateTrigger="onBlur"
        extra={record?.email ? t('form.keepHint') : undefined}
      >
        <Input maxLength={254} autoComplete="off" inputMode="email" placeholder={keepHint('email')} />
      </Form.Item>
    ),
    source: (
      <Form.Item
        name="source"
        label={label('source')}
        rules={[{ required: true, message: t('form.sourceRequired') }]}
      >
        <Select options={options(PROSPECT_SOURCES.labels)} />
      </Form.Item>
    ),
    sourceNote: (
      <Form.Item name="sourceNote" label={label('sourceNote')} rules={[rule('sourceNote')]}>
        <Input maxLength={500} autoComplete="off" placeholder={t('form.sourceNotePlaceholder')} />
      </Form.Item>
    ),
    notes: (
      <Form.Item name="notes" label={label('notes')} rules={[rule('notes')]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    ),
  };

  const sections: [string, ProspectField[], ReactNode?][] = [
    ['basic', BASIC],
    [kind, kind === 'corporate' ? CORPORATE : INDIVIDUAL],
    ['contact', CONTACT],
    [
      'source',
      SOURCE,
      <ReferrerFields
        key="referrer"
        required={source !== undefined && REFERRAL_SOURCES.includes(source)}
        current={record?.referrer}
      />,
    ],
    ['notes', ['notes']],
  ];
  return (
    <>
      {sections.map(([section, keys, extra]) => (
        <section key={section} aria-labelledby={`${idPrefix}-${section}`}>
          <Typography.Title
            level={5}
            id={`${idPrefix}-${section}`}
            style={{
              marginTop: 0,
              marginBottom: token.marginSM,
              paddingBottom: token.paddingXXS,
              borderBottom: `1px solid ${token.colorBorderSecondary}`,
            }}
          >
            {t(`form.sections.${section}`)}
          </Typography.Title>
          <Row gutter={16}>
            {keys.map((key) => (
              <Col key={key} xs={24} md={12} xl={key === 'notes' ? 24 : 8}>
                {items[key]}
              </Col>
            ))}
          </Row>
          {extra}
        </section>
      ))}
    </>
  );
}
