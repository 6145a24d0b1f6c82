import { Col, Form, InputNumber, Row } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_SEVERITIES } from '../../../../shared/codes';
import { complaintSettingsSchema } from '../../../../shared/schemas/complaint';
import { codeLabel } from '../../../i18n';
import {
  SettingsCard,
  SettingsPending,
  useSettingsEditor,
} from '../../value-analytics/components/settings-editor';
import type { SettingLine } from '../../value-analytics/value-settings';
import {
  type ComplaintSettingsDto,
  useComplaintSettings,
  useComplaintSettingsVersions,
  useSaveComplaintSettings,
} from '../api';

// 投诉处理时限: how many days a complaint or suggestion has, by severity, from when the bank received
// it (praise has none). Saved as a new version with a reason; a new deadline applies to cases
// received from then on.

type FormValues = ComplaintSettingsDto & { reason?: string };

/** `body.settings.deadlineDays.urgent` → the field of that severity. */
function fieldOf(path: readonly (string | number)[] | string): (string | number)[] {
  const parts = (typeof path === 'string' ? path.split('.') : [...path]).map(String);
  while (parts[0] === 'body' || parts[0] === 'settings') parts.shift();
  return parts.slice(0, 2);
}

function describe(t: TFunction, s: ComplaintSettingsDto): SettingLine[] {
  return FEEDBACK_SEVERITIES.codes.map((sev) => ({
    key: `deadlineDays.${sev}`,
    label: codeLabel(FEEDBACK_SEVERITIES.labels, sev),
    value: t('complaints:settings.days', { count: s.deadlineDays[sev] }),
  }));
}

export function ComplaintDeadlinesSettings() {
  const { t } = useTranslation('complaints');
  const editor = useSettingsEditor({
    current: useComplaintSettings(),
    save: useSaveComplaintSettings(),
    schema: complaintSettingsSchema,
    toForm: (s: ComplaintSettingsDto): FormValues => structuredClone(s),
    fieldOf,
    savedNote: t('settings.savedNote'),
  });
  const versions = useComplaintSettingsVersions(editor.historyOpen);
  const { loaded } = editor;
  if (editor.error || !loaded) return <SettingsPending error={editor.error} rows={4} />;

  const submit = (values: FormValues) =>
    editor.submit(
      {
        deadlineDays: Object.fromEntries(
          FEEDBACK_SEVERITIES.codes.map((sev) => [sev, Number(values.deadlineDays?.[sev])]),
        ) as ComplaintSettingsDto['deadlineDays'],
      },
      values.reason,
    );

  return (
    <SettingsCard
      editor={editor}
      loaded={loaded}
      title={t('settings.title')}
      intro={t('settings.intro')}
      name="complaintDeadlines"
      onFinish={submit}
      historyTitle={t('settings.history')}
      versions={versions}
      describe={(s) => describe(t, s)}
    >
      <Row gutter={24}>
        {FEEDBACK_SEVERITIES.codes.map((sev) => (
          <Col key={sev} xs={12} md={6}>
            <Form.Item
              name={['deadlineDays', sev]}
              label={codeLabel(FEEDBACK_SEVERITIES.labels, sev)}
              rules={[{ required: true, message: t('settings.required') }]}
            >
              <InputNumber
                min={1}
                max={60}
                precision={0}
                suffix={t('settings.daysSuffix')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </SettingsCard>
  );
}
