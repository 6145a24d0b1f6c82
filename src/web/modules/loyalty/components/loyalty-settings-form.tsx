import { Col, Form, InputNumber, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOYALTY_MEASURES, type LoyaltyMeasure } from '../../../../shared/codes';
import { loyaltySettingsSchema } from '../../../../shared/schemas/loyalty';
import { WeightShares } from '../../../components/weight-shares';
import { codeLabel } from '../../../i18n';
import {
  SettingsCard,
  SettingsPending,
  SettingsSection,
  useSettingsEditor,
} from '../../value-analytics/components/settings-editor';
import { useLoyaltySettings, useLoyaltySettingsVersions, useSaveLoyaltySettings } from '../api';
import {
  describeLoyaltySettings,
  type LoyaltyFormValues,
  loyaltyFieldOf,
  loyaltyFromForm,
  loyaltyToForm,
} from '../format';

// The loyalty index (DOMAIN §5) as administrators set it: the weight of each of the six measures,
// the repeat purchases that score full marks, the balance change that spans the growth score, and
// the balance drop that counts a customer as lost. Versioned with a reason: loyalty programmes must
// not change often. The next value run uses the version in force.

export function LoyaltySettingsForm() {
  const { t } = useTranslation('loyalty');
  const editor = useSettingsEditor({
    current: useLoyaltySettings(),
    save: useSaveLoyaltySettings(),
    schema: loyaltySettingsSchema,
    toForm: loyaltyToForm,
    fieldOf: loyaltyFieldOf,
    savedNote: t('settings.savedNote'),
  });
  const versions = useLoyaltySettingsVersions(editor.historyOpen);
  const { loaded } = editor;
  if (editor.error || !loaded) return <SettingsPending error={editor.error} rows={8} />;

  const submit = (values: LoyaltyFormValues) => {
    const settings = loyaltyFromForm(values);
    if (!Object.values(settings.weights).some((w) => w > 0)) {
      editor.showProblems([{ path: ['weights'], message: t('settings.oneWeight') }]);
      return;
    }
    return editor.submit(settings, values.reason);
  };

  const required = [{ required: true, message: t('settings.required') }];

  return (
    <SettingsCard
      editor={editor}
      loaded={loaded}
      title={t('settings.title')}
      intro={t('settings.intro')}
      name="loyaltySettings"
      onFinish={submit}
      historyTitle={t('settings.history')}
      versions={versions}
      describe={(s) => describeLoyaltySettings(t, s)}
    >
      <SettingsSection title={t('settings.weights')} hint={t('settings.weightsHint')} />
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Row gutter={12}>
            {LOYALTY_MEASURES.codes.map((m) => (
              <Col key={m} xs={12} md={8}>
                <Form.Item
                  name={['weights', m]}
                  label={codeLabel(LOYALTY_MEASURES.labels, m)}
                  rules={required}
                >
                  <InputNumber style={{ width: '100%' }} min={0} max={1} step={0.05} precision={2} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t('settings.shares')}</Typography.Text>
          <WeightShares<LoyaltyMeasure>
            keys={LOYALTY_MEASURES.codes}
            labelOf={(m) => codeLabel(LOYALTY_MEASURES.labels, m)}
            label={t('settings.sharesLabel')}
            labelWidth={140}
            footer={(total) =>
              total === 0 && <Typography.Text type="danger">{t('settings.oneWeight')}</Typography.Text>
            }
          />
        </Col>
      </Row>

      <SettingsSection title={t('settings.measures')} hint={t('settings.measuresHint')} />
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name="repeatPurchaseTarget"
            label={t('settings.repeatPurchaseTarget')}
            extra={t('settings.repeatPurchaseTargetHint')}
            rules={required}
          >
            <InputNumber style={{ width: '100%' }} min={1} max={20} precision={0} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="growthSpan"
            label={t('settings.growthSpan')}
            extra={t('settings.growthSpanHint')}
            rules={required}
          >
            <InputNumber style={{ width: '100%' }} min={5} max={500} precision={2} prefix="±" suffix="%" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="balanceDropShare"
            label={t('settings.balanceDropShare')}
            extra={t('settings.balanceDropShareHint')}
            rules={required}
          >
            <InputNumber style={{ width: '100%' }} min={5} max={100} precision={2} suffix="%" />
          </Form.Item>
        </Col>
      </Row>
    </SettingsCard>
  );
}
