import { Col, Form, type FormInstance, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CUSTOMER_KINDS, LIFECYCLE_STAGES, VALUE_TIERS } from '../../../../shared/codes';
import type { SurveySegment } from '../../../../shared/schemas/survey';
import { ApiError } from '../../../app/api';
import { FormModal } from '../../../components/form-modal';
import { codeLabel } from '../../../i18n';
import { useBranches } from '../../admin/api';
import { useCreateCampaign, useSurveyTemplates } from '../api';
import { surveyErrorText } from '../format';

interface CampaignFormValues {
  name: string;
  description?: string;
  templateId: number;
  valueTiers?: SurveySegment['valueTiers'];
  lifecycleStages?: SurveySegment['lifecycleStages'];
  kinds?: SurveySegment['kinds'];
  branchIds?: number[];
  sampleSize: number;
  linkDays: number;
}

const FIELDS = [
  'name',
  'description',
  'templateId',
  'valueTiers',
  'lifecycleStages',
  'kinds',
  'branchIds',
  'sampleSize',
  'linkDays',
];

function codeOptions(labels: Record<string, { zh: string; en: string }>) {
  return Object.keys(labels).map((code) => ({ value: code, label: codeLabel(labels, code) }));
}

/** The API's field problems on the fields (`body.segment.kinds` → kinds); the rest as a message. */
function showErrors(t: TFunction, form: FormInstance<CampaignFormValues>, e: unknown): string | null {
  if (!(e instanceof ApiError) || e.fields.length === 0) return surveyErrorText(t, e);
  const rest: string[] = [];
  for (const f of e.fields) {
    const name =
      f.path
        .replace(/^body\.?/, '')
        .replace(/^segment\./, '')
        .split('.')[0] ?? '';
    if (FIELDS.includes(name))
      form.setFields([{ name: name as keyof CampaignFormValues, errors: [f.message] }]);
    else rest.push(`${name}: ${f.message}`);
  }
  return rest.length ? rest.join('；') : null;
}

/**
 * A new campaign (制订计划): its template, the segment its customers are drawn from (value tier,
 * lifecycle stage, kind, branch — an empty picker means any) and how many to draw.
 */
export function CampaignForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('surveys');
  const navigate = useNavigate();
  const templates = useSurveyTemplates();
  const branches = useBranches();
  const create = useCreateCampaign();

  return (
    <FormModal<CampaignFormValues>
      open={open}
      name="survey-campaign"
      title={t('campaign.newTitle')}
      okText={t('campaign.create')}
      cancelText={t('cancel')}
      onClose={onClose}
      initialValues={{ sampleSize: 50, linkDays: 14 }}
      onSubmit={async (values) => {
        const campaign = await create.mutateAsync({
          name: values.name.trim(),
          description: values.description?.trim() || null,
          templateId: values.templateId,
          segment: {
            valueTiers: values.valueTiers ?? [],
            lifecycleStages: values.lifecycleStages ?? [],
            kinds: values.kinds ?? [],
            branchIds: values.branchIds ?? [],
          },
          sampleSize: values.sampleSize,
          linkDays: values.linkDays,
        });
        onClose();
        navigate(`/surveys/${campaign.id}`);
      }}
      showErrors={(form, e) => showErrors(t, form, e)}
    >
      <Form.Item
        name="name"
        label={t('campaign.name')}
        rules={[{ required: true, whitespace: true, message: t('template.required') }, { max: 120 }]}
      >
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="description" label={t('campaign.description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
      </Form.Item>
      <Form.Item
        name="templateId"
        label={t('campaign.template')}
        rules={[{ required: true, message: t('campaign.templateRequired') }]}
      >
        <Select
          loading={templates.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(templates.data ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          notFoundContent={t('template.empty')}
        />
      </Form.Item>
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {t('campaign.segment')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('campaign.segmentHint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="valueTiers" label={t('segment.valueTier')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('segment.any')}
              options={codeOptions(VALUE_TIERS.labels)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="lifecycleStages" label={t('segment.lifecycleStage')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('segment.any')}
              options={codeOptions(LIFECYCLE_STAGES.labels)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="kinds" label={t('segment.kind')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('segment.any')}
              options={codeOptions(CUSTOMER_KINDS.labels)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="branchIds" label={t('segment.branch')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('segment.any')}
              loading={branches.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="sampleSize"
            label={t('campaign.sampleSize')}
            tooltip={t('campaign.sampleSizeHint')}
            rules={[
              { required: true, type: 'integer', min: 1, max: 5000, message: t('campaign.sampleSizeRange') },
            ]}
          >
            <InputNumber min={1} max={5000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="linkDays"
            label={t('campaign.linkDays')}
            tooltip={t('campaign.linkDaysHint')}
            rules={[
              { required: true, type: 'integer', min: 1, max: 90, message: t('campaign.linkDaysRange') },
            ]}
          >
            <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
