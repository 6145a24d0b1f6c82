import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_DECISIONS } from '../../../../shared/codes';
import { ApiError } from '../../../app/api';
import { formatDateTime, formatYuan } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { applyServerErrors } from '../../customers/components/validation';
import { type ProspectDetail, useSaveAssessment } from '../api';

interface Values {
  needs?: string;
  wallet?: number | null;
  risks?: string;
  decision?: 'pursue' | 'drop' | 'undecided';
}

const FIELDS = ['needs', 'wallet', 'risks', 'decision'];

/** The customer assessment 客户评估 (DOMAIN §4 item 4): needs, wallet, risks and the decision; `assessed` needs it whole. */
export function AssessmentTab({ prospect: p }: { prospect: ProspectDetail }) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveAssessment(p.id);
  const [problems, setProblems] = useState<string[]>([]);
  const a = p.assessment;
  const editable = p.permissions.edit && p.customerId === null && p.mergedInto === null;

  useEffect(() => {
    form.setFieldsValue({
      needs: a?.needs ?? '',
      wallet: a?.wallet ?? null,
      risks: a?.risks ?? '',
      decision: a?.decision ?? 'undecided',
    });
  }, [a, form]);

  if (!editable) {
    if (!a) return <Typography.Text type="secondary">{t('assessment.none')}</Typography.Text>;
    return (
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'needs',
            label: t('assessment.needs'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.needs}</span>,
          },
          {
            key: 'wallet',
            label: t('assessment.wallet'),
            children: a.wallet === null ? '—' : formatYuan(a.wallet),
          },
          {
            key: 'risks',
            label: t('assessment.risks'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.risks}</span>,
          },
          {
            key: 'decision',
            label: t('assessment.decision'),
            children: codeLabel(ASSESSMENT_DECISIONS.labels, a.decision) || '—',
          },
        ]}
      />
    );
  }

  const submit = async (values: Values) => {
    setProblems([]);
    try {
      await save.mutateAsync({
        version: p.version,
        needs: values.needs?.trim() ?? '',
        wallet: values.wallet ?? null,
        risks: values.risks?.trim() ?? '',
        decision: values.decision === 'pursue' || values.decision === 'drop' ? values.decision : null,
      });
      message.success(t('assessment.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'stale_version')
        setProblems([t('profile.stale')]);
      else setProblems(applyServerErrors(t, form, e, FIELDS));
    }
  };

  return (
    <Form<Values>
      form={form}
      name="prospectAssessment"
      layout="vertical"
      onFinish={submit}
      style={{ maxWidth: 800 }}
    >
      <Typography.Paragraph type="secondary">{t('assessment.intro')}</Typography.Paragraph>
      {a && (
        <Typography.Paragraph type="secondary">
          {t('assessment.last', { name: a.assessedBy?.name ?? '—', at: formatDateTime(a.assessedAt) })}
        </Typography.Paragraph>
      )}
      {problems.length > 0 && (
        <Alert type="error" showIcon role="alert" title={problems.join('；')} style={{ marginBottom: 16 }} />
      )}
      <Form.Item
        name="needs"
        label={t('assessment.needs')}
        rules={[{ required: true, whitespace: true, message: t('assessment.needsRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('assessment.needsPlaceholder')} />
      </Form.Item>
      <Form.Item name="wallet" label={t('assessment.wallet')} extra={t('assessment.walletHint')}>
        <InputNumber prefix="¥" min={0} step={10_000} style={{ width: 260 }} />
      </Form.Item>
      <Form.Item
        name="risks"
        label={t('assessment.risks')}
        rules={[{ required: true, whitespace: true, message: t('assessment.risksRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('assessment.risksPlaceholder')} />
      </Form.Item>
      <Form.Item name="decision" label={t('assessment.decision')} extra={t('assessment.decisionHint')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'undecided', label: t('assessment.undecided') },
            ...ASSESSMENT_DECISIONS.codes.map((d) => ({
              value: d,
              label: codeLabel(ASSESSMENT_DECISIONS.labels, d),
            })),
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
        {t('assessment.save')}
      </Button>
    </Form>
  );
}
