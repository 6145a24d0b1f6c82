import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Radio, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CUSTOMER_KINDS, type CustomerKind } from '../../shared/codes';
import type { Duplicate } from '../../shared/schemas/prospect';
import { ApiError } from '../app/api';
import { useUser } from '../app/auth';
import { codeLabel } from '../i18n';
import { useOwners } from '../modules/customers/api';
import { useCreateProspect } from '../modules/prospects/api';
import { DuplicateList } from '../modules/prospects/components/duplicate-list';
import { ProspectFields, prospectFieldsOf, toApi } from '../modules/prospects/components/prospect-fields';
import {
  REFERRER_FIELDS,
  type ReferrerValues,
  referrerField,
  referrerFromForm,
} from '../modules/prospects/components/referrer-fields';
import { serverProblem } from '../modules/prospects/problems';

const INITIAL = { kind: 'corporate', source: 'chain_referral' };

/** A new prospect, with where it came from and who introduced it; possible duplicates are shown before it is created. */
export default function ProspectNewPage() {
  const { t } = useTranslation(['prospects', 'customer360']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) as CustomerKind | undefined) ?? 'corporate';
  const canPickOwner = user.role === 'team_lead';
  const owners = useOwners(canPickOwner);
  const create = useCreateProspect();
  const [problems, setProblems] = useState<string[]>([]);
  // The body refused as a possible duplicate, and the matches: sent again once the user confirms.
  const [duplicates, setDuplicates] = useState<{ body: Record<string, unknown>; items: Duplicate[] } | null>(
    null,
  );

  const onValuesChange = (changed: Record<string, unknown>) => {
    if ('kind' in changed && form.isFieldTouched('idNumber'))
      setTimeout(() => void form.validateFields(['idNumber']).catch(() => undefined));
    if (
      duplicates &&
      Object.keys(changed).some((k) => ['name', 'regionCode', 'regionName', 'idNumber'].includes(k))
    )
      setDuplicates(null);
  };

  const send = async (body: Record<string, unknown>) => {
    setProblems([]);
    try {
      const prospect = await create.mutateAsync(body);
      message.success(t('create.created', { name: prospect.name, code: prospect.code }));
      navigate(`/prospects/${prospect.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'possible_duplicate') {
        setDuplicates({ body, items: (e.details.duplicates as Duplicate[] | undefined) ?? [] });
        return;
      }
      setDuplicates(null);
      if (!(e instanceof ApiError)) {
        setProblems([e instanceof Error ? e.message : String(e)]);
        return;
      }
      const known = [...prospectFieldsOf(kind), 'kind', 'ownerId'];
      const rest: string[] = [];
      const byField = new Map<string, string[]>();
      for (const f of e.fields) {
        const path = f.path.replace(/^body\.?/, '').split('.');
        const name =
          path[0] === 'referrer' ? referrerField(form.getFieldValue('referrerKind'), path) : (path[0] ?? '');
        const text =
          e.code === 'duplicate' && name === 'idNumber' ? t('create.idTaken') : serverProblem(t, f.message);
        if (known.includes(name) || (REFERRER_FIELDS as readonly string[]).includes(name))
          byField.set(name, [...(byField.get(name) ?? []), text]);
        else rest.push(text);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      const first = [...byField.keys()][0];
      if (first) form.scrollToField(first, { block: 'center' });
      setProblems(rest.length || byField.size ? rest : [serverProblem(t, e.message)]);
    }
  };

  const submit = async (values: Record<string, unknown>) => {
    const body: Record<string, unknown> = { kind };
    for (const key of prospectFieldsOf(kind)) {
      const value = toApi(key, values[key]);
      if (value !== null) body[key] = value;
    }
    const referrer = referrerFromForm(values as ReferrerValues);
    if (referrer) body.referrer = referrer;
    if (canPickOwner && values.ownerId) body.ownerId = values.ownerId;
    await send(body);
  };

  return (
    <Card
      title={
        <Space>
          <Link to="/prospects" aria-label={t('back')}>
            <ArrowLeftOutlined />
          </Link>
          {t('create.title')}
        </Space>
      }
    >
      <Form
        name="prospectCreate"
        form={form}
        layout="vertical"
        initialValues={INITIAL}
        onFinish={submit}
        onValuesChange={onValuesChange}
        validateTrigger={['onChange', 'onBlur']}
        scrollToFirstError
        style={{ maxWidth: 1200 }}
      >
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('create.failed')}
            description={problems.join('；')}
            style={{ marginBottom: 16 }}
          />
        )}
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="kind" label={t('field.kind')} required>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={CUSTOMER_KINDS.codes.map((k) => ({
                  value: k,
                  label: codeLabel(CUSTOMER_KINDS.labels, k),
                }))}
              />
            </Form.Item>
          </Col>
          {canPickOwner && (
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="ownerId" label={t('field.owner')} extra={t('create.ownerHint')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={owners.isPending}
                  options={(owners.data ?? []).map((u) => ({
                    value: u.id,
                    label: `${u.displayName} (${u.username})`,
                  }))}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        <ProspectFields kind={kind} />
        {duplicates && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={t('create.possibleDuplicates', { count: duplicates.items.length })}
            description={
              <Space orientation="vertical" style={{ width: '100%' }}>
                <DuplicateList items={duplicates.items} />
                <Space wrap>
                  <Button
                    danger
                    loading={create.isPending}
                    onClick={() => void send({ ...duplicates.body, acknowledgeDuplicates: true })}
                  >
                    {t('create.createAnyway')}
                  </Button>
                  <Button onClick={() => setDuplicates(null)}>{t('create.reviewFirst')}</Button>
                </Space>
              </Space>
            }
          />
        )}
        <Space>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={create.isPending}>
            {t('create.submit')}
          </Button>
          <Button onClick={() => navigate('/prospects')}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
