import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MODEL_TERMS } from '../../../../domain/value';
import { NEED_TAGS } from '../../../../shared/codes';
import { INDUSTRY_SECTIONS } from '../../../../shared/industries';
import { valueSettingsSchema } from '../../../../shared/schemas/value';
import { WeightShares } from '../../../components/weight-shares';
import { codeLabel } from '../../../i18n';
import { useSaveValueSettings, useValueSettings, useValueSettingsVersions } from '../api';
import {
  describeValueSettings,
  type ValueFormValues,
  valueFieldOf,
  valueFromForm,
  valueToForm,
} from '../value-settings';
import { SettingsCard, SettingsPending, useSettingsEditor } from './settings-editor';

// The customer-value model (DOMAIN §3.1, §2.1, §5 pitfalls) as administrators edit it: wallet
// coefficients, the values of open needs, the model's weights and scales, the Pareto cut-offs, the
// lifecycle thresholds, the relationship-tier thresholds and the pitfall limits. A save sends the
// version read (409 when someone saved meanwhile) and starts a full recomputation on the server.

export function ValueSettingsForm() {
  const { t, i18n } = useTranslation('valueAnalytics');
  const en = i18n.language === 'en';
  const editor = useSettingsEditor({
    current: useValueSettings(),
    save: useSaveValueSettings(),
    schema: valueSettingsSchema,
    toForm: valueToForm,
    fieldOf: valueFieldOf,
    savedNote: t('settings.recomputeStarted'),
  });
  const versions = useValueSettingsVersions(editor.historyOpen);
  const { loaded } = editor;
  if (editor.error || !loaded) return <SettingsPending error={editor.error} rows={12} />;

  const submit = (values: ValueFormValues) => {
    const sections = (values.sections ?? []).map((r) => r.section).filter(Boolean);
    if (new Set(sections).size !== sections.length) {
      editor.showProblems([{ path: ['sections'], message: t('problem.duplicateSection') }]);
      return;
    }
    return editor.submit(valueFromForm(values), values.reason);
  };

  const num = (
    name: (string | number)[],
    label: string,
    props: Record<string, unknown> = {},
    extra?: string,
  ) => (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[{ required: true, message: t('problem.required') }]}
    >
      <InputNumber style={{ width: '100%' }} {...props} />
    </Form.Item>
  );
  const yuan = {
    min: 0,
    prefix: '¥',
    precision: 2,
    formatter: (v: number | string | undefined) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
    parser: (v: string | undefined) => (v ?? '').replace(/,/g, ''),
  };
  const percent = { min: 0, max: 100, suffix: '%', precision: 2 };
  const coefficient = { min: 0, max: 10, step: 0.001 };
  const section = (title: string, hint?: string) => (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {title}
      </Typography.Title>
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
    </>
  );

  return (
    <SettingsCard
      editor={editor}
      loaded={loaded}
      title={t('settings.valueTitle')}
      intro={t('settings.valueIntro')}
      name="valueSettings"
      onFinish={submit}
      historyTitle={t('settings.valueHistory')}
      versions={versions}
      describe={(s) => describeValueSettings(t, s, en)}
    >
      {section(t('settings.section.wallet'), t('settings.section.walletHint'))}
      <Row gutter={24}>
        <Col xs={24} lg={10}>
          <Row gutter={12}>
            <Col xs={12}>
              {num(['wallet', 'corporateDefault'], t('settings.field.corporateDefault'), coefficient)}
            </Col>
            <Col xs={12}>{num(['wallet', 'individual'], t('settings.field.individual'), coefficient)}</Col>
          </Row>
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Text strong>{t('settings.field.bySectionTitle')}</Typography.Text>
          <Form.List name="sections">
            {(fields, { add, remove }, { errors }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((field) => (
                  <Flex key={field.key} gap="small" align="start">
                    <Form.Item
                      name={[field.name, 'section']}
                      rules={[{ required: true, message: t('problem.required') }]}
                      style={{ flex: 1, marginBottom: 8 }}
                    >
                      <Select
                        aria-label={t('settings.field.section')}
                        placeholder={t('settings.field.section')}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={INDUSTRY_SECTIONS.map((s) => ({
                          value: s.code,
                          label: `${s.code} ${en ? s.en : s.zh}`,
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'coefficient']}
                      rules={[{ required: true, message: t('problem.required') }]}
                      style={{ width: 140, marginBottom: 8 }}
                    >
                      <InputNumber
                        aria-label={t('settings.field.coefficient')}
                        placeholder={t('settings.field.coefficient')}
                        style={{ width: '100%' }}
                        {...coefficient}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('settings.field.removeSection')}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('settings.field.addSection')}
                </Button>
              </div>
            )}
          </Form.List>
        </Col>
      </Row>

      {section(t('settings.section.openNeeds'), t('settings.section.openNeedsHint'))}
      <Row gutter={12}>
        {NEED_TAGS.codes.map((tag) => (
          <Col key={tag} xs={12} md={6}>
            {num(
              ['openNeedValues', tag],
              t('settings.field.openNeed', { tag: codeLabel(NEED_TAGS.labels, tag) }),
              yuan,
            )}
          </Col>
        ))}
      </Row>

      {section(t('settings.section.weights'), t('settings.section.weightsHint'))}
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Row gutter={12}>
            {MODEL_TERMS.map((term) => (
              <Col key={term} xs={12} md={8}>
                {num(['weights', term], t(`settings.term.${term}`), { min: 0, max: 1000 })}
              </Col>
            ))}
          </Row>
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t('settings.shares')}</Typography.Text>
          <WeightShares
            keys={MODEL_TERMS}
            labelOf={(term) => t(`settings.term.${term}`)}
            label={t('settings.sharesLabel')}
            footer={(total) =>
              total === 0 && <Typography.Text type="danger">{t('problem.oneWeight')}</Typography.Text>
            }
          />
        </Col>
      </Row>

      {section(t('settings.section.scales'), t('settings.section.scalesHint'))}
      <Row gutter={12}>
        <Col xs={12} md={6}>
          {num(['realizedScale', 'floor'], t('settings.field.realizedFloor'), yuan)}
        </Col>
        <Col xs={12} md={6}>
          {num(['realizedScale', 'ceiling'], t('settings.field.realizedCeiling'), yuan)}
        </Col>
        <Col xs={12} md={6}>
          {num(['potentialScale', 'floor'], t('settings.field.potentialFloor'), yuan)}
        </Col>
        <Col xs={12} md={6}>
          {num(['potentialScale', 'ceiling'], t('settings.field.potentialCeiling'), yuan)}
        </Col>
        <Col xs={12} md={6}>
          {num(
            ['growthSpan'],
            t('settings.field.growthSpan'),
            { min: 1, max: 1000, suffix: '%', precision: 2 },
            t('settings.field.growthSpanHint'),
          )}
        </Col>
      </Row>

      {section(t('settings.section.pareto'), t('settings.section.paretoHint'))}
      <Row gutter={12}>
        <Col xs={12} md={6}>
          {num(['pareto', 'a'], t('settings.field.paretoA'), percent)}
        </Col>
        <Col xs={12} md={6}>
          {num(['pareto', 'b'], t('settings.field.paretoB'), percent)}
        </Col>
      </Row>

      {section(t('settings.section.lifecycle'), t('settings.section.lifecycleHint'))}
      <Row gutter={12}>
        <Col xs={12} md={6}>
          {num(['lifecycle', 'developmentMonths'], t('settings.field.developmentMonths'), {
            min: 1,
            max: 60,
            precision: 0,
          })}
        </Col>
        <Col xs={12} md={6}>
          {num(['lifecycle', 'growthThreshold'], t('settings.field.growthThreshold'), percent)}
        </Col>
        <Col xs={12} md={6}>
          {num(['lifecycle', 'declineThreshold'], t('settings.field.declineThreshold'), percent)}
        </Col>
      </Row>

      {section(t('settings.section.relationshipTier'), t('settings.section.relationshipTierHint'))}
      <Row gutter={12}>
        <Col xs={12} md={6}>
          {num(
            ['relationshipTier', 'highEndRealized', 'corporate'],
            t('settings.field.highEndCorporate'),
            yuan,
          )}
        </Col>
        <Col xs={12} md={6}>
          {num(
            ['relationshipTier', 'highEndRealized', 'individual'],
            t('settings.field.highEndIndividual'),
            yuan,
          )}
        </Col>
        <Col xs={12} md={6}>
          {num(['relationshipTier', 'highEndFinancialAssets'], t('settings.field.highEndAssets'), yuan)}
        </Col>
      </Row>

      {section(t('settings.section.pitfalls'), t('settings.section.pitfallsHint'))}
      <Row gutter={12}>
        <Col xs={12} md={6}>
          {num(['concessionShare'], t('settings.field.concessionShare'), percent)}
        </Col>
        <Col xs={12} md={6}>
          {num(['statementMaxAgeMonths'], t('settings.field.statementMaxAgeMonths'), {
            min: 1,
            max: 60,
            precision: 0,
          })}
        </Col>
      </Row>
    </SettingsCard>
  );
}
