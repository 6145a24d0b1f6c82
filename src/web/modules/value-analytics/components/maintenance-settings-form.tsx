import { Checkbox, Col, Form, InputNumber, Row, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  CUSTOMER_KINDS,
  MAINTENANCE_FORMS,
  SERVICE_PACKAGES,
  VALUE_TIERS,
} from '../../../../shared/codes';
import { maintenanceSettingsSchema } from '../../../../shared/schemas/value';
import { codeLabel } from '../../../i18n';
import { useMaintenanceSettings, useMaintenanceSettingsVersions, useSaveMaintenanceSettings } from '../api';
import {
  describeMaintenanceSettings,
  type MaintenanceFormValues,
  maintenanceFieldOf,
  maintenanceFromForm,
  maintenanceToForm,
} from '../value-settings';
import { SettingsCard, SettingsPending, useSettingsEditor } from './settings-editor';

// Differentiated maintenance 差别维护 (DOMAIN §5): for each value tier and customer kind the longest
// time between qualifying contacts, the forms of maintenance expected and the service package; the
// channels whose contacts qualify; how many days before the due date a contact counts as due soon.

type Policy = MaintenanceFormValues['policies'][number];

export function MaintenanceSettingsForm() {
  const { t } = useTranslation('valueAnalytics');
  const editor = useSettingsEditor({
    current: useMaintenanceSettings(),
    save: useSaveMaintenanceSettings(),
    schema: maintenanceSettingsSchema,
    toForm: maintenanceToForm,
    fieldOf: maintenanceFieldOf,
  });
  const versions = useMaintenanceSettingsVersions(editor.historyOpen);
  const { loaded } = editor;
  if (editor.error || !loaded) return <SettingsPending error={editor.error} rows={10} />;

  // The table's rows carry only what is editable; tier and kind come from the version loaded.
  const submit = (values: MaintenanceFormValues) =>
    editor.submit(
      maintenanceFromForm({
        ...values,
        policies: maintenanceToForm(loaded.settings).policies.map((p, i) => ({
          ...p,
          ...values.policies?.[i],
        })),
      }),
      values.reason,
    );

  const rows = maintenanceToForm(loaded.settings).policies.map((p, i) => ({ ...p, index: i }));
  const rowName = (p: Policy) =>
    `${codeLabel(VALUE_TIERS.labels, p.valueTier)} · ${codeLabel(CUSTOMER_KINDS.labels, p.kind)}`;

  return (
    <SettingsCard
      editor={editor}
      loaded={loaded}
      title={t('maintenance.title')}
      intro={t('maintenance.intro')}
      name="maintenanceSettings"
      onFinish={submit}
      historyTitle={t('maintenance.history')}
      versions={versions}
      describe={(s) => describeMaintenanceSettings(t, s)}
    >
      <Table
        size="small"
        rowKey="index"
        pagination={false}
        dataSource={rows}
        style={{ marginBottom: 8 }}
        scroll={{ x: 900 }}
        columns={[
          {
            key: 'tier',
            title: t('maintenance.tier'),
            width: 90,
            // Two rows a tier (corporate, individual): the tier's cell spans both.
            render: (_, p) => <Tag color="geekblue">{codeLabel(VALUE_TIERS.labels, p.valueTier)}</Tag>,
            onCell: (p) => ({ rowSpan: p.index % 2 === 0 ? 2 : 0 }),
          },
          {
            key: 'kind',
            title: t('maintenance.kind'),
            width: 110,
            render: (_, p) => codeLabel(CUSTOMER_KINDS.labels, p.kind),
          },
          {
            key: 'maxDays',
            title: t('maintenance.maxDays'),
            width: 150,
            render: (_, p) => (
              <Form.Item
                name={['policies', p.index, 'maxDays']}
                rules={[{ required: true, message: t('problem.required') }]}
                style={{ margin: 0 }}
              >
                <InputNumber
                  aria-label={`${rowName(p)} · ${t('maintenance.maxDays')}`}
                  min={1}
                  max={3660}
                  precision={0}
                  suffix={t('maintenance.daysSuffix')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            ),
          },
          {
            key: 'forms',
            title: t('maintenance.forms'),
            render: (_, p) => (
              <Form.Item name={['policies', p.index, 'forms']} style={{ margin: 0 }}>
                <Select
                  mode="multiple"
                  aria-label={`${rowName(p)} · ${t('maintenance.forms')}`}
                  placeholder={t('maintenance.noForms')}
                  style={{ width: '100%' }}
                  options={MAINTENANCE_FORMS.codes.map((f) => ({
                    value: f,
                    label: codeLabel(MAINTENANCE_FORMS.labels, f),
                  }))}
                />
              </Form.Item>
            ),
          },
          {
            key: 'servicePackage',
            title: t('maintenance.servicePackage'),
            width: 220,
            render: (_, p) => (
              <Form.Item
                name={['policies', p.index, 'servicePackage']}
                rules={[{ required: true, message: t('problem.required') }]}
                style={{ margin: 0 }}
              >
                <Select
                  aria-label={`${rowName(p)} · ${t('maintenance.servicePackage')}`}
                  style={{ width: '100%' }}
                  options={SERVICE_PACKAGES.codes.map((s) => ({
                    value: s,
                    label: codeLabel(SERVICE_PACKAGES.labels, s),
                  }))}
                />
              </Form.Item>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary">{t('maintenance.tableHint')}</Typography.Paragraph>
      <Row gutter={24}>
        <Col xs={24} lg={16}>
          <Form.Item
            name="channels"
            label={t('maintenance.channels')}
            extra={t('maintenance.channelsHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('problem.channels') }]}
          >
            <Checkbox.Group
              options={CHANNELS.codes.map((c) => ({ value: c, label: codeLabel(CHANNELS.labels, c) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} lg={8}>
          <Form.Item
            name="dueSoonDays"
            label={t('maintenance.dueSoonDays')}
            extra={t('maintenance.dueSoonHint')}
            rules={[{ required: true, message: t('problem.required') }]}
          >
            <InputNumber
              min={0}
              max={365}
              precision={0}
              suffix={t('maintenance.daysSuffix')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
    </SettingsCard>
  );
}
