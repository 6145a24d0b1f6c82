import { CheckCircleOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Radio,
  Result,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CHANNELS,
  FEEDBACK_CATEGORIES,
  FEEDBACK_SEVERITIES,
  type FeedbackCategory,
  type FeedbackSeverity,
} from '../../../../shared/codes';
import { ApiError } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { applyServerErrors } from '../../customers/components/validation';
import { CHANNEL_LOOK } from '../../interactions/components/channel';
import { type Complaint, type ComplaintPatch, useAssignees, useComplaint, useUpdateComplaint } from '../api';
import { translated } from '../problems';
import { DeadlineTag, EscalatedTag, KindTag, SeverityTag, StatusTag, useNow } from './complaint-tags';

// One case, opened from a list: what the customer said and when, its deadline and escalation, and —
// for those who handle it — re-categorising and reassigning it, resolving it with what was done, and
// then the customer's satisfaction with the fix (1–7). Each save sends the version read; a stale one
// answers 409, and the drawer reads the case again and says so.

const SCORES = [1, 2, 3, 4, 5, 6, 7] as const;

interface HandleValues {
  category: FeedbackCategory;
  severity: FeedbackSeverity;
  assigneeId?: number;
}

export function ComplaintDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation('complaints');
  const one = useComplaint(id);
  const c = one.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={720}
      title={c ? c.subject : t('drawer.title')}
      closable={{ 'aria-label': t('drawer.close') }}
      destroyOnHidden
    >
      {one.error ? (
        <Result
          status={one.error instanceof ApiError && one.error.status === 404 ? '404' : 'error'}
          title={
            one.error instanceof ApiError && one.error.status === 404 ? t('drawer.notFound') : t('loadFailed')
          }
          subTitle={one.error instanceof ApiError && one.error.status === 404 ? undefined : one.error.message}
        />
      ) : !c ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <ComplaintDetail complaint={c} />
      )}
    </Drawer>
  );
}

function ComplaintDetail({ complaint: c }: { complaint: Complaint }) {
  const { t } = useTranslation(['complaints', 'customer360']);
  const { message } = App.useApp();
  const user = useUser();
  const now = useNow();
  const update = useUpdateComplaint(c.id);
  const canEdit = user.role === 'rm' || user.role === 'team_lead' || user.role === 'admin';
  const canAssign = user.role === 'team_lead' || user.role === 'admin';
  const assignees = useAssignees(canAssign);
  const [handleForm] = Form.useForm<HandleValues>();
  const [resolveForm] = Form.useForm<{ resolution?: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [score, setScore] = useState<number | null>(c.fixSatisfaction);

  // A fresh read of the case (after a save or a 409) restarts the forms from it.
  useEffect(() => {
    handleForm.setFieldsValue({
      category: c.category,
      severity: c.severity,
      assigneeId: c.assignee?.id,
    });
    setScore(c.fixSatisfaction);
  }, [c, handleForm]);

  const save = async (
    body: Omit<ComplaintPatch, 'version'>,
    done: string,
    form?: { instance: Parameters<typeof applyServerErrors>[1]; fields: readonly string[] },
  ) => {
    setProblem(null);
    try {
      await update.mutateAsync({ ...body, version: c.version });
      message.success(done);
      return true;
    } catch (raw) {
      const e = translated(t, raw);
      if (e instanceof ApiError && e.status === 409) setProblem(t('drawer.stale'));
      else if (form) setProblem(applyServerErrors(t, form.instance, e, form.fields).join('；') || null);
      else setProblem(e instanceof Error ? e.message : String(e));
      return false;
    }
  };

  const onHandle = async (v: HandleValues) => {
    const body: Omit<ComplaintPatch, 'version'> = {};
    if (v.category !== c.category) body.category = v.category;
    if (v.severity !== c.severity) body.severity = v.severity;
    if (v.assigneeId && v.assigneeId !== c.assignee?.id) body.assigneeId = v.assigneeId;
    if (Object.keys(body).length === 0) {
      message.info(t('drawer.nothingChanged'));
      return;
    }
    await save(body, t('drawer.updated'), {
      instance: handleForm,
      fields: ['category', 'severity', 'assigneeId'],
    });
  };

  const onResolve = async (v: { resolution?: string }) => {
    const ok = await save(
      { status: 'resolved', resolution: (v.resolution ?? '').trim() },
      t('drawer.resolvedDone'),
      { instance: resolveForm, fields: ['resolution'] },
    );
    if (ok) resolveForm.resetFields();
  };

  const onScore = () =>
    score !== null && save({ fixSatisfaction: score }, t('drawer.satisfactionDone', { score }));

  const breachedLabel = c.breached ? t('drawer.breachedYes') : t('drawer.breachedNo');

  return (
    <Flex vertical gap="middle">
      <Space wrap size={[4, 8]}>
        <KindTag kind={c.kind} />
        <SeverityTag severity={c.severity} />
        <StatusTag status={c.status} />
        <DeadlineTag complaint={c} now={now} />
        <EscalatedTag complaint={c} />
      </Space>
      {c.escalatedAt && (
        <Alert
          type="warning"
          showIcon
          title={t('drawer.escalatedNote', {
            name: c.escalatedTo?.name ?? '—',
            at: formatDateTime(c.escalatedAt),
          })}
        />
      )}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'customer',
            label: t('field.customer'),
            children: (
              <Link to={`/customers/${c.customer.id}`}>{`${c.customer.name}（${c.customer.code}）`}</Link>
            ),
          },
          {
            key: 'channel',
            label: t('field.channel'),
            // Icon and words, not the channel's tag: some of its preset colours are too pale for text.
            children: (
              <Space size={4}>
                <span aria-hidden>{CHANNEL_LOOK[c.channel].icon}</span>
                {codeLabel(CHANNELS.labels, c.channel)}
              </Space>
            ),
          },
          {
            key: 'category',
            label: t('field.category'),
            children: codeLabel(FEEDBACK_CATEGORIES.labels, c.category),
          },
          { key: 'assignee', label: t('field.assignee'), children: c.assignee?.name ?? '—' },
          { key: 'receivedAt', label: t('field.receivedAt'), children: formatDateTime(c.receivedAt) },
          {
            key: 'deadlineAt',
            label: t('field.deadlineAt'),
            children: c.deadlineAt
              ? `${formatDateTime(c.deadlineAt)}（${breachedLabel}）`
              : t('deadline.none'),
          },
          {
            key: 'createdBy',
            label: t('field.createdBy'),
            children: `${c.createdBy?.name ?? '—'} · ${formatDateTime(c.createdAt)}`,
          },
          {
            key: 'escalated',
            label: t('field.escalatedTo'),
            children: c.escalatedAt
              ? `${c.escalatedTo?.name ?? '—'} · ${formatDateTime(c.escalatedAt)}`
              : '—',
          },
          {
            key: 'description',
            label: t('field.description'),
            span: 'filled',
            children: (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {c.description}
              </Typography.Paragraph>
            ),
          },
          ...(c.status === 'resolved'
            ? [
                {
                  key: 'resolution',
                  label: t('field.resolution'),
                  span: 'filled' as const,
                  children: (
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                      {c.resolution ?? '—'}
                    </Typography.Paragraph>
                  ),
                },
                {
                  key: 'resolvedAt',
                  label: t('field.resolvedAt'),
                  children: `${c.resolvedBy?.name ?? '—'} · ${formatDateTime(c.resolvedAt)}`,
                },
                {
                  key: 'hoursToResolve',
                  label: t('field.hoursToResolve'),
                  children: c.hoursToResolve === null ? '—' : t('hours', { value: c.hoursToResolve }),
                },
                {
                  key: 'fixSatisfaction',
                  label: t('field.fixSatisfaction'),
                  children:
                    c.fixSatisfaction === null
                      ? t('drawer.noSatisfaction')
                      : t('score', { score: c.fixSatisfaction }),
                },
              ]
            : []),
        ]}
      />

      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem}
          closable={{ 'aria-label': t('drawer.dismiss') }}
          onClose={() => setProblem(null)}
        />
      )}

      {canEdit && (
        <>
          <Divider titlePlacement="start" plain>
            {t('drawer.handle')}
          </Divider>
          <Form<HandleValues> form={handleForm} name="complaintHandle" layout="vertical" onFinish={onHandle}>
            <Flex gap="middle" wrap align="flex-end">
              <Form.Item
                name="category"
                label={t('field.category')}
                style={{ minWidth: 180, marginBottom: 0 }}
              >
                <Select
                  options={FEEDBACK_CATEGORIES.codes.map((x) => ({
                    value: x,
                    label: codeLabel(FEEDBACK_CATEGORIES.labels, x),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="severity"
                label={t('field.severity')}
                style={{ minWidth: 120, marginBottom: 0 }}
              >
                <Select
                  disabled={c.kind === 'praise'}
                  options={FEEDBACK_SEVERITIES.codes.map((x) => ({
                    value: x,
                    label: codeLabel(FEEDBACK_SEVERITIES.labels, x),
                  }))}
                />
              </Form.Item>
              {canAssign && (
                <Form.Item
                  name="assigneeId"
                  label={t('field.assignee')}
                  style={{ minWidth: 200, marginBottom: 0 }}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={assignees.isFetching}
                    options={[
                      ...(c.assignee && !assignees.data?.some((u) => u.id === c.assignee?.id)
                        ? [{ value: c.assignee.id, label: c.assignee.name }]
                        : []),
                      ...(assignees.data ?? []).map((u) => ({
                        value: u.id,
                        label: `${u.displayName}（${u.username}）`,
                      })),
                    ]}
                  />
                </Form.Item>
              )}
              <Button htmlType="submit" loading={update.isPending}>
                {t('drawer.saveChanges')}
              </Button>
              {!canAssign && c.assignee?.id !== user.id && (
                <Button
                  loading={update.isPending}
                  onClick={() => void save({ assigneeId: user.id }, t('drawer.takenOver'))}
                >
                  {t('drawer.takeOver')}
                </Button>
              )}
            </Flex>
            {c.status === 'open' && c.kind !== 'praise' && (
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
                {t('drawer.severityHint')}
              </Typography.Text>
            )}
          </Form>

          {c.status === 'open' ? (
            <>
              <Divider titlePlacement="start" plain>
                {t('drawer.resolve')}
              </Divider>
              <Form<{ resolution?: string }>
                form={resolveForm}
                name="complaintResolve"
                layout="vertical"
                onFinish={onResolve}
              >
                <Form.Item
                  name="resolution"
                  label={t('field.resolution')}
                  rules={[{ required: true, whitespace: true, message: t('drawer.resolutionRequired') }]}
                  extra={t('drawer.resolutionHint')}
                >
                  <Input.TextArea rows={3} maxLength={2000} showCount />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<CheckCircleOutlined />}
                  loading={update.isPending}
                >
                  {t('drawer.resolveButton')}
                </Button>
              </Form>
            </>
          ) : (
            c.kind !== 'praise' && (
              <>
                <Divider titlePlacement="start" plain>
                  {t('field.fixSatisfaction')}
                </Divider>
                <Typography.Paragraph type="secondary">{t('drawer.satisfactionHint')}</Typography.Paragraph>
                <Flex gap="middle" wrap align="center">
                  <Radio.Group
                    aria-label={t('field.fixSatisfaction')}
                    optionType="button"
                    buttonStyle="solid"
                    value={score}
                    onChange={(e) => setScore(e.target.value as number)}
                    options={SCORES.map((s) => ({ value: s, label: String(s), title: t(`scale.${s}`) }))}
                  />
                  <Typography.Text type="secondary">
                    {score !== null ? t(`scale.${score}`) : ''}
                  </Typography.Text>
                  <Button
                    type="primary"
                    disabled={score === null || score === c.fixSatisfaction}
                    loading={update.isPending}
                    onClick={() => void onScore()}
                  >
                    {t('drawer.saveSatisfaction')}
                  </Button>
                </Flex>
              </>
            )
          )}
          {c.status === 'resolved' && canAssign && (
            <Flex justify="flex-end">
              <Popconfirm
                title={t('drawer.reopenConfirm')}
                okText={t('drawer.reopen')}
                cancelText={t('customer360:cancel')}
                onConfirm={() => save({ status: 'open' }, t('drawer.reopened'))}
              >
                <Button icon={<UndoOutlined />} loading={update.isPending}>
                  {t('drawer.reopen')}
                </Button>
              </Popconfirm>
            </Flex>
          )}
        </>
      )}
    </Flex>
  );
}
