import { ArrowLeftOutlined, BulbOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  type GetProps,
  Input,
  Popconfirm,
  Radio,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  CUSTOMER_KINDS,
  EXIT_BUSINESS_LINES,
  EXIT_CONTENTS,
  EXIT_MEANS,
  EXIT_REASONS,
  EXIT_SCOPES,
  EXIT_WILLINGNESS,
} from '../../shared/codes';
import type { ExitPlanDto } from '../../shared/schemas/exit';
import { ApiError, post } from '../app/api';
import { useUser } from '../app/auth';
import { codeLabel } from '../i18n';
import { useCustomer } from '../modules/customers/api';
import {
  type ExitPlanCreate,
  useCandidates,
  useCreateExitPlan,
  useExitPlan,
  useExitPlans,
  useUpdateExitPlan,
} from '../modules/exit/api';
import { PlanEvidence } from '../modules/exit/components/plan-evidence';
import { useStepOwners } from '../modules/exit/components/plan-owners';
import { planErrorText, planMessage, planUnderWayId } from '../modules/exit/components/plan-problem';
import { isWholeExit, PlanStatusTag } from '../modules/exit/components/plan-status';
import {
  PlanStepsEditor,
  type StepValues,
  suggestedSteps,
} from '../modules/exit/components/plan-steps-editor';
import { customerLabel, useCustomerChoice } from '../modules/interactions/components/customer-choice';
import { CustomerChoiceSelect } from '../modules/interactions/components/customer-choice-select';
import { NotFoundPage } from './not-found';

type Content = (typeof EXIT_CONTENTS.codes)[number];
type Willingness = (typeof EXIT_WILLINGNESS.codes)[number];
type Scope = (typeof EXIT_SCOPES.codes)[number];
type BusinessLine = (typeof EXIT_BUSINESS_LINES.codes)[number];
type Means = (typeof EXIT_MEANS.codes)[number];
type Reason = (typeof EXIT_REASONS.codes)[number];

interface PlanValues {
  customerId?: number;
  content: Content;
  willingness: Willingness;
  scope: Scope;
  businessLines: BusinessLine[];
  means: Means[];
  reasons: Reason[];
  reasonNote?: string;
  targetDate?: Dayjs | null;
  steps: StepValues[];
}

const FIELDS = [
  'customerId',
  'content',
  'willingness',
  'scope',
  'businessLines',
  'means',
  'reasons',
  'reasonNote',
  'targetDate',
] as const;
const ACTIVE = ['draft', 'submitted', 'approved', 'executing'];

const options = (labels: Record<string, { zh: string; en: string }>) =>
  Object.keys(labels).map((code) => ({ value: code, label: codeLabel(labels, code) }));

/** 退出方案表: a new exit plan (from a candidate, or by hand for any customer) or a draft being changed. */
export default function ExitPlanFormPage() {
  const { id: rawId } = useParams();
  const id = rawId ? (/^[1-9][0-9]{0,9}$/.test(rawId) ? Number(rawId) : -1) : 0;
  if (id < 0) return <NotFoundPage />;
  return <PlanForm key={id} id={id} />;
}

function PlanForm({ id }: { id: number }) {
  const { t } = useTranslation(['exitPlans', 'customer360']);
  const user = useUser();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<PlanValues>();
  const existing = useExitPlan(id || null);
  const plan = existing.data;
  const preset = Number(params.get('customerId')) || undefined;
  const choice = useCustomerChoice();
  const watchedCustomer: number | undefined = Form.useWatch('customerId', form);
  const customerId = plan?.customer.id ?? preset ?? watchedCustomer;
  const customer = useCustomer(customerId ?? 0);
  const create = useCreateExitPlan();
  const update = useUpdateExitPlan(id);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflictId, setConflictId] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  // The customer's current screening triggers (a new plan keeps them as its evidence).
  const candidates = useCandidates(
    { customerId: customerId ?? undefined, page: 1, pageSize: 1 },
    !id && !!customerId,
  );
  const candidate = candidates.data?.items[0] ?? null;
  // A plan already under way blocks a new one (the server answers 409); say so before the form is filled.
  const plansOfCustomer = useExitPlans({ customerId, page: 1, pageSize: 10 });
  const underWay =
    !id && customerId ? plansOfCustomer.data?.items.find((p) => ACTIVE.includes(p.status)) : undefined;

  const owners = useStepOwners([
    customer.data?.ownerId ? { id: customer.data.ownerId, name: customer.data.ownerName ?? '' } : null,
    ...(plan?.steps.map((s) => s.owner) ?? []),
  ]);

  const initialValues = useMemo<PlanValues>(() => {
    const targetDate = dayjs().startOf('day').add(90, 'day');
    return {
      customerId: preset,
      content: 'customer',
      willingness: 'active',
      scope: 'whole',
      businessLines: ['asset', 'liability', 'intermediary'],
      means: [],
      reasons: ['risk_reduction'],
      targetDate,
      steps: suggestedSteps({ scope: 'whole', means: [], targetDate, ownerId: user.id }),
    };
  }, [preset, user.id]);

  useEffect(() => {
    if (!plan) return;
    form.setFieldsValue({
      customerId: plan.customer.id,
      content: plan.content,
      willingness: plan.willingness,
      scope: plan.scope,
      businessLines: plan.businessLines,
      means: plan.means,
      reasons: plan.reasons,
      reasonNote: plan.reasonNote ?? undefined,
      targetDate: dayjs(plan.targetDate),
      steps: plan.steps.map((s) => ({
        id: s.id,
        kind: s.kind,
        title: s.title,
        ownerId: s.owner.id,
        dueOn: dayjs(s.dueOn),
        note: s.note ?? undefined,
      })),
    });
  }, [plan, form]);

  const content: Content | undefined = Form.useWatch('content', form);
  const willingness: Willingness | undefined = Form.useWatch('willingness', form);
  const scope: Scope | undefined = Form.useWatch('scope', form);

  if (id > 0 && existing.error instanceof ApiError && existing.error.status === 404) return <NotFoundPage />;
  if (id > 0 && existing.error)
    return <Alert type="error" showIcon title={planErrorText(t, existing.error)} />;
  if (id > 0 && !plan) return <Skeleton active />;
  if (plan && plan.status !== 'draft') {
    return (
      <Card>
        <Alert
          type="warning"
          showIcon
          title={t('form.notEditable')}
          action={
            <Link to={`/exit/plans/${plan.id}`}>
              <Button size="small">{t('form.toPlan')}</Button>
            </Link>
          }
        />
      </Card>
    );
  }

  const showServerProblems = (error: unknown) => {
    setConflictId(planUnderWayId(error));
    if (!(error instanceof ApiError) || error.status !== 400) {
      setProblems([planErrorText(t, error)]);
      return;
    }
    const rest: string[] = [];
    const fields: { name: (string | number)[]; errors: string[] }[] = [];
    for (const f of error.fields) {
      const path = f.path.replace(/^body\.?/, '').split('.');
      const text = planMessage(t, f.message);
      if (path[0] === 'steps' && path.length >= 3) {
        fields.push({ name: ['steps', Number(path[1]), path[2]!], errors: [text] });
      } else if ((FIELDS as readonly string[]).includes(path[0]!)) {
        fields.push({ name: [path[0]!], errors: [text] });
      } else rest.push(path[0] === 'steps' ? t('form.stepsProblem', { problem: text }) : text);
    }
    form.setFields(fields as never);
    if (fields.length > 0) form.scrollToField(fields[0]!.name as never);
    setProblems(rest.length > 0 || fields.length > 0 ? rest : [planErrorText(t, error)]);
  };

  const submit = async (andSubmit: boolean) => {
    setProblems([]);
    setConflictId(null);
    let values: PlanValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      content: values.content,
      willingness: values.willingness,
      scope: values.scope,
      businessLines: values.businessLines,
      means: values.means ?? [],
      reasons: values.reasons,
      reasonNote: values.reasonNote?.trim() || null,
      targetDate: values.targetDate!.format('YYYY-MM-DD'),
      steps: (values.steps ?? []).map((s) => ({
        ...(s.id ? { id: s.id } : {}),
        kind: s.kind!,
        title: (s.title ?? '').trim(),
        ownerId: s.ownerId!,
        dueOn: s.dueOn!.format('YYYY-MM-DD'),
        note: s.note?.trim() || null,
      })),
    } satisfies Omit<ExitPlanCreate, 'customerId'>;
    setSaving(true);
    let saved: ExitPlanDto | undefined;
    try {
      saved = plan
        ? await update.mutateAsync({ version: plan.version, ...body })
        : await create.mutateAsync({ customerId: values.customerId!, ...body });
    } catch (error) {
      setSaving(false);
      showServerProblems(error);
      return;
    }
    if (!saved) return;
    if (andSubmit) {
      try {
        await post(`/exit-plans/${saved.id}/submit`, { version: saved.version });
        await client.invalidateQueries({ queryKey: ['exit'] });
      } catch (error) {
        // Saved as a draft: the plan's page says why it was not submitted, and submits it again.
        navigate(`/exit/plans/${saved.id}`, { state: { submitFailed: planErrorText(t, error) } });
        return;
      }
    }
    navigate(`/exit/plans/${saved.id}`);
  };

  const fillSteps = () => {
    const v = form.getFieldsValue(['scope', 'means', 'targetDate']) as Partial<PlanValues>;
    form.setFieldValue(
      'steps',
      suggestedSteps({ scope: v.scope, means: v.means, targetDate: v.targetDate, ownerId: user.id }),
    );
  };

  const triggers = plan ? plan.triggers : (candidate?.triggers ?? []);
  const c = customer.data;

  return (
    <Card>
      <Link
        to={plan ? `/exit/plans/${plan.id}` : '/exit/plans'}
        style={{ display: 'inline-block', marginBottom: 12 }}
      >
        <ArrowLeftOutlined /> {plan ? t('form.backToPlan') : t('back')}
      </Link>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {plan ? t('form.editTitle', { id: plan.id }) : t('form.newTitle')}
        </Typography.Title>
        {plan && <PlanStatusTag status={plan.status} />}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('form.intro')}
      </Typography.Paragraph>

      <Form<PlanValues>
        form={form}
        layout="vertical"
        name="exit-plan"
        initialValues={initialValues}
        onValuesChange={() => problems.length > 0 && setProblems([])}
        scrollToFirstError
      >
        <Divider titlePlacement="start">{t('form.sectionCustomer')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            {plan || preset ? (
              <Form.Item label={t('field.customer')} name="customerId" rules={[{ required: true }]}>
                <CustomerText
                  id={customerId}
                  name={c ? customerLabel(c) : plan ? customerLabel(plan.customer) : undefined}
                />
              </Form.Item>
            ) : (
              <Form.Item
                name="customerId"
                label={t('field.customer')}
                rules={[{ required: true, message: t('form.required') }]}
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
          <Col xs={12} md={6}>
            <Form.Item label={t('field.object')} extra={t('dimension.object.help')}>
              <Typography.Text data-testid="exit-object">
                {c
                  ? codeLabel(CUSTOMER_KINDS.labels, c.kind)
                  : plan
                    ? codeLabel(CUSTOMER_KINDS.labels, plan.object)
                    : '—'}
              </Typography.Text>
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t('field.owner')}>
              <Typography.Text>{c?.ownerName ?? plan?.customer.owner?.name ?? '—'}</Typography.Text>
            </Form.Item>
          </Col>
        </Row>
        {underWay && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('form.underWay', { id: underWay.id })}
            description={<PlanStatusTag status={underWay.status} />}
            action={
              <Link to={`/exit/plans/${underWay.id}`}>
                <Button size="small">{t('form.toPlan')}</Button>
              </Link>
            }
          />
        )}
        {customerId && (
          <Card
            size="small"
            title={plan ? t('form.evidenceOfPlan') : t('form.evidenceNow')}
            style={{ marginBottom: 16 }}
            extra={
              candidate && (
                <Typography.Text type="secondary">
                  {t('form.candidateSince', { date: candidate.since })}
                </Typography.Text>
              )
            }
          >
            {!plan && candidates.isFetching && !candidates.data ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : (
              <PlanEvidence
                triggers={triggers}
                emptyText={plan ? t('evidence.noneOnPlan') : t('evidence.notCandidate')}
              />
            )}
            {!plan && triggers.length > 0 && (
              <Typography.Text type="secondary">{t('form.evidenceKept')}</Typography.Text>
            )}
          </Card>
        )}

        <Divider titlePlacement="start">{t('form.sectionDimensions')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="content"
              label={t('field.content')}
              rules={[{ required: true, message: t('form.required') }]}
              extra={content ? t(`dimension.content.${content}`) : undefined}
            >
              <Radio.Group options={options(EXIT_CONTENTS.labels)} optionType="button" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="willingness"
              label={t('field.willingness')}
              rules={[{ required: true, message: t('form.required') }]}
              extra={willingness ? t(`dimension.willingness.${willingness}`) : undefined}
            >
              <Radio.Group options={options(EXIT_WILLINGNESS.labels)} optionType="button" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="scope"
              label={t('field.scope')}
              rules={[{ required: true, message: t('form.required') }]}
              extra={scope ? t(`dimension.scope.${scope}`) : undefined}
            >
              <Radio.Group options={options(EXIT_SCOPES.labels)} optionType="button" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="businessLines"
              label={t('field.businessLines')}
              rules={[{ required: true, message: t('problem.atLeastOne') }]}
              extra={t('dimension.businessLines')}
            >
              <CheckGroup options={options(EXIT_BUSINESS_LINES.labels)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="means" label={t('field.means')} extra={t('dimension.means')}>
              <Checkbox.Group options={options(EXIT_MEANS.labels)} />
            </Form.Item>
          </Col>
        </Row>
        {content && scope && isWholeExit({ content, scope }) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('whole.formTitle')}
            description={t('whole.warning')}
          />
        )}

        <Divider titlePlacement="start">{t('form.sectionReasons')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="reasons"
              label={t('field.reasons')}
              rules={[{ required: true, message: t('problem.atLeastOne') }]}
              extra={t('dimension.reasons')}
            >
              <CheckGroup options={options(EXIT_REASONS.labels)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="targetDate"
              label={t('field.targetDate')}
              rules={[{ required: true, message: t('form.required') }]}
              extra={t('form.targetHint')}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="reasonNote" label={t('field.reasonNote')}>
              <Input.TextArea rows={3} maxLength={2000} placeholder={t('form.reasonNotePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('form.sectionSteps')}</Divider>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('form.stepsIntro')}</Typography.Text>
          <Popconfirm
            title={t('form.suggestConfirm')}
            okText={t('form.suggest')}
            cancelText={t('action.cancel')}
            onConfirm={fillSteps}
          >
            <Button icon={<BulbOutlined />}>{t('form.suggest')}</Button>
          </Popconfirm>
        </Flex>
        <PlanStepsEditor
          form={form}
          owners={owners.options}
          ownersLoading={owners.loading}
          defaultOwnerId={user.id}
        />
        {user.role === 'rm' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('form.ownersRm')}
          </Typography.Paragraph>
        )}

        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginTop: 16 }}
            title={t('form.problems')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
            action={
              conflictId && (
                <Link to={`/exit/plans/${conflictId}`}>
                  <Button size="small">{t('form.toPlan')}</Button>
                </Link>
              )
            }
          />
        )}
        <Space style={{ marginTop: 24 }} wrap>
          <Button onClick={() => void submit(false)} loading={saving} disabled={!!underWay}>
            {t('form.saveDraft')}
          </Button>
          <Button type="primary" onClick={() => void submit(true)} loading={saving} disabled={!!underWay}>
            {t('form.saveAndSubmit')}
          </Button>
          <Link to={plan ? `/exit/plans/${plan.id}` : '/exit/plans'}>
            <Button type="text">{t('action.cancel')}</Button>
          </Link>
        </Space>
      </Form>
    </Card>
  );
}

/**
 * A checkbox group for a required field: Ant Design marks the control aria-required, which a group
 * (role group) may not carry (axe aria-allowed-attr); the label's asterisk and the error say it.
 */
function CheckGroup({
  'aria-required': _required,
  ...props
}: GetProps<typeof Checkbox.Group> & { 'aria-required'?: unknown }) {
  return <Checkbox.Group role="group" {...props} />;
}

/** The customer of a plan whose customer is fixed (editing, or ?customerId=): a link, not a field. */
function CustomerText({ id, name }: { id: number | undefined; name: string | undefined; value?: number }) {
  if (!id) return <Typography.Text>—</Typography.Text>;
  return <Link to={`/customers/${id}`}>{name ?? `#${id}`}</Link>;
}
