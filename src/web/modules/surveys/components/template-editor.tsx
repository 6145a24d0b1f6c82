import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Col,
  Divider,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOYALTY_MEASURES } from '../../../../shared/codes';
import { SURVEY_LOYALTY_MEASURES } from '../../../../shared/schemas/survey';
import { ApiError } from '../../../app/api';
import { codeLabel } from '../../../i18n';
import { type SurveyDefinition, type SurveyTemplate, useSaveTemplate } from '../api';
import { surveyErrorText } from '../format';

// The template editor: the dimensions with their weights, the items (each in a dimension, with a
// weight and optionally the loyalty attitude it measures) and the open questions. The keys the API
// needs are made here and never shown: people name things, the keys only tie items to dimensions.

type Item = SurveyDefinition['items'][number];
interface TemplateFormValues {
  name: string;
  description?: string | null;
  dimensions: SurveyDefinition['dimensions'];
  items: (Omit<Item, 'loyaltyMeasure'> & { loyaltyMeasure?: Item['loyaltyMeasure'] | undefined })[];
  questions: SurveyDefinition['questions'];
}

const LISTS = ['dimensions', 'items', 'questions'] as const;

/** The first free key `d1`, `d2` … that no row of the list has taken. */
function freeKey(prefix: string, rows: { key?: string }[] | undefined): string {
  const taken = new Set((rows ?? []).map((r) => r?.key));
  for (let i = 1; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

const STARTER: TemplateFormValues = {
  name: '',
  description: '',
  dimensions: [{ key: 'd1', name: '', weight: 1 }],
  items: [{ key: 'i1', dimension: 'd1', text: '', weight: 1, loyaltyMeasure: null }],
  questions: [],
};

const SERVER_MESSAGES: Record<string, string> = {
  'must not be empty': 'template.required',
  'is used twice': 'template.duplicateKey',
  'has no item': 'template.dimensionNoItem',
  'is not a dimension of the survey': 'template.dimensionRequired',
  'must be more than 0': 'template.weightRange',
};

/** Puts the API's problems on the rows they name (`body.definition.items.2.text`); answers the rest. */
function showServerProblems(t: TFunction, form: FormInstance<TemplateFormValues>, e: unknown): string[] {
  if (!(e instanceof ApiError) || e.fields.length === 0) return [surveyErrorText(t, e)];
  const rest: string[] = [];
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  for (const f of e.fields) {
    const parts = f.path
      .replace(/^body\.?/, '')
      .replace(/^definition\.?/, '')
      .split('.')
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const key = SERVER_MESSAGES[f.message];
    const text = key ? t(key) : f.message;
    const head = parts[0];
    if (head === 'name' || head === 'description') placed.push({ name: [head], errors: [text] });
    else if (LISTS.includes(head as (typeof LISTS)[number]) && parts.length >= 3) {
      // A problem with a hidden key shows on the row's visible field.
      const field = parts[2] === 'key' ? (head === 'dimensions' ? 'name' : 'text') : parts[2]!;
      placed.push({ name: [head as string, parts[1]!, field], errors: [text] });
    } else rest.push(text);
  }
  form.setFields(placed as Parameters<typeof form.setFields>[0]);
  return rest;
}

function toDefinition(values: TemplateFormValues): SurveyDefinition {
  return {
    dimensions: values.dimensions.map((d) => ({ key: d.key, name: d.name.trim(), weight: d.weight })),
    items: values.items.map((i) => ({
      key: i.key,
      dimension: i.dimension,
      text: i.text.trim(),
      weight: i.weight,
      loyaltyMeasure: i.loyaltyMeasure ?? null,
    })),
    questions: (values.questions ?? []).map((q) => ({ key: q.key, text: q.text.trim() })),
  };
}

interface TemplateEditorProps {
  open: boolean;
  /** The template to edit; undefined for a new one. */
  template: SurveyTemplate | undefined;
  /** Team leads and administrators edit; the others read. */
  readOnly: boolean;
  onClose: () => void;
}

export function TemplateEditor({ open, template, readOnly, onClose }: TemplateEditorProps) {
  const { t } = useTranslation('surveys');
  const [form] = Form.useForm<TemplateFormValues>();
  const save = useSaveTemplate();
  const [problems, setProblems] = useState<string[]>([]);
  const dimensions = Form.useWatch('dimensions', form) ?? [];

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.resetFields();
    form.setFieldsValue(
      template
        ? {
            name: template.name,
            description: template.description ?? '',
            ...template.definition,
          }
        : STARTER,
    );
  }, [open, template, form]);

  const submit = async () => {
    let values: TemplateFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    // Every dimension needs an item (the API's rule too), said on the dimension.
    const empty = values.dimensions.findIndex((d) => !values.items.some((i) => i.dimension === d.key));
    if (empty >= 0) {
      form.setFields([{ name: ['dimensions', empty, 'name'], errors: [t('template.dimensionNoItem')] }]);
      form.scrollToField(['dimensions', empty, 'name'], { block: 'center' });
      return;
    }
    setProblems([]);
    try {
      await save.mutateAsync({
        id: template?.id,
        version: template?.version,
        input: {
          name: values.name.trim(),
          description: values.description?.trim() || null,
          definition: toDefinition(values),
        },
      });
      onClose();
    } catch (e) {
      setProblems(showServerProblems(t, form, e));
    }
  };

  const required = { required: true, whitespace: true, message: t('template.required') };
  const weightRule = {
    validator: async (_: unknown, v: unknown) => {
      if (typeof v !== 'number' || !(v > 0) || v > 100) throw new Error(t('template.weightRange'));
    },
  };
  const dimensionOptions = dimensions
    .filter((d) => d?.key)
    .map((d, i) => ({ value: d.key, label: d.name?.trim() || t('template.dimensionN', { n: i + 1 }) }));
  const loyaltyOptions = SURVEY_LOYALTY_MEASURES.map((m) => ({
    value: m,
    label: codeLabel(LOYALTY_MEASURES.labels, m),
  }));

  return (
    <Modal
      open={open}
      width={1040}
      title={template ? (readOnly ? template.name : t('template.editTitle')) : t('template.newTitle')}
      okText={t('save')}
      cancelText={readOnly ? t('close') : t('cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ hidden: readOnly }}
      forceRender
    >
      <Form<TemplateFormValues>
        form={form}
        name="survey-template"
        layout="vertical"
        disabled={readOnly}
        onFinish={() => void submit()}
      >
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={problems.join('；')}
            style={{ marginBottom: 16 }}
          />
        )}
        {template && template.campaigns > 0 && !readOnly && (
          <Alert type="info" showIcon title={t('template.usedHint', { n: template.campaigns })} />
        )}
        <Row gutter={16} style={{ marginTop: 8 }}>
          <Col xs={24} md={10}>
            <Form.Item name="name" label={t('template.name')} rules={[required, { max: 120 }]}>
              <Input maxLength={120} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="description" label={t('template.description')} rules={[{ max: 1000 }]}>
              <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('template.dimensions')}</Divider>
        <Typography.Paragraph type="secondary">{t('template.dimensionsHint')}</Typography.Paragraph>
        <Form.List name="dimensions">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, i) => (
                <Row key={row.key} gutter={8} align="top" wrap={false}>
                  <Form.Item name={[row.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Col flex="auto">
                    <Form.Item name={[row.name, 'name']} rules={[required, { max: 60 }]}>
                      <Input
                        maxLength={60}
                        placeholder={t('template.dimensionName')}
                        aria-label={t('template.dimensionNameN', { n: i + 1 })}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="140px">
                    <Form.Item name={[row.name, 'weight']} rules={[weightRule]}>
                      <InputNumber
                        min={0.1}
                        max={100}
                        step={0.5}
                        prefix={t('template.weightShort')}
                        aria-label={t('template.dimensionWeightN', { n: i + 1 })}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                  {!readOnly && (
                    <Col flex="40px">
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('template.removeDimensionN', { n: i + 1 })}
                        disabled={rows.length <= 1}
                        onClick={() => remove(row.name)}
                      />
                    </Col>
                  )}
                </Row>
              ))}
              {!readOnly && (
                <Button
                  icon={<PlusOutlined />}
                  disabled={rows.length >= 12}
                  onClick={() =>
                    add({ key: freeKey('d', form.getFieldValue('dimensions')), name: '', weight: 1 })
                  }
                >
                  {t('template.addDimension')}
                </Button>
              )}
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t('template.items')}</Divider>
        <Typography.Paragraph type="secondary">{t('template.itemsHint')}</Typography.Paragraph>
        <Form.List name="items">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, i) => (
                <Row key={row.key} gutter={8} align="top">
                  <Form.Item name={[row.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Col xs={24} lg={10}>
                    <Form.Item name={[row.name, 'text']} rules={[required, { max: 200 }]}>
                      <Input
                        maxLength={200}
                        placeholder={t('template.itemText')}
                        aria-label={t('template.itemTextN', { n: i + 1 })}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} lg={5}>
                    <Form.Item
                      name={[row.name, 'dimension']}
                      rules={[
                        {
                          validator: async (_: unknown, v: unknown) => {
                            const keys = (form.getFieldValue('dimensions') ?? []).map(
                              (d: { key: string }) => d?.key,
                            );
                            if (!keys.includes(v)) throw new Error(t('template.dimensionRequired'));
                          },
                        },
                      ]}
                    >
                      <Select
                        options={dimensionOptions}
                        placeholder={t('template.itemDimension')}
                        aria-label={t('template.itemDimensionN', { n: i + 1 })}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} lg={3}>
                    <Form.Item name={[row.name, 'weight']} rules={[weightRule]}>
                      <InputNumber
                        min={0.1}
                        max={100}
                        step={0.5}
                        prefix={t('template.weightShort')}
                        aria-label={t('template.itemWeightN', { n: i + 1 })}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={20} lg={5}>
                    <Form.Item name={[row.name, 'loyaltyMeasure']}>
                      <Select
                        allowClear
                        options={loyaltyOptions}
                        placeholder={t('template.loyaltyNone')}
                        aria-label={t('template.itemLoyaltyN', { n: i + 1 })}
                      />
                    </Form.Item>
                  </Col>
                  {!readOnly && (
                    <Col xs={4} lg={1}>
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('template.removeItemN', { n: i + 1 })}
                        disabled={rows.length <= 1}
                        onClick={() => remove(row.name)}
                      />
                    </Col>
                  )}
                </Row>
              ))}
              {!readOnly && (
                <Button
                  icon={<PlusOutlined />}
                  disabled={rows.length >= 60}
                  onClick={() => {
                    const dims = form.getFieldValue('dimensions') as TemplateFormValues['dimensions'];
                    const items = form.getFieldValue('items') as TemplateFormValues['items'];
                    // A new item goes to the dimension of the item above it, the usual next one.
                    add({
                      key: freeKey('i', items),
                      dimension: items.at(-1)?.dimension ?? dims[0]?.key,
                      text: '',
                      weight: 1,
                      loyaltyMeasure: null,
                    });
                  }}
                >
                  {t('template.addItem')}
                </Button>
              )}
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t('template.questions')}</Divider>
        <Typography.Paragraph type="secondary">{t('template.questionsHint')}</Typography.Paragraph>
        <Form.List name="questions">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, i) => (
                <Row key={row.key} gutter={8} align="top" wrap={false}>
                  <Form.Item name={[row.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Col flex="auto">
                    <Form.Item name={[row.name, 'text']} rules={[required, { max: 200 }]}>
                      <Input
                        maxLength={200}
                        placeholder={t('template.questionText')}
                        aria-label={t('template.questionTextN', { n: i + 1 })}
                      />
                    </Form.Item>
                  </Col>
                  {!readOnly && (
                    <Col flex="40px">
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('template.removeQuestionN', { n: i + 1 })}
                        onClick={() => remove(row.name)}
                      />
                    </Col>
                  )}
                </Row>
              ))}
              {!readOnly && (
                <Button
                  icon={<PlusOutlined />}
                  disabled={rows.length >= 10}
                  onClick={() => add({ key: freeKey('q', form.getFieldValue('questions')), text: '' })}
                >
                  {t('template.addQuestion')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
