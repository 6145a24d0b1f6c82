import { Col, Form, Input, Radio, Row, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_ROLES } from '../../../../shared/codes';
import type { ReferrerInput, ReferrerKind } from '../../../../shared/schemas/prospect';
import { REFERRER_KINDS } from '../../../../shared/schemas/prospect';
import { codeLabel } from '../../../i18n';
import { useCustomerSearch } from '../../customers/hooks';
import { useContactOptions } from '../../interactions/api';
import { type ProspectDetail, useProspectSearch } from '../api';
import { withCode } from '../format';

// Who introduced the prospect (DOMAIN §4 prospecting sources: a customer introduces the next, or a key
// person): one of the bank's customers, a contact person of one, another prospect, or a person named
// by hand who is not in the bank's books.

export interface ReferrerValues {
  /** 'none': no referrer (only where the source does not need one). */
  referrerKind?: ReferrerKind | 'none';
  referrerCustomerId?: number;
  referrerContactCustomerId?: number;
  referrerContactId?: number;
  referrerProspectId?: number;
  referrerName?: string;
}

export const REFERRER_FIELDS = [
  'referrerKind',
  'referrerCustomerId',
  'referrerContactCustomerId',
  'referrerContactId',
  'referrerProspectId',
  'referrerName',
] as const;

/** The form field a server problem of `referrer.…` belongs to, for the kind picked. */
export function referrerField(kind: ReferrerValues['referrerKind'], path: string[]): string {
  if (path[1] === 'name') return 'referrerName';
  if (path[1] === 'id')
    return kind === 'contact'
      ? 'referrerContactId'
      : kind === 'prospect'
        ? 'referrerProspectId'
        : 'referrerCustomerId';
  return 'referrerKind';
}

/** What the API takes for the referrer the form holds, or null when none is picked. */
export function referrerFromForm(v: ReferrerValues): ReferrerInput | null {
  switch (v.referrerKind) {
    case 'customer':
      return v.referrerCustomerId ? { kind: 'customer', id: v.referrerCustomerId } : null;
    case 'contact':
      return v.referrerContactId ? { kind: 'contact', id: v.referrerContactId } : null;
    case 'prospect':
      return v.referrerProspectId ? { kind: 'prospect', id: v.referrerProspectId } : null;
    case 'person':
      return { kind: 'person', name: v.referrerName?.trim() ?? '' };
    default:
      return null;
  }
}

/** The form's values for a prospect's referrer. */
export function referrerToForm(r: ProspectDetail['referrer']): ReferrerValues {
  if (!r) return { referrerKind: 'none' };
  switch (r.kind) {
    case 'customer':
      return { referrerKind: 'customer', referrerCustomerId: r.id ?? undefined };
    case 'contact':
      return { referrerKind: 'contact', referrerContactId: r.id ?? undefined };
    case 'prospect':
      return { referrerKind: 'prospect', referrerProspectId: r.id ?? undefined };
    default:
      return { referrerKind: 'person', referrerName: r.name };
  }
}

function useDebounced(value: string, ms = 300) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The referrer's Form.Items; `current` is the referrer on file (edit mode), offered as the first option. */
export function ReferrerFields({
  required,
  current,
}: {
  required: boolean;
  current?: ProspectDetail['referrer'];
}) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const form = Form.useFormInstance();
  const kind = Form.useWatch('referrerKind', form) as ReferrerValues['referrerKind'];
  const contactCustomerId = Form.useWatch('referrerContactCustomerId', form) as number | undefined;
  const [search, setSearch] = useState('');
  const query = useDebounced(search);
  const customers = useCustomerSearch(kind === 'customer' || kind === 'contact' ? query : '');
  const prospects = useProspectSearch(kind === 'prospect' ? query : '');
  const contacts = useContactOptions(kind === 'contact' ? contactCustomerId : undefined);

  const currentOption = (k: ReferrerKind) =>
    current && current.kind === k && current.id !== null
      ? [{ value: current.id, label: withCode(current.name, current.code) }]
      : [];
  const merge = (first: { value: number; label: string }[], rest: { value: number; label: string }[]) => [
    ...first,
    ...rest.filter((o) => !first.some((f) => f.value === o.value)),
  ];
  const notFound = (fetching: boolean) =>
    fetching ? <Spin size="small" /> : query.trim() ? t('referrer.noMatch') : t('referrer.typeToSearch');
  const customerOptions = (customers.data ?? []).map((c) => ({
    value: c.id,
    label: withCode(c.name, c.code),
  }));
  const requiredRule = { required: true, message: t('referrer.pick') };

  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Form.Item
          name="referrerKind"
          label={t('field.referrer')}
          required={required}
          rules={
            required
              ? [
                  {
                    validator: async (_rule, v) => {
                      if (!v || v === 'none') throw new Error(t('referrer.required'));
                    },
                  },
                ]
              : []
          }
          extra={required ? t('referrer.requiredHint') : t('referrer.optionalHint')}
        >
          <Radio.Group
            optionType="button"
            onChange={() => setSearch('')}
            options={[
              ...(required ? [] : [{ value: 'none', label: t('referrer.kind.none') }]),
              ...REFERRER_KINDS.map((k) => ({ value: k, label: t(`referrer.kind.${k}`) })),
            ]}
          />
        </Form.Item>
      </Col>
      {kind === 'customer' && (
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="referrerCustomerId" label={t('referrer.customer')} rules={[requiredRule]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              placeholder={t('referrer.customerPlaceholder')}
              options={merge(currentOption('customer'), customerOptions)}
              notFoundContent={notFound(customers.isFetching)}
            />
          </Form.Item>
        </Col>
      )}
      {kind === 'contact' && (
        <>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="referrerContactCustomerId" label={t('referrer.contactCustomer')}>
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch }}
                placeholder={t('referrer.customerPlaceholder')}
                options={customerOptions}
                notFoundContent={notFound(customers.isFetching)}
                onChange={() => form.setFieldValue('referrerContactId', undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="referrerContactId" label={t('referrer.contact')} rules={[requiredRule]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!contactCustomerId && !currentOption('contact').length}
                loading={contacts.isFetching}
                placeholder={
                  contactCustomerId ? t('referrer.contactPlaceholder') : t('referrer.contactFirst')
                }
                notFoundContent={t('referrer.noContacts')}
                options={merge(
                  currentOption('contact'),
                  (contacts.data ?? []).map((c) => ({
                    value: c.id,
                    label: [c.name, codeLabel(CONTACT_ROLES.labels, c.role), c.title]
                      .filter(Boolean)
                      .join(' · '),
                  })),
                )}
              />
            </Form.Item>
          </Col>
        </>
      )}
      {kind === 'prospect' && (
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="referrerProspectId" label={t('referrer.prospect')} rules={[requiredRule]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              placeholder={t('referrer.prospectPlaceholder')}
              options={merge(
                currentOption('prospect'),
                (prospects.data ?? []).map((p) => ({ value: p.id, label: withCode(p.name, p.code) })),
              )}
              notFoundContent={notFound(prospects.isFetching)}
            />
          </Form.Item>
        </Col>
      )}
      {kind === 'person' && (
        <Col xs={24} md={12} xl={8}>
          <Form.Item
            name="referrerName"
            label={t('referrer.personName')}
            rules={[{ required: true, whitespace: true, message: t('referrer.nameRequired') }]}
            extra={t('referrer.personHint')}
          >
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
