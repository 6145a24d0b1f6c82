import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { checkSmartObjective, type SmartContext } from '../../domain/smart';
import {
  CHANNELS,
  METRIC_UNITS,
  type MetricUnit,
  NEED_TAGS,
  type NeedTag,
  PRODUCTS,
  type Product,
} from '../../shared/codes';
import { bankDate } from '../../shared/schemas/common';
import type { CustomerSummary } from '../../shared/schemas/customer';
import type { VisitPlan } from '../../shared/schemas/visit-plan';
import { ApiError, get, post } from '../app/api';
import { codeLabel } from '../i18n';
import { useCustomer } from '../modules/customers/api';
import { useProspect } from '../modules/prospects/api';
import { useCustomerContacts, usePlan, useSavePlan } from '../modules/visit-plans/api';
import { SmartVerdictView } from '../modules/visit-plans/components/smart-verdict';
import { planProblem } from '../modules/visit-plans/problems';
import { NotFoundPage } from './not-found';

interface ObjectiveValues {
  what?: string;
  needTag?: NeedTag | null;
  product?: Product | null;
  metric?: string;
  unit?: MetricUnit | null;
  target?: number | null;
  justification?: string;
  dueOn?: Dayjs | null;
}

interface PlanValues {
  customerId?: number;
  startsAt?: Dayjs;
  durationMinutes: number;
  channel: string;
  place?: string;
  contactIds: number[];
  participants: { name: string; department: string }[];
  timingRationale?: string;
  entryPoint?: string;
  agenda?: string;
  products: Product[];
  offer?: string;
  objectives: ObjectiveValues[];
}

const FIELDS = [
  'customerId',
  'startsAt',
  'durationMinutes',
  'channel',
  'place',
  'contactIds',
  'participants',
  'timingRationale',
  'entryPoint',
  'agenda',
  'products',
  'offer',
] as const;

const options = (labels: Record<string, { zh: string; en: string }>) =>
  Object.keys(labels).map((code) => ({ value: code, label: codeLabel(labels, code) }));

const emptyObjective: ObjectiveValues = { unit: 'yuan' };

/** The meeting plan 相会计划表: a new one, or a draft or returned one being changed. */
export default function VisitPlanFormPage() {
  const { id: rawId } = useParams();
  const id = rawId ? (/^[1-9][0-9]{0,9}$/.test(rawId) ? Number(rawId) : -1) : 0;
  if (id < 0) return <NotFoundPage />;
  return <PlanForm key={id} id={id} />;
}

function toObjective(o: ObjectiveValues) {
  return {
    what: o.what ?? '',
    needTag: o.needTag ?? null,
    product: o.product ?? null,
    metric: o.metric ?? null,
    unit: o.unit ?? null,
    target: o.target ?? null,
    justification: o.justification ?? null,
    dueOn: o.dueOn ? o.dueOn.format('YYYY-MM-DD') : null,
  };
}

function PlanForm({ id }: { id: number }) {
  const { t } = useTranslation(['plans', 'customer360']);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<PlanValues>();
  const existing = usePlan(id);
  const presetCustomer = Number(params.get('customerId')) || undefined;
  // A plan to meet a prospect (DOMAIN §4 action plan) instead of a customer: `?prospectId=` or the plan's own.
  const prospectId: number | undefined =
    existing.data?.prospect?.id ?? (id ? undefined : Number(params.get('prospectId')) || undefined);
  const prospect = useProspect(prospectId ?? 0);
  const watchedCustomer: number | undefined = Form.useWatch('customerId', form);
  const customerId: number | undefined = prospectId
    ? undefined
    : (watchedCustomer ?? existing.data?.customer?.id ?? presetCustomer);
  const customer = useCustomer(customerId ?? 0);
  const contacts = useCustomerContacts(customerId);
  const save = useSavePlan();
  const [problems, setProblems] = useState<string[]>([]);
  const [customerOptions, setCustomerOptions] = useState<{ value: number; label: string }[]>([]);

  const plan = existing.data;
  useEffect(() => {
    if (!plan) return;
    form.setFieldsValue({
      customerId: plan.customer?.id,
      startsAt: dayjs(plan.startsAt),
      durationMinutes: plan.durationMinutes,
      channel: plan.channel,
      place: plan.place ?? undefined,
      contactIds: plan.contacts.map((c) => c.id),
      participants: plan.participants,
      timingRationale: plan.timingRationale ?? undefined,
      entryPoint: plan.entryPoint ?? undefined,
      agenda: plan.agenda ?? undefined,
      products: plan.products,
      offer: plan.offer ?? undefined,
      objectives: plan.objectives.map((o) => ({
        what: o.what,
        needTag: o.needTag,
        product: o.product,
        metric: o.metric ?? undefined,
        unit: o.unit,
        target: o.target,
        justification: o.justification ?? undefined,
        dueOn: o.dueOn ? dayjs(o.dueOn) : null,
      })),
    });
  }, [plan, form]);

  const startsAt: Dayjs | undefined = Form.useWatch('startsAt', form);
  const products: Product[] = Form.useWatch('products', form) ?? [];
  const objectives: ObjectiveValues[] = Form.useWatch('objectives', form) ?? [];
  const context: SmartContext | null = useMemo(() => {
    // A prospect has no need tags yet: its figures alone bound what is achievable.
    const c = prospectId ? prospect.data && { ...prospect.data, needTags: [] } : customer.data;
    if (!c) return null;
    return {
      visitOn: startsAt ? bankDate(startsAt.toDate()) : bankDate(new Date()),
      customer: {
        kind: c.kind,
        annualRevenue: c.annualRevenue,
        financialAssets: c.financialAssets,
        needTags: c.needTags,
      },
      planProducts: products,
    };
  }, [customer.data, prospect.data, prospectId, startsAt, products]);
  const verdicts = context ? objectives.map((o) => checkSmartObjective(toObjective(o ?? {}), context)) : [];
  const allSmart = verdicts.length > 0 && verdicts.every((v) => v.ok);

  if (id > 0 && existing.error instanceof ApiError && existing.error.status === 404) return <NotFoundPage />;
  if (id > 0 && !plan) return <Skeleton active />;
  if (plan && plan.status !== 'draft' && plan.status !== 'returned') {
    return <Alert type="warning" showIcon title={t('form.notEditable')} />;
  }

  const searchCustomers = async (q: string) => {
    const res = await get<{ items: CustomerSummary[] }>(`/customers?q=${encodeURIComponent(q)}&pageSize=20`);
    setCustomerOptions(res.items.map((c) => ({ value: c.id, label: `${c.name}（${c.code}）` })));
  };

  const showServerProblems = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      setProblems([error instanceof Error ? error.message : String(error)]);
      return;
    }
    const rest: string[] = [];
    const fields: { name: (string | number)[]; errors: string[] }[] = [];
    for (const f of error.fields) {
      const path = f.path.replace(/^body\.?/, '').split('.');
      const text = planProblem(t, f.message);
      if (path[0] === 'objectives' && path.length >= 3 && /^[SMART]$/.test(path[2]!)) {
        rest.push(t('form.objectiveNotSmart', { n: Number(path[1]) + 1, letter: path[2] }));
      } else if (path[0] === 'objectives' && path.length >= 3) {
        fields.push({ name: ['objectives', Number(path[1]), path[2]!], errors: [text] });
      } else if ((FIELDS as readonly string[]).includes(path[0]!)) {
        fields.push({ name: [path[0]!], errors: [text] });
      } else rest.push(text);
    }
    form.setFields(fields as never);
    setProblems(rest.length > 0 || fields.length > 0 ? rest : [planProblem(t, error.message)]);
  };

  const submit = async (andSubmit: boolean) => {
    setProblems([]);
    let values: PlanValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      ...(id ? { version: plan!.version } : prospectId ? { prospectId } : { customerId: values.customerId }),
      startsAt: values.startsAt!.toISOString(),
      durationMinutes: values.durationMinutes,
      channel: values.channel,
      place: values.place ?? null,
      contactIds: values.contactIds ?? [],
      participants: values.participants ?? [],
      timingRationale: values.timingRationale ?? null,
      entryPoint: values.entryPoint ?? null,
      agenda: values.agenda ?? null,
      products: values.products ?? [],
      offer: values.offer ?? null,
      objectives: (values.objectives ?? []).map(toObjective),
    };
    let saved: VisitPlan;
    try {
      saved = await save.mutateAsync({ id: id || undefined, body });
    } catch (error) {
      showServerProblems(error);
      return;
    }
    if (andSubmit) {
      try {
        await post(`/visit-plans/${saved.id}/submit`, { version: saved.version });
      } catch (error) {
        // Saved as a draft: the plan's page says why it was not submitted, and submits it again.
        const submitFailed = error instanceof ApiError ? planProblem(t, error.message) : String(error);
        navigate(`/visit-plans/${saved.id}`, { state: { submitFailed } });
        return;
      }
    }
    navigate(`/visit-plans/${saved.id}`);
  };

  return (
    <Card>
      <Link
        to={plan ? `/visit-plans/${plan.id}` : '/visit-plans'}
        style={{ display: 'inline-block', marginBottom: 12 }}
      >
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {plan ? t('form.editTitle') : t('form.newTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('form.intro')}</Typography.Paragraph>
      {plan?.status === 'returned' && plan.decisionNote && (
        <Alert
          type="warning"
          showIcon
          title={t('form.returnedWith', { note: plan.decisionNote })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<PlanValues>
        form={form}
        layout="vertical"
        name="visit-plan"
        initialValues={{
          customerId: presetCustomer,
          durationMinutes: 60,
          channel: 'visit',
          contactIds: [],
          participants: [],
          products: [],
          objectives: [emptyObjective],
        }}
        onValuesChange={() => problems.length > 0 && setProblems([])}
      >
        <Divider titlePlacement="start">{t('form.sectionMeeting')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            {prospectId ? (
              <Form.Item label={t('field.prospect')}>
                <Link to={`/prospects/${prospectId}`}>
                  {prospect.data ? `${prospect.data.name}（${prospect.data.code}）` : `#${prospectId}`}
                </Link>
              </Form.Item>
            ) : (
              <Form.Item
                name="customerId"
                label={t('field.customer')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <Select
                  showSearch={{ filterOption: false, onSearch: (q) => void searchCustomers(q) }}
                  disabled={!!plan || !!presetCustomer}
                  placeholder={t('form.customerSearch')}
                  options={
                    customer.data
                      ? [
                          {
                            value: customer.data.id,
                            label: `${customer.data.name}（${customer.data.code}）`,
                          },
                          ...customerOptions,
                        ]
                      : customerOptions
                  }
                  onFocus={() => customerOptions.length === 0 && void searchCustomers('')}
                />
              </Form.Item>
            )}
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="startsAt"
              label={t('field.startsAt')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm', minuteStep: 5 }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isBefore(dayjs(), 'day')}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="durationMinutes"
              label={t('field.duration')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber
                min={5}
                max={1440}
                step={15}
                suffix={t('form.minutes')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="channel" label={t('field.channel')}>
              <Select options={options(CHANNELS.labels)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="place" label={t('field.place')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          {!prospectId && (
            <Col xs={24} md={12}>
              <Form.Item name="contactIds" label={t('field.contacts')}>
                <Select
                  mode="multiple"
                  loading={contacts.isLoading}
                  options={(contacts.data ?? []).map((c) => ({
                    value: c.id,
                    label: c.title ? `${c.name}（${c.title}）` : c.name,
                  }))}
                  placeholder={t('form.contactsPlaceholder')}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item label={t('field.participants')} tooltip={t('form.participantsHelp')}>
          <Form.List name="participants">
            {(rows, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {rows.map((row) => (
                  <Space key={row.key} align="baseline" wrap>
                    <Form.Item
                      name={[row.name, 'name']}
                      rules={[{ required: true, message: t('form.required') }]}
                      noStyle
                    >
                      <Input
                        placeholder={t('field.participantName')}
                        aria-label={t('field.participantName')}
                        style={{ width: 160 }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'department']}
                      rules={[{ required: true, message: t('form.required') }]}
                      noStyle
                    >
                      <Input
                        placeholder={t('field.department')}
                        aria-label={t('field.department')}
                        style={{ width: 200 }}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('form.remove')}
                      onClick={() => remove(row.name)}
                    />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', department: '' })}>
                  {t('form.addParticipant')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="timingRationale"
              label={t('field.timingRationale')}
              tooltip={t('form.timingHelp')}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="entryPoint" label={t('field.entryPoint')} tooltip={t('form.entryHelp')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="agenda" label={t('field.agenda')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>

        <Divider titlePlacement="start">{t('form.sectionMarketing')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="products" label={t('field.products')}>
              <Select mode="multiple" options={options(PRODUCTS.labels)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="offer" label={t('field.offer')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('form.sectionObjectives')}</Divider>
        <Typography.Paragraph type="secondary">{t('form.smartIntro')}</Typography.Paragraph>
        <Form.List name="objectives">
          {(rows, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }} size="middle">
              {rows.map((row, index) => (
                <Card
                  key={row.key}
                  size="small"
                  title={t('form.objectiveN', { n: index + 1 })}
                  data-testid={`objective-${index}`}
                  extra={
                    rows.length > 1 && (
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('form.removeObjective', { n: index + 1 })}
                        onClick={() => remove(row.name)}
                      />
                    )
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={[row.name, 'what']}
                        label={t('field.what')}
                        rules={[{ required: true, message: t('form.required') }]}
                      >
                        <Input maxLength={500} placeholder={t('form.whatPlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[row.name, 'needTag']} label={t('field.needTag')}>
                        <Select allowClear options={options(NEED_TAGS.labels)} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[row.name, 'product']} label={t('field.product')}>
                        <Select allowClear options={options(PRODUCTS.labels)} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[row.name, 'metric']} label={t('field.metric')}>
                        <Input maxLength={200} placeholder={t('form.metricPlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[row.name, 'unit']} label={t('field.unit')}>
                        <Select allowClear options={options(METRIC_UNITS.labels)} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[row.name, 'target']} label={t('field.target')}>
                        <InputNumber min={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item name={[row.name, 'dueOn']} label={t('field.dueOn')}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item name={[row.name, 'justification']} label={t('field.justification')}>
                        <Input.TextArea
                          rows={2}
                          maxLength={1000}
                          placeholder={t('form.justificationPlaceholder')}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  {verdicts[index] && <SmartVerdictView verdict={verdicts[index]} />}
                </Card>
              ))}
              {rows.length < 10 && (
                <Button icon={<PlusOutlined />} onClick={() => add(emptyObjective)}>
                  {t('form.addObjective')}
                </Button>
              )}
            </Space>
          )}
        </Form.List>

        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            title={t('form.problems')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        )}
        <Space style={{ marginTop: 24 }} wrap>
          <Button onClick={() => void submit(false)} loading={save.isPending}>
            {t('form.saveDraft')}
          </Button>
          <Button
            type="primary"
            onClick={() => void submit(true)}
            loading={save.isPending}
            disabled={!allSmart}
          >
            {t('form.saveAndSubmit')}
          </Button>
          {!allSmart && <Typography.Text type="secondary">{t('form.submitWhenSmart')}</Typography.Text>}
        </Space>
      </Form>
    </Card>
  );
}
