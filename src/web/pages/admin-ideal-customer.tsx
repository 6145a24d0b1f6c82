import { EyeOutlined, HistoryOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIT_CRITERIA, type FitCriterion, validateProfile } from '../../domain/ideal-customer';
import { COOPERATION_LEVELS, CREDIT_GRADES, ENTERPRISE_SIZES } from '../../shared/codes';
import { industryName } from '../../shared/industries';
import { ApiError } from '../app/api';
import { formatDateTime, formatYuan } from '../app/format';
import { WeightShares } from '../components/weight-shares';
import { codeLabel } from '../i18n';
import { industryOptions } from '../modules/customers/components/customer-fields';
import {
  type IdealCustomerProfileDto,
  type ProfileChange,
  type ProfileVersion,
  useIdealCustomerProfile,
  useProfileVersions,
  useSaveProfile,
} from '../modules/prospects/api';
import { serverProblem } from '../modules/prospects/problems';

// The ideal customer profile 理想客户标准 (DOMAIN §4 item 1), edited by administrators: the weight of
// each criterion (previewed as its share of 100), the industries, the service area, the sizes, the
// revenue and years in business, the minimum credit grade and the cooperation factors. Every save is a
// new version with who, when and why; the open prospects are rescored.

type Values = IdealCustomerProfileDto & { reason?: string };

const NON_INDIVIDUAL: readonly FitCriterion[] = ['industry', 'size', 'yearsInBusiness'];

/** A saved version, read only. */
function ProfileView({ profile }: { profile: IdealCustomerProfileDto }) {
  const { t, i18n } = useTranslation(['prospects', 'customer360']);
  const en = i18n.language === 'en';
  const industries = (codes: string[]) =>
    codes.length
      ? codes.map((c) => (
          <Tag key={c}>
            {c} {industryName(c, en ? 'en' : 'zh-CN')}
          </Tag>
        ))
      : '—';
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={[
        {
          key: 'weights',
          label: t('icp.weights'),
          children: FIT_CRITERIA.map((c) => `${t(`fit.criterion.${c}`)} ${profile.weights[c]}`).join(
            t('listSeparator'),
          ),
        },
        { key: 'target', label: t('icp.targetIndustries'), children: industries(profile.industries.target) },
        {
          key: 'restricted',
          label: t('icp.restrictedIndustries'),
          children: industries(profile.industries.restricted),
        },
        {
          key: 'area',
          label: t('icp.serviceArea'),
          children: profile.serviceArea.join(t('listSeparator')) || '—',
        },
        {
          key: 'sizes',
          label: t('icp.sizes'),
          children:
            profile.sizes.map((s) => codeLabel(ENTERPRISE_SIZES.labels, s)).join(t('listSeparator')) || '—',
        },
        {
          key: 'revenue',
          label: t('icp.revenue'),
          children: t('icp.range', {
            min: formatYuan(profile.revenue.min, true),
            ideal: formatYuan(profile.revenue.ideal, true),
          }),
        },
        {
          key: 'years',
          label: t('icp.years'),
          children: t('icp.range', {
            min: profile.yearsInBusiness.min,
            ideal: profile.yearsInBusiness.ideal,
          }),
        },
        { key: 'credit', label: t('icp.minCreditGrade'), children: profile.minCreditGrade },
        {
          key: 'cooperation',
          label: t('icp.cooperation'),
          children: COOPERATION_LEVELS.codes
            .map((c) => `${codeLabel(COOPERATION_LEVELS.labels, c)} ${profile.cooperation[c]}`)
            .join(t('listSeparator')),
        },
      ]}
    />
  );
}

/** Form values → the profile the API takes (tags trimmed, industries upper-cased). */
function toProfile(v: Values): IdealCustomerProfileDto {
  return {
    weights: Object.fromEntries(
      FIT_CRITERIA.map((c) => [c, Number(v.weights?.[c] ?? 0)]),
    ) as IdealCustomerProfileDto['weights'],
    industries: {
      target: (v.industries?.target ?? []).map((c) => c.trim().toUpperCase()),
      restricted: (v.industries?.restricted ?? []).map((c) => c.trim().toUpperCase()),
    },
    serviceArea: (v.serviceArea ?? []).map((s) => s.trim()).filter(Boolean),
    sizes: v.sizes ?? [],
    revenue: { min: Number(v.revenue?.min ?? 0), ideal: Number(v.revenue?.ideal ?? 0) },
    yearsInBusiness: {
      min: Number(v.yearsInBusiness?.min ?? 0),
      ideal: Number(v.yearsInBusiness?.ideal ?? 0),
    },
    minCreditGrade: v.minCreditGrade,
    cooperation: {
      none: Number(v.cooperation?.none ?? 0),
      other_banks: Number(v.cooperation?.other_banks ?? 0),
      ours: Number(v.cooperation?.ours ?? 0),
    },
  };
}

/** A problem's path (`profile.industries.target.2`) → the form field it belongs to. */
function fieldOf(path: string): (string | number)[] {
  const parts = path
    .replace(/^body\.?/, '')
    .replace(/^profile\.?/, '')
    .split('.');
  if (
    parts[0] === 'industries' ||
    parts[0] === 'weights' ||
    parts[0] === 'revenue' ||
    parts[0] === 'yearsInBusiness' ||
    parts[0] === 'cooperation'
  )
    return parts.slice(0, 2);
  return parts.slice(0, 1);
}

export default function IdealCustomerPage() {
  const { t, i18n } = useTranslation(['prospects', 'customer360']);
  const [form] = Form.useForm<Values>();
  const current = useIdealCustomerProfile();
  const versions = useProfileVersions();
  const save = useSaveProfile();
  const [saved, setSaved] = useState<ProfileChange | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [viewing, setViewing] = useState<ProfileVersion | null>(null);
  const en = i18n.language === 'en';

  useEffect(() => {
    if (current.data) form.setFieldsValue({ ...current.data.profile, reason: '' });
  }, [current.data, form]);

  if (current.error) return <Alert type="error" showIcon title={(current.error as Error).message} />;
  if (!current.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const version = current.data;

  const submit = async (values: Values) => {
    setProblems([]);
    setSaved(null);
    const profile = toProfile(values);
    // The domain's own check first (target covered by a restricted industry, min above ideal …).
    const local = validateProfile(profile);
    if (local.length > 0) {
      form.setFields(
        local.map((p) => ({ name: fieldOf(p.path) as never, errors: [serverProblem(t, p.message)] })),
      );
      setProblems(local.map((p) => `${p.path}: ${serverProblem(t, p.message)}`));
      return;
    }
    try {
      const change = await save.mutateAsync({
        profile,
        reason: values.reason?.trim() ?? '',
        version: version.version,
      });
      setSaved(change);
      form.setFieldValue('reason', '');
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setProblems([t('icp.stale')]);
        return;
      }
      if (e instanceof ApiError && e.fields.length > 0) {
        form.setFields(
          e.fields.map((f) => ({ name: fieldOf(f.path) as never, errors: [serverProblem(t, f.message)] })),
        );
        setProblems(e.fields.map((f) => `${f.path.replace(/^body\./, '')}: ${serverProblem(t, f.message)}`));
        return;
      }
      setProblems([e instanceof Error ? e.message : String(e)]);
    }
  };

  const number = (name: (string | number)[], label: string, props: Record<string, unknown> = {}) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('icp.required') }]}>
      <InputNumber style={{ width: '100%' }} {...props} />
    </Form.Item>
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('icp.title')}
        extra={
          version.version === 0 ? (
            <Tag>{t('icp.builtIn')}</Tag>
          ) : (
            <Typography.Text type="secondary">
              {t('icp.currentVersion', {
                version: version.version,
                name: version.createdBy?.name ?? '—',
                at: formatDateTime(version.createdAt),
              })}
            </Typography.Text>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('icp.intro')}</Typography.Paragraph>
        <Form<Values>
          form={form}
          name="idealCustomerProfile"
          layout="vertical"
          onFinish={submit}
          onValuesChange={() => setSaved(null)}
        >
          <Typography.Title level={5}>{t('icp.weights')}</Typography.Title>
          <Row gutter={24}>
            <Col xs={24} lg={12}>
              <Row gutter={12}>
                {FIT_CRITERIA.map((c) => (
                  <Col key={c} xs={12} md={8}>
                    {number(['weights', c], t(`fit.criterion.${c}`), { min: 0, max: 1000 })}
                  </Col>
                ))}
              </Row>
              <Typography.Text type="secondary">
                {t('icp.individualHint', {
                  list: NON_INDIVIDUAL.map((c) => t(`fit.criterion.${c}`)).join(t('listSeparator')),
                })}
              </Typography.Text>
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Text strong>{t('icp.shares')}</Typography.Text>
              <WeightShares
                keys={FIT_CRITERIA}
                labelOf={(c) => t(`fit.criterion.${c}`)}
                label={t('icp.sharesLabel')}
                labelWidth={110}
                footer={(total) => (
                  <Typography.Text type="secondary">
                    {total > 0 ? t('icp.sharesHint') : t('icp.noWeight')}
                  </Typography.Text>
                )}
              />
            </Col>
          </Row>

          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('icp.industries')}
          </Typography.Title>
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['industries', 'target']}
                label={t('icp.targetIndustries')}
                extra={t('icp.industryHint')}
              >
                <Select
                  mode="multiple"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={industryOptions(t, en)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['industries', 'restricted']}
                label={t('icp.restrictedIndustries')}
                extra={t('icp.restrictedHint')}
              >
                <Select
                  mode="multiple"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={industryOptions(t, en)}
                />
              </Form.Item>
            </Col>
          </Row>

          <Typography.Title level={5}>{t('icp.situation')}</Typography.Title>
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item
                name="serviceArea"
                label={t('icp.serviceArea')}
                extra={t('icp.serviceAreaHint')}
                rules={[
                  {
                    validator: async (_rule, v: string[] | undefined) => {
                      const bad = (v ?? []).filter((s) => !/^\d{1,12}$/.test(s.trim()));
                      if (bad.length) throw new Error(t('problem.prefix'));
                    },
                  },
                ]}
              >
                <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="sizes" label={t('icp.sizes')}>
                <Checkbox.Group
                  options={ENTERPRISE_SIZES.codes.map((s) => ({
                    value: s,
                    label: codeLabel(ENTERPRISE_SIZES.labels, s),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              {number(['revenue', 'min'], t('icp.revenueMin'), { min: 0, step: 1_000_000, prefix: '¥' })}
            </Col>
            <Col xs={12} md={6}>
              {number(['revenue', 'ideal'], t('icp.revenueIdeal'), { min: 0, step: 1_000_000, prefix: '¥' })}
            </Col>
            <Col xs={12} md={6}>
              {number(['yearsInBusiness', 'min'], t('icp.yearsMin'), { min: 0, max: 200 })}
            </Col>
            <Col xs={12} md={6}>
              {number(['yearsInBusiness', 'ideal'], t('icp.yearsIdeal'), { min: 0, max: 200 })}
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="minCreditGrade"
                label={t('icp.minCreditGrade')}
                extra={t('icp.creditHint')}
                rules={[{ required: true }]}
              >
                <Select options={CREDIT_GRADES.codes.map((g) => ({ value: g, label: g }))} />
              </Form.Item>
            </Col>
          </Row>

          <Typography.Title level={5}>{t('icp.cooperation')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('icp.cooperationHint')}</Typography.Paragraph>
          <Row gutter={24}>
            {COOPERATION_LEVELS.codes.map((c) => (
              <Col key={c} xs={24} md={8}>
                {number(['cooperation', c], codeLabel(COOPERATION_LEVELS.labels, c), {
                  min: 0,
                  max: 1,
                  step: 0.05,
                })}
              </Col>
            ))}
          </Row>

          <Form.Item
            name="reason"
            label={t('icp.reason')}
            extra={t('icp.reasonHint')}
            rules={[{ required: true, whitespace: true, min: 4, message: t('problem.profileReason') }]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('icp.failed')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
              style={{ marginBottom: 16 }}
            />
          )}
          {saved && (
            <Alert
              type="success"
              showIcon
              role="status"
              title={t('icp.saved', { version: saved.version, count: saved.rescored })}
              style={{ marginBottom: 16 }}
            />
          )}
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
            {t('icp.save')}
          </Button>
        </Form>
      </Card>

      <Card
        title={
          <Space>
            <HistoryOutlined />
            {t('icp.history')}
          </Space>
        }
      >
        <Table<ProfileVersion>
          rowKey="version"
          size="small"
          loading={versions.isFetching}
          dataSource={versions.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('icp.noVersions') }}
          columns={[
            {
              key: 'version',
              title: t('icp.version'),
              dataIndex: 'version',
              width: 90,
              render: (v: number) => (v === 0 ? t('icp.builtIn') : `v${v}`),
            },
            {
              key: 'createdAt',
              title: t('icp.when'),
              dataIndex: 'createdAt',
              width: 170,
              render: (v: string | null) => formatDateTime(v) || '—',
            },
            {
              key: 'createdBy',
              title: t('icp.who'),
              dataIndex: 'createdBy',
              width: 120,
              render: (v: ProfileVersion['createdBy']) => v?.name ?? '—',
            },
            {
              key: 'reason',
              title: t('icp.why'),
              dataIndex: 'reason',
              render: (v: string | null) => v ?? '—',
            },
            {
              key: 'view',
              title: t('icp.actions'),
              width: 100,
              render: (_, v) => (
                <Button
                  type="link"
                  size="small"
                  icon={<EyeOutlined />}
                  onClick={() => setViewing(v)}
                  aria-label={t('icp.viewOf', { version: v.version })}
                >
                  {t('icp.view')}
                </Button>
              ),
            },
          ]}
        />
      </Card>

      <Modal
        open={viewing !== null}
        title={
          viewing
            ? viewing.version === 0
              ? t('icp.builtIn')
              : t('icp.viewTitle', { version: viewing.version })
            : ''
        }
        width={760}
        onCancel={() => setViewing(null)}
        footer={[
          <Button key="close" onClick={() => setViewing(null)}>
            {t('close')}
          </Button>,
          <Button
            key="use"
            type="primary"
            onClick={() => {
              if (viewing)
                form.setFieldsValue({
                  ...viewing.profile,
                  reason: t('icp.restoreReason', { version: viewing.version }),
                });
              setViewing(null);
              setSaved(null);
            }}
          >
            {t('icp.useAsStart')}
          </Button>,
        ]}
      >
        {viewing && (
          <>
            {viewing.version > 0 && (
              <Typography.Paragraph type="secondary">
                {viewing.reason ?? '—'} · {viewing.createdBy?.name ?? '—'} ·{' '}
                {formatDateTime(viewing.createdAt)}
              </Typography.Paragraph>
            )}
            <ProfileView profile={viewing.profile} />
          </>
        )}
      </Modal>
    </Space>
  );
}
