import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch, Tag, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  CREDIT_GRADES,
  CUSTOMER_TIERS,
  type CustomerKind,
  ENTERPRISE_SIZES,
  LOAN_CLASSES,
  NEED_TAGS,
} from '../../../../shared/codes';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, industryName } from '../../../../shared/industries';
import { type CustomerDetail, customerCreateSchema } from '../../../../shared/schemas/customer';
import { formatYuan } from '../../../app/format';
import i18n, { codeLabel } from '../../../i18n';
import { idNumberRule, zodRule } from './validation';

// The editable fields of a customer, shared by the create page and the profile's edit mode: how a
// field looks in the form, how its value converts to what the API takes, and how it reads on screen.

export type CustomerField =
  | 'name'
  | 'idNumber'
  | 'industry'
  | 'size'
  | 'regionCode'
  | 'regionName'
  | 'tier'
  | 'needTags'
  | 'creditGrade'
  | 'loanClass'
  | 'foreignTrade'
  | 'phone'
  | 'email'
  | 'annualRevenue'
  | 'financialAssets'
  | 'establishedOn';

export const MASKED_FIELDS = ['idNumber', 'phone', 'email'] as const;
export type MaskedField = (typeof MASKED_FIELDS)[number];
const isMasked = (key: string): key is MaskedField => (MASKED_FIELDS as readonly string[]).includes(key);

const COMMON: CustomerField[] = ['name', 'idNumber', 'tier', 'needTags', 'creditGrade', 'loanClass'];
const CORPORATE: CustomerField[] = ['industry', 'size', 'annualRevenue', 'establishedOn', 'foreignTrade'];
const INDIVIDUAL: CustomerField[] = ['financialAssets'];
const CONTACT: CustomerField[] = ['regionCode', 'regionName', 'phone', 'email'];

/** The fields a customer of this kind has, in the order the form shows them. */
export function fieldsOf(kind: CustomerKind): CustomerField[] {
  return [...COMMON, ...(kind === 'corporate' ? CORPORATE : INDIVIDUAL), ...CONTACT];
}

const TEXT = new Set<CustomerField>(['regionCode', 'regionName', 'phone', 'email']);
const SELECT = new Set<CustomerField>(['industry', 'size', 'creditGrade', 'loanClass']);

/** The value the API takes for what the form holds. */
export function toApi(key: CustomerField, value: unknown): unknown {
  if (key === 'name' || key === 'idNumber') return typeof value === 'string' ? value.trim() : '';
  if (TEXT.has(key)) return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  if (SELECT.has(key)) return value ?? null;
  if (key === 'needTags') return Array.isArray(value) ? value : [];
  if (key === 'foreignTrade') return value === true;
  if (key === 'annualRevenue' || key === 'financialAssets')
    return value === undefined || value === '' ? null : value;
  if (key === 'establishedOn') return dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : null;
  return value;
}

/** What the form holds for a value of the record. Masked identifiers start empty unless revealed. */
export function toForm(
  key: CustomerField,
  value: unknown,
  revealed?: Partial<Record<MaskedField, string | null>>,
) {
  if (isMasked(key)) return revealed && key in revealed ? (revealed[key] ?? '') : '';
  if (key === 'establishedOn') return typeof value === 'string' ? dayjs(value) : null;
  if (key === 'foreignTrade') return value === true;
  if (key === 'needTags') return value ?? [];
  if (value === null) return key === 'annualRevenue' || key === 'financialAssets' ? null : undefined;
  return value;
}

export function formValuesOf(
  customer: CustomerDetail,
  revealed: Partial<Record<MaskedField, string | null>>,
) {
  return Object.fromEntries(
    fieldsOf(customer.kind).map((key) => [key, toForm(key, customer[key], revealed)]),
  ) as Record<CustomerField, unknown>;
}

/** A value of the API as a reader sees it. */
export function displayValue(t: TFunction, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (key) {
    case 'tier':
      return codeLabel(CUSTOMER_TIERS.labels, String(value));
    case 'size':
      return codeLabel(ENTERPRISE_SIZES.labels, String(value));
    case 'loanClass':
      return codeLabel(LOAN_CLASSES.labels, String(value));
    case 'industry':
      return `${value} ${industryName(String(value), i18n.language === 'en' ? 'en' : 'zh-CN') ?? ''}`.trim();
    case 'needTags':
      return Array.isArray(value) && value.length
        ? value.map((tag) => codeLabel(NEED_TAGS.labels, String(tag))).join('、')
        : '—';
    case 'foreignTrade':
      return value ? t('customer360:yes') : t('customer360:no');
    case 'annualRevenue':
    case 'financialAssets':
      return formatYuan(Number(value));
    default:
      return Array.isArray(value)
        ? value.join(', ')
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  }
}

/** The label of a customer field; the ID number's label says which identifier the kind has. */
export function fieldLabel(t: TFunction, key: string, kind?: CustomerKind): string {
  if (key === 'idNumber' && kind)
    return t(kind === 'corporate' ? 'customer360:field.uscc' : 'customer360:field.residentId');
  return t(`customer360:field.${key}`, { defaultValue: key });
}

function codeOptions(labels: Record<string, { zh: string; en: string }>) {
  return Object.keys(labels).map((code) => ({ value: code, label: codeLabel(labels, code) }));
}

/** GB/T 4754 sections as groups, each offering the whole section and its divisions. */
export function industryOptions(t: TFunction, en: boolean) {
  return INDUSTRY_SECTIONS.map((s) => ({
    label: `${s.code} ${en ? s.en : s.zh}`,
    title: s.code,
    options: [
      { value: s.code, label: `${s.code} ${en ? s.en : s.zh} ${t('customer360:form.wholeSection')}` },
      ...INDUSTRY_DIVISIONS.filter((d) => d.section === s.code).map((d) => ({
        value: `${s.code}${d.code}`,
        label: `${s.code}${d.code} ${en ? d.en : d.zh}`,
      })),
    ],
  }));
}

const shape = customerCreateSchema.shape as unknown as Record<CustomerField, z.ZodType>;

function AmountHint({ name }: { name: CustomerField }) {
  const value = Form.useWatch(name) as number | null | undefined;
  if (value === null || value === undefined || Number.isNaN(Number(value))) return null;
  return <Typography.Text type="secondary">{formatYuan(Number(value), true)}</Typography.Text>;
}

interface FieldsProps {
  kind: CustomerKind;
  /** Edit mode: the masked values of the record, shown as placeholders; empty keeps the value. */
  masked?: Partial<Record<MaskedField, string | null>>;
  /** Edit mode: identifiers the viewer has revealed, which the form holds in full. */
  revealed?: Partial<Record<MaskedField, string | null>>;
}

/** The Form.Items of a customer of one kind, each labelled and validated as the API validates it. */
export function CustomerFields({ kind, masked, revealed }: FieldsProps) {
  const idPrefix = useId();
  const { token } = theme.useToken();
  const { t, i18n: lang } = useTranslation('customer360');
  const en = lang.language === 'en';
  const editing = masked !== undefined;
  const rule = (key: CustomerField) => zodRule(t, shape[key], (v) => toApi(key, v));
  // In edit mode an identifier the viewer has not revealed is a replacement: empty keeps the old value.
  const keeps = (key: MaskedField) => editing && !!masked?.[key] && !(revealed && key in revealed);
  const maskedPlaceholder = (key: MaskedField) =>
    keeps(key) && masked?.[key] ? t('form.keepMasked', { value: masked[key] }) : undefined;

  const items: Record<CustomerField, ReactNode> = {
    name: (
      <Form.Item name="name" label={fieldLabel(t, 'name')} rules={[rule('name')]} required>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
    ),
    idNumber: (
      <Form.Item
        name="idNumber"
        label={fieldLabel(t, 'idNumber', kind)}
        rules={[idNumberRule(t, kind, keeps('idNumber'))]}
        validateTrigger="onBlur"
        required={!keeps('idNumber')}
        extra={keeps('idNumber') ? t('form.keepHint') : undefined}
      >
        <Input
          maxLength={18}
          autoComplete="off"
          placeholder={maskedPlaceholder('idNumber')}
          style={{ fontFamily: 'monospace' }}
        />
      </Form.Item>
    ),
    tier: (
      <Form.Item name="tier" label={fieldLabel(t, 'tier')} rules={[rule('tier')]} required>
        <Select options={codeOptions(CUSTOMER_TIERS.labels)} />
      </Form.Item>
    ),
    needTags: (
      <Form.Item name="needTags" label={fieldLabel(t, 'needTags')} rules={[rule('needTags')]}>
        <Select mode="multiple" allowClear options={codeOptions(NEED_TAGS.labels)} />
      </Form.Item>
    ),
    creditGrade: (
      <Form.Item name="creditGrade" label={fieldLabel(t, 'creditGrade')} rules={[rule('creditGrade')]}>
        <Select allowClear options={codeOptions(CREDIT_GRADES.labels)} />
      </Form.Item>
    ),
    loanClass: (
      <Form.Item name="loanClass" label={fieldLabel(t, 'loanClass')} rules={[rule('loanClass')]}>
        <Select allowClear options={codeOptions(LOAN_CLASSES.labels)} />
      </Form.Item>
    ),
    industry: (
      <Form.Item name="industry" label={fieldLabel(t, 'industry')} rules={[rule('industry')]}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={industryOptions(t, en)}
          placeholder={t('form.industryPlaceholder')}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
    ),
    size: (
      <Form.Item name="size" label={fieldLabel(t, 'size')} rules={[rule('size')]}>
        <Select allowClear options={codeOptions(ENTERPRISE_SIZES.labels)} />
      </Form.Item>
    ),
    annualRevenue: (
      <Form.Item
        name="annualRevenue"
        label={fieldLabel(t, 'annualRevenue')}
        rules={[rule('annualRevenue')]}
        extra={<AmountHint name="annualRevenue" />}
      >
        <InputNumber prefix="¥" min={0} step={10_000} style={{ width: '100%' }} />
      </Form.Item>
    ),
    financialAssets: (
      <Form.Item
        name="financialAssets"
        label={fieldLabel(t, 'financialAssets')}
        rules={[rule('financialAssets')]}
        extra={<AmountHint name="financialAssets" />}
      >
        <InputNumber prefix="¥" min={0} step={10_000} style={{ width: '100%' }} />
      </Form.Item>
    ),
    establishedOn: (
      <Form.Item name="establishedOn" label={fieldLabel(t, 'establishedOn')} rules={[rule('establishedOn')]}>
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'day')}
          placeholder={t('form.datePlaceholder')}
        />
      </Form.Item>
    ),
    foreignTrade: (
      <Form.Item
        name="foreignTrade"
        label={fieldLabel(t, 'foreignTrade')}
        valuePropName="checked"
        extra={t('form.foreignTradeHint')}
      >
        <Switch checkedChildren={t('yes')} unCheckedChildren={t('no')} />
      </Form.Item>
    ),
    regionCode: (
      <Form.Item name="regionCode" label={fieldLabel(t, 'regionCode')} rules={[rule('regionCode')]}>
        <Input maxLength={12} autoComplete="off" />
      </Form.Item>
    ),
    regionName: (
      <Form.Item name="regionName" label={fieldLabel(t, 'regionName')} rules={[rule('regionName')]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
    ),
    phone: (
      <Form.Item
        name="phone"
        label={fieldLabel(t, 'phone')}
        rules={[rule('phone')]}
        validateTrigger="onBlur"
        extra={keeps('phone') ? t('form.keepHint') : undefined}
      >
        <Input maxLength={24} autoComplete="off" inputMode="tel" placeholder={maskedPlaceholder('phone')} />
      </Form.Item>
    ),
    email: (
      <Form.Item
        name="email"
        label={fieldLabel(t, 'email')}
        rules={[rule('email')]}
        validateTrigger="onBlur"
        extra={keeps('email') ? t('form.keepHint') : undefined}
      >
        <Input
          maxLength={254}
          autoComplete="off"
          inputMode="email"
          placeholder={maskedPlaceholder('email')}
        />
      </Form.Item>
    ),
  };

  const sections: [string, CustomerField[]][] = [
    ['basic', COMMON],
    [kind, kind === 'corporate' ? CORPORATE : INDIVIDUAL],
    ['contact', CONTACT],
  ];
  return (
    <>
      {sections.map(([section, keys]) => (
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
              <Col key={key} xs={24} md={12} xl={8}>
                {items[key]}
              </Col>
            ))}
          </Row>
        </section>
      ))}
    </>
  );
}

/** The tags of a customer's needs. */
export function NeedTagList({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return <>—</>;
  return (
    <>
      {tags.map((tag) => (
        <Tag key={tag} color="blue">
          {codeLabel(NEED_TAGS.labels, tag)}
        </Tag>
      ))}
    </>
  );
}
