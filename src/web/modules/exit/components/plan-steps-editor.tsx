import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, type FormInstance, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EXIT_STEP_KINDS } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';

type StepKind = (typeof EXIT_STEP_KINDS.codes)[number];
type ExitScope = 'whole' | 'partial' | 'product_replacement';
type Means = 'collection' | 'asset_transfer' | 'securitization';

export interface StepValues {
  id?: number;
  kind?: StepKind;
  title?: string;
  ownerId?: number;
  dueOn?: Dayjs | null;
  note?: string;
}

export const MAX_STEPS = 30;
const kindLabel = (kind: string) => codeLabel(EXIT_STEP_KINDS.labels, kind);

/**
 * The steps a plan of this scope and these means usually takes (§6: stop new credit, collect, transfer
 * assets …): a whole exit stops new credit, recovers the loans (by collection unless other means are
 * named) and closes the accounts; a partial exit stops new credit and recovers; a product replacement
 * tells the customer and replaces the product. Due dates are spread evenly up to the target date.
 */
export function suggestedSteps(input: {
  scope: ExitScope | undefined;
  means: Means[] | undefined;
  targetDate: Dayjs | null | undefined;
  ownerId: number | undefined;
}): StepValues[] {
  const means = input.means ?? [];
  const recover: StepKind[] = [
    ...(means.length === 0 || means.includes('collection') ? (['collect'] as const) : []),
    ...(means.includes('asset_transfer') ? (['transfer_assets'] as const) : []),
    ...(means.includes('securitization') ? (['securitize'] as const) : []),
  ];
  const kinds: StepKind[] =
    input.scope === 'product_replacement'
      ? ['notify_customer', 'replace_product']
      : input.scope === 'partial'
        ? ['stop_new_credit', ...recover]
        : ['stop_new_credit', ...recover, 'close_accounts'];
  const today = dayjs().startOf('day');
  const target = input.targetDate?.isAfter(today) ? input.targetDate : today.add(90, 'day');
  const span = target.diff(today, 'day');
  return kinds.map((kind, i) => ({
    kind,
    title: kindLabel(kind),
    ownerId: input.ownerId,
    dueOn: today.add(Math.round(((i + 1) * span) / kinds.length), 'day'),
  }));
}

/**
 * The editable list of steps: kind (the title follows the kind until it is typed over), title, owner,
 * due date and note; steps may be added, removed and reordered. Server problems of a step land on its
 * fields (`steps.0.ownerId`).
 */
export function PlanStepsEditor({
  form,
  owners,
  ownersLoading,
  defaultOwnerId,
}: {
  form: FormInstance;
  owners: { value: number; label: string }[];
  ownersLoading: boolean;
  defaultOwnerId: number | undefined;
}) {
  const { t } = useTranslation(['exitPlans', 'customer360']);
  const kindOptions = EXIT_STEP_KINDS.codes.map((k) => ({ value: k, label: kindLabel(k) }));
  const labels = new Set(EXIT_STEP_KINDS.codes.flatMap((k) => Object.values(EXIT_STEP_KINDS.labels[k])));

  return (
    <Form.List
      name="steps"
      rules={[
        {
          validator: async (_, steps: StepValues[] | undefined) => {
            if (!steps || steps.length === 0) throw new Error(t('problem.atLeastOneStep'));
          },
        },
      ]}
    >
      {(rows, { add, remove, move }, { errors }) => (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          {rows.map((row, index) => (
            <Card
              key={row.key}
              size="small"
              title={t('step.n', { n: index + 1 })}
              data-testid={`exit-step-${index}`}
              extra={
                <Space size={0}>
                  <Button
                    type="text"
                    icon={<ArrowUpOutlined />}
                    disabled={index === 0}
                    aria-label={t('step.up', { n: index + 1 })}
                    onClick={() => move(index, index - 1)}
                  />
                  <Button
                    type="text"
                    icon={<ArrowDownOutlined />}
                    disabled={index === rows.length - 1}
                    aria-label={t('step.down', { n: index + 1 })}
                    onClick={() => move(index, index + 1)}
                  />
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={rows.length === 1}
                    aria-label={t('step.remove', { n: index + 1 })}
                    onClick={() => remove(row.name)}
                  />
                </Space>
              }
            >
              <Form.Item name={[row.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={8} xl={5}>
                  <Form.Item
                    name={[row.name, 'kind']}
                    label={t('step.kind')}
                    rules={[{ required: true, message: t('form.required') }]}
                  >
                    <Select
                      options={kindOptions}
                      onChange={(kind: string) => {
                        // The title follows the kind until someone types their own.
                        const title = form.getFieldValue(['steps', row.name, 'title']) as string | undefined;
                        if (!title || labels.has(title))
                          form.setFieldValue(['steps', row.name, 'title'], kindLabel(kind));
                      }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16} xl={5}>
                  <Form.Item
                    name={[row.name, 'title']}
                    label={t('step.title')}
                    rules={[{ required: true, whitespace: true, message: t('form.required') }]}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={5}>
                  <Form.Item
                    name={[row.name, 'ownerId']}
                    label={t('step.owner')}
                    rules={[{ required: true, message: t('form.required') }]}
                  >
                    <Select
                      options={owners}
                      loading={ownersLoading}
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder={t('step.ownerPlaceholder')}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={4}>
                  <Form.Item
                    name={[row.name, 'dueOn']}
                    label={t('step.dueOn')}
                    rules={[{ required: true, message: t('form.required') }]}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} xl={5}>
                  <Form.Item name={[row.name, 'note']} label={t('step.note')}>
                    <Input maxLength={1000} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          {rows.length < MAX_STEPS && (
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                add({ kind: 'other', title: kindLabel('other'), ownerId: defaultOwnerId, dueOn: null })
              }
            >
              {t('step.add')}
            </Button>
          )}
        </Space>
      )}
    </Form.List>
  );
}
