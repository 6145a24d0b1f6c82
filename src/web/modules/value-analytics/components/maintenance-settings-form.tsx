import { HistoryOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  CUSTOMER_KINDS,
  MAINTENANCE_FORMS,
  SERVICE_PACKAGES,
  VALUE_TIERS,
} from '../../../../shared/codes';
import { maintenanceSettingsSchema } from '../../../../shared/schemas/value';
import { ApiError } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import {
  type MaintenanceSettingsVersion,
  useMaintenanceSettings,
  useMaintenanceSettingsVersions,
  useSaveMaintenanceSettings,
} from '../api';
import {
  describeMaintenanceSettings,
  type MaintenanceFormValues,
  maintenanceFieldOf,
  maintenanceFromForm,
  maintenanceToForm,
  settingsProblem,
  zodProblems,
} from '../value-settings';
import { SettingsHistory } from './settings-history';
import { type SaveOutcome, SettingsSave } from './settings-save';

// Differentiated maintenance 差别维护 (DOMAIN §5): for each value tier and customer kind the longest
// time between qualifying contacts, the forms of maintenance expected and the service package; the
// channels whose contacts qualify; how many days before the due date a contact counts as due soon.

type Policy = MaintenanceFormValues['policies'][number];

export function MaintenanceSettingsForm() {
  const { t } = useTranslation('valueAnalytics');
  const [form] = Form.useForm<MaintenanceFormValues>();
  const current = useMaintenanceSettings();
  const save = useSaveMaintenanceSettings();
  const [loaded, setLoaded] = useState<MaintenanceSettingsVersion | null>(null);
  const [outcome, setOutcome] = useState<SaveOutcome>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const versions = useMaintenanceSettingsVersions(historyOpen);

  const load = (v: MaintenanceSettingsVersion) => {
    form.setFieldsValue({ ...maintenanceToForm(v.settings), reason: '' });
    setLoaded(v);
  };

  useEffect(() => {
    if (current.data && !loaded) load(current.data);
  });

  if (current.error) return <Alert type="error" showIcon title={(current.error as Error).message} />;
  if (!loaded) return <Skeleton active paragraph={{ rows: 10 }} />;

  const showProblems = (problems: { path: readonly (string | number)[] | string; message: string }[]) => {
    form.setFields(
      problems.map((p) => ({
        name: maintenanceFieldOf(p.path),
        errors: [settingsProblem(t, p.message)],
      })) as never,
    );
    setOutcome({
      kind: 'problems',
      problems: problems.map((p) => {
        const path =
          typeof p.path === 'string' ? p.path.replace(/^body\.(settings\.)?/, '') : p.path.join('.');
        return `${path}: ${settingsProblem(t, p.message)}`;
      }),
    });
  };

  const submit = async (values: MaintenanceFormValues) => {
    setOutcome(null);
    // The table's rows carry only what is editable; tier and kind come from the version loaded.
    const settings = maintenanceFromForm({
      ...values,
      policies: maintenanceToForm(loaded.settings).policies.map((p, i) => ({
        ...p,
        ...values.policies?.[i],
      })),
    });
    const local = maintenanceSettingsSchema.safeParse(settings);
    if (!local.success) {
      showProblems(zodProblems(local.error));
      return;
    }
    try {
      const saved = await save.mutateAsync({
        settings,
        reason: values.reason?.trim() ?? '',
        version: loaded.version,
      });
      load(saved);
      setOutcome({ kind: 'saved', version: saved.version });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setOutcome({ kind: 'stale' });
      else if (e instanceof ApiError && e.fields.length > 0) showProblems(e.fields);
      else setOutcome({ kind: 'problems', problems: [e instanceof Error ? e.message : String(e)] });
    }
  };

  const reload = async () => {
    const fresh = await current.refetch();
    if (fresh.data) load(fresh.data);
    setOutcome(null);
  };

  const rows = maintenanceToForm(loaded.settings).policies.map((p, i) => ({ ...p, index: i }));
  const rowName = (p: Policy) =>
    `${codeLabel(VALUE_TIERS.labels, p.valueTier)} · ${codeLabel(CUSTOMER_KINDS.labels, p.kind)}`;

  return (
    <Card
      title={t('maintenance.title')}
      extra={
        <Flex gap="small" align="center" wrap>
          {loaded.version === 0 ? (
            <Tag>{t('settings.builtIn')}</Tag>
          ) : (
            <Typography.Text type="secondary">
              {t('settings.currentVersion', {
                version: loaded.version,
                name: loaded.createdBy?.name ?? '—',
                at: formatDateTime(loaded.createdAt),
              })}
            </Typography.Text>
          )}
          <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)}>
            {t('settings.history')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('maintenance.intro')}</Typography.Paragraph>
      <Form<MaintenanceFormValues>
        form={form}
        name="maintenanceSettings"
        layout="vertical"
        onFinish={submit}
        onValuesChange={() => outcome?.kind === 'saved' && setOutcome(null)}
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
        <SettingsSave outcome={outcome} saving={save.isPending} onReload={reload} />
      </Form>

      <SettingsHistory
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        title={t('maintenance.history')}
        versions={versions.data}
        loading={versions.isFetching}
        describe={(s) => describeMaintenanceSettings(t, s)}
        onUse={(v) => {
          form.setFieldsValue({
            ...maintenanceToForm(v.settings),
            reason: t('settings.restoreReason', { version: v.version }),
          });
          setOutcome(null);
          setHistoryOpen(false);
        }}
      />
    </Card>
  );
}
