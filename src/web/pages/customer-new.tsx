import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CUSTOMER_KINDS, type CustomerKind } from '../../shared/codes';
import { customerCreateSchema } from '../../shared/schemas/customer';
import { useUser } from '../app/auth';
import { codeLabel } from '../i18n';
import { useOwners } from '../modules/customers/api';
import { CustomerFields, fieldsOf, toApi } from '../modules/customers/components/customer-fields';
import { applyServerErrors, translateProblem, zodRule } from '../modules/customers/components/validation';
import { useCreateCustomer } from '../modules/customers/hooks';

const INITIAL = { kind: 'corporate', tier: 'potential', needTags: [], foreignTrade: false };

/** A new corporate or individual customer, validated as the API validates it. */
export default function CustomerNewPage() {
  const { t } = useTranslation('customer360');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) as CustomerKind | undefined) ?? 'corporate';
  const canPickOwner = user.role === 'team_lead' || user.role === 'admin';
  const owners = useOwners(canPickOwner);
  const create = useCreateCustomer();
  const [problems, setProblems] = useState<string[]>([]);

  // The identity number's rules depend on the kind: check it again when the kind changes.
  const onValuesChange = (changed: Record<string, unknown>) => {
    if ('kind' in changed && form.isFieldTouched('idNumber')) {
      setTimeout(() => void form.validateFields(['idNumber']).catch(() => undefined));
    }
  };

  const submit = async (values: Record<string, unknown>) => {
    setProblems([]);
    const body: Record<string, unknown> = { kind };
    for (const key of fieldsOf(kind)) {
      const value = toApi(key, values[key]);
      if (value !== null) body[key] = value;
    }
    const code = typeof values.code === 'string' ? values.code.trim() : '';
    if (code) body.code = code;
    if (canPickOwner && values.ownerId !== undefined) body.ownerId = values.ownerId ?? null;

    // The same schema as the API: nothing leaves that it would refuse.
    const parsed = customerCreateSchema.safeParse(body);
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((issue) => ({
          name: String(issue.path[0] ?? 'name'),
          errors: [translateProblem(t, issue.message)],
        })),
      );
      return;
    }
    try {
      const customer = await create.mutateAsync(body);
      message.success(t('create.created', { name: customer.name, code: customer.code }));
      navigate(`/customers/${customer.id}`);
    } catch (e) {
      setProblems(applyServerErrors(t, form, e, [...fieldsOf(kind), 'code', 'ownerId', 'kind']));
    }
  };

  return (
    <Card
      title={
        <Space>
          <Link to="/customers" aria-label={t('back')}>
            <ArrowLeftOutlined />
          </Link>
          {t('create.title')}
        </Space>
      }
    >
      <Form
        name="customerCreate"
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
            <Form.Item name="kind" label={t('common:customer.kind')} required>
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
          <Col xs={24} md={12} xl={8}>
            <Form.Item
              name="code"
              label={t('common:customer.code')}
              extra={t('create.codeHint')}
              rules={[
                zodRule(t, customerCreateSchema.shape.code, (v) =>
                  typeof v === 'string' && v.trim() ? v : undefined,
                ),
              ]}
            >
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
          {canPickOwner && (
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="ownerId" label={t('common:customer.owner')} extra={t('create.ownerHint')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={owners.isPending}
                  placeholder={t('common:customer.unowned')}
                  options={(owners.data ?? []).map((u) => ({
                    value: u.id,
                    label: `${u.displayName} (${u.username})`,
                  }))}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        <CustomerFields kind={kind} />
        <Space>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={create.isPending}>
            {t('create.submit')}
          </Button>
          <Button onClick={() => navigate('/customers')}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
