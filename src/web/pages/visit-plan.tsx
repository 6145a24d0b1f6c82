import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  CHANNELS,
  MAINTENANCE_FORMS,
  NEED_TAGS,
  OBJECTIVE_OUTCOMES,
  PRODUCTS,
  VISIT_PLAN_STATUSES,
} from '../../shared/codes';
import type { VisitPlan } from '../../shared/schemas/visit-plan';
import { ApiError } from '../app/api';
import { useUser } from '../app/auth';
import { formatDateTime } from '../app/format';
import { codeLabel } from '../i18n';
import { useOwners } from '../modules/customers/api';
import { type PlanAction, usePlan, usePlanAction } from '../modules/visit-plans/api';
import { SmartVerdictView } from '../modules/visit-plans/components/smart-verdict';
import { STATUS_COLOURS, subjectOf, targetText } from '../modules/visit-plans/format';
import { planProblem } from '../modules/visit-plans/problems';
import { NotFoundPage } from './not-found';

const options = (labels: Record<string, { zh: string; en: string }>) =>
  Object.keys(labels).map((code) => ({ value: code, label: codeLabel(labels, code) }));

/** One visit plan: what was planned, its SMART objectives, the decision, and after the visit its summary. */
export default function VisitPlanPage() {
  const { id: rawId } = useParams();
  const id = /^[1-9][0-9]{0,9}$/.test(rawId ?? '') ? Number(rawId) : 0;
  if (!id) return <NotFoundPage />;
  return <PlanView key={id} id={id} />;
}

function PlanView({ id }: { id: number }) {
  const { t } = useTranslation(['plans', 'customer360']);
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const plan = usePlan(id);
  const act = usePlanAction(id);
  const [problem, setProblem] = useState<string | null>(
    (location.state as { submitFailed?: string } | null)?.submitFailed ?? null,
  );
  const [decision, setDecision] = useState<'approve' | 'return' | 'cancel' | null>(null);
  const [note, setNote] = useState('');
  const [writingSummary, setWritingSummary] = useState(false);

  if (plan.error instanceof ApiError && plan.error.status === 404) return <NotFoundPage />;
  if (plan.error) return <Alert type="error" showIcon title={(plan.error as Error).message} />;
  const p = plan.data;
  if (!p) return <Skeleton active />;

  const mine = p.owner.id === user.id;
  const editable = mine && (p.status === 'draft' || p.status === 'returned');
  const canDecide = user.role === 'team_lead' && p.status === 'pending_approval' && !mine;
  const canCancel =
    (mine || user.role === 'team_lead') &&
    ['draft', 'pending_approval', 'planned', 'returned'].includes(p.status);

  const run = async (action: PlanAction, body: Record<string, unknown>) => {
    setProblem(null);
    try {
      await act.mutateAsync({ action, body: { version: p.version, ...body } });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code === 'stale_version') {
        setProblem(t('detail.stale'));
        void plan.refetch();
      } else if (error instanceof ApiError && error.fields.length > 0) {
        setProblem(error.fields.map((f) => planProblem(t, f.message)).join('；'));
      } else setProblem(error instanceof Error ? planProblem(t, error.message) : String(error));
      return false;
    }
  };

  return (
    <Card>
      <Link to="/visit-plans" style={{ display: 'block', width: 'fit-content', marginBottom: 12 }}>
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      <Space align="center" wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('detail.title', { customer: subjectOf(p).name })}
        </Typography.Title>
        <Tag color={STATUS_COLOURS[p.status]} data-testid="plan-status">
          {codeLabel(VISIT_PLAN_STATUSES.labels, p.status)}
        </Tag>
      </Space>
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem}
          closable
          onClose={() => setProblem(null)}
          style={{ marginBottom: 16 }}
        />
      )}
      {p.status === 'returned' && p.decisionNote && (
        <Alert
          type="warning"
          showIcon
          title={t('form.returnedWith', { note: p.decisionNote })}
          style={{ marginBottom: 16 }}
        />
      )}

      <Space wrap style={{ marginBottom: 16 }}>
        {editable && (
          <>
            <Button onClick={() => navigate(`/visit-plans/${p.id}/edit`)}>{t('detail.edit')}</Button>
            <Button
              type="primary"
              disabled={!p.smartOk}
              loading={act.isPending}
              onClick={() => void run('submit', {})}
            >
              {p.needsApproval ? t('detail.submitForApproval') : t('detail.submit')}
            </Button>
          </>
        )}
        {canDecide && (
          <>
            <Button type="primary" onClick={() => setDecision('approve')}>
              {t('detail.approve')}
            </Button>
            <Button danger onClick={() => setDecision('return')}>
              {t('detail.return')}
            </Button>
          </>
        )}
        {mine && p.status === 'planned' && (
          <Button type="primary" onClick={() => setWritingSummary(true)}>
            {t('detail.writeSummary')}
          </Button>
        )}
        {canCancel && <Button onClick={() => setDecision('cancel')}>{t('detail.cancel')}</Button>}
      </Space>

      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={subjectOf(p).prospect ? t('field.prospect') : t('field.customer')}>
          <Link to={subjectOf(p).href}>
            {subjectOf(p).name}（{subjectOf(p).code}）
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('field.owner')}>{p.owner.name}</Descriptions.Item>
        <Descriptions.Item label={t('field.startsAt')}>
          {formatDateTime(p.startsAt)}
          {t('detail.minutes', { n: p.durationMinutes })}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.channel')}>
          {codeLabel(CHANNELS.labels, p.channel)}
          {p.place ? ` · ${p.place}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.contacts')}>
          {p.contacts.map((c) => c.name).join('、') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.participants')}>
          {p.participants.map((x) => `${x.name}（${x.department}）`).join('、') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.timingRationale')}>{p.timingRationale ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('field.entryPoint')}>{p.entryPoint ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('field.agenda')} span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{p.agenda ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('field.products')}>
          {p.products.map((code) => (
            <Tag key={code}>{codeLabel(PRODUCTS.labels, code)}</Tag>
          ))}
          {p.products.length === 0 && '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.offer')}>{p.offer ?? '—'}</Descriptions.Item>
        {p.decidedBy && (
          <Descriptions.Item label={t('detail.decision')} span={2}>
            {p.decidedBy.name} · {formatDateTime(p.decidedAt)}
            {p.decisionNote ? ` · ${p.decisionNote}` : ''}
          </Descriptions.Item>
        )}
      </Descriptions>

      <Divider titlePlacement="start">{t('form.sectionObjectives')}</Divider>
      <List
        dataSource={p.objectives}
        renderItem={(o, index) => (
          <List.Item key={o.id}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>
                  {index + 1}. {o.what}
                </Typography.Text>
                {o.needTag && <Tag>{codeLabel(NEED_TAGS.labels, o.needTag)}</Tag>}
                {o.product && <Tag color="blue">{codeLabel(PRODUCTS.labels, o.product)}</Tag>}
                {o.outcome && (
                  <Tag color={o.outcome === 'met' ? 'green' : o.outcome === 'partly' ? 'gold' : 'red'}>
                    {codeLabel(OBJECTIVE_OUTCOMES.labels, o.outcome)}
                  </Tag>
                )}
              </Space>
              <Typography.Text type="secondary">
                {o.metric ?? '—'} · {t('field.target')} {targetText(o.unit, o.target)}
                {o.actual !== null && ` · ${t('field.actual')} ${targetText(o.unit, o.actual)}`}
                {o.dueOn ? ` · ${t('field.dueOn')} ${o.dueOn}` : ''}
              </Typography.Text>
              {p.status !== 'completed' && <SmartVerdictView verdict={o.smart} compact={!editable} />}
            </Space>
          </List.Item>
        )}
      />

      {p.status === 'completed' && <CompletedSummary plan={p} />}
      {writingSummary && (
        <SummaryForm plan={p} onDone={() => setWritingSummary(false)} run={(body) => run('summary', body)} />
      )}

      <Modal
        open={decision !== null}
        title={decision ? t(`detail.${decision}Title`) : ''}
        okText={decision ? t(`detail.${decision}`) : ''}
        okButtonProps={{
          danger: decision !== 'approve',
          disabled: decision === 'return' && note.trim() === '',
        }}
        onCancel={() => setDecision(null)}
        onOk={async () => {
          if (await run(decision!, { note: note.trim() || null })) {
            setDecision(null);
            setNote('');
          }
        }}
        confirmLoading={act.isPending}
      >
        <Form layout="vertical">
          <Form.Item
            label={decision === 'return' ? t('detail.returnNote') : t('detail.note')}
            required={decision === 'return'}
          >
            <Input.TextArea
              rows={3}
              maxLength={1000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function CompletedSummary({ plan }: { plan: VisitPlan }) {
  const { t } = useTranslation(['plans', 'customer360']);
  return (
    <>
      <Divider titlePlacement="start">{t('summary.title')}</Divider>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('summary.text')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{plan.summary}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('summary.needsFound')}>
          {plan.needsFound.map((n) => (
            <Tag key={n}>{codeLabel(NEED_TAGS.labels, n)}</Tag>
          ))}
          {plan.needsFound.length === 0 && '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('summary.memo')}>
          {plan.memoTaskIds.length > 0 ? (
            <Link to={`/tasks?planId=${plan.id}`}>
              {t('summary.memoTasks', { n: plan.memoTaskIds.length })}
            </Link>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('summary.recorded')}>
          <Link
            to={
              subjectOf(plan).prospect
                ? `${subjectOf(plan).href}?tab=activity`
                : `${subjectOf(plan).href}?tab=timeline`
            }
          >
            {t('summary.recordedLink')}
          </Link>
          {plan.completedAt ? ` · ${formatDateTime(plan.completedAt)}` : ''}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}

interface SummaryValues {
  occurredAt: Dayjs;
  summary: string;
  maintenanceForm?: string;
  nextStep?: string;
  outcomes: { outcome?: string; actual?: number | null }[];
  needsFound: string[];
  addNeedTags: boolean;
  memo: { title: string; dueOn?: Dayjs; ownerId?: number; notes?: string }[];
}

/** The post-meeting summary 见面后总结表 with the memo 备忘录, whose items become tasks. */
function SummaryForm({
  plan,
  onDone,
  run,
}: {
  plan: VisitPlan;
  onDone: () => void;
  run: (body: Record<string, unknown>) => Promise<boolean>;
}) {
  const { t } = useTranslation(['plans', 'customer360']);
  const user = useUser();
  const [form] = Form.useForm<SummaryValues>();
  const owners = useOwners(user.role === 'team_lead');
  const colleagues = (owners.data ?? []).filter((u) => u.teamId === user.teamId);

  const save = async () => {
    let v: SummaryValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const ok = await run({
      occurredAt: v.occurredAt.toISOString(),
      summary: v.summary,
      maintenanceForm: v.maintenanceForm ?? null,
      nextStep: v.nextStep ?? null,
      outcomes: plan.objectives.map((o, i) => ({
        objectiveId: o.id,
        outcome: v.outcomes[i]?.outcome,
        actual: v.outcomes[i]?.actual ?? null,
      })),
      needsFound: v.needsFound ?? [],
      addNeedTags: v.addNeedTags,
      memo: (v.memo ?? []).map((m) => ({
        title: m.title,
        dueOn: m.dueOn!.format('YYYY-MM-DD'),
        ...(m.ownerId ? { ownerId: m.ownerId } : {}),
        ...(m.notes ? { notes: m.notes } : {}),
      })),
    });
    if (ok) onDone();
  };

  return (
    <Card title={t('summary.title')} style={{ marginTop: 16 }} data-testid="summary-form">
      <Form<SummaryValues>
        form={form}
        layout="vertical"
        name="visit-summary"
        initialValues={{
          // A visit may take place earlier than planned.
          occurredAt: dayjs(Math.min(Date.parse(plan.startsAt), Date.now())),
          outcomes: plan.objectives.map(() => ({})),
          needsFound: [],
          addNeedTags: true,
          memo: [],
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="occurredAt"
              label={t('summary.occurredAt')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="maintenanceForm" label={t('summary.maintenanceForm')}>
              <Select allowClear options={options(MAINTENANCE_FORMS.labels)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="summary"
          label={t('summary.text')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Typography.Title level={5}>{t('summary.outcomes')}</Typography.Title>
        {plan.objectives.map((o, i) => (
          <Row gutter={16} key={o.id} align="middle">
            <Col xs={24} md={10}>
              <Typography.Text>
                {i + 1}. {o.what}
                {t('summary.targetOf', { target: targetText(o.unit, o.target) })}
              </Typography.Text>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['outcomes', i, 'outcome']}
                label={t('summary.outcomeOf', { n: i + 1 })}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <Radio.Group options={options(OBJECTIVE_OUTCOMES.labels)} optionType="button" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name={['outcomes', i, 'actual']} label={t('field.actual')}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        ))}
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="needsFound" label={t('summary.needsFound')}>
              <Checkbox.Group options={options(NEED_TAGS.labels)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="addNeedTags" label={t('summary.addNeedTags')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="nextStep" label={t('summary.nextStep')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Typography.Title level={5}>{t('summary.memo')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('summary.memoHelp')}</Typography.Paragraph>
        <Form.List name="memo">
          {(rows, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {rows.map((row, index) => (
                <Space key={row.key} align="baseline" wrap data-testid={`memo-${index}`}>
                  <Form.Item
                    name={[row.name, 'title']}
                    rules={[{ required: true, whitespace: true, message: t('form.required') }]}
                  >
                    <Input
                      placeholder={t('summary.memoTitle')}
                      aria-label={t('summary.memoTitle')}
                      style={{ width: 280 }}
                      maxLength={300}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'dueOn']}
                    rules={[{ required: true, message: t('form.required') }]}
                  >
                    <DatePicker
                      placeholder={t('field.dueOn')}
                      aria-label={t('field.dueOn')}
                      disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                    />
                  </Form.Item>
                  {colleagues.length > 0 && (
                    <Form.Item name={[row.name, 'ownerId']}>
                      <Select
                        allowClear
                        placeholder={t('summary.memoOwner')}
                        aria-label={t('summary.memoOwner')}
                        style={{ width: 160 }}
                        options={colleagues.map((u) => ({ value: u.id, label: u.displayName }))}
                      />
                    </Form.Item>
                  )}
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('form.remove')}
                    onClick={() => remove(row.name)}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ title: '' })}>
                {t('summary.addMemo')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" onClick={() => void save()}>
            {t('summary.save')}
          </Button>
          <Button onClick={onDone}>{t('summary.close')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
