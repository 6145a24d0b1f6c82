import { Col, Form, InputNumber, Row, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { industryName } from '../../../../shared/industries';
import { type ExitCriteriaSettingsDto, exitCriteriaPutSchema } from '../../../../shared/schemas/exit';
import {
  SettingsCard,
  SettingsPending,
  SettingsSection,
  useSettingsEditor,
} from '../../value-analytics/components/settings-editor';
import type { SettingsVersion } from '../../value-analytics/components/settings-history';
import type { SettingLine } from '../../value-analytics/value-settings';
import { type ExitCriteriaDto, useExitCriteria, useExitCriteriaVersions, useSaveExitCriteria } from '../api';
import { CriteriaIndustriesSelect, CriteriaIndustriesSummary } from './criteria-industries-field';
import { CriteriaRatesField } from './criteria-rates-field';

// 退出标准设置 (DOMAIN §6.1, §7.2): the restricted industries of EX1, the EX3 thresholds and the years
// they must hold, the one-year benchmark loan rates by the day they apply from, and whether a team
// lead reviews exit plans before the risk officer. Versioned like every settings form of the bank:
// it starts from the version in force, a save needs a reason and the version read (409 when someone
// saved meanwhile), the history says who changed what, when and why. The next screening uses it.

type CriteriaVersion = SettingsVersion<ExitCriteriaSettingsDto>;

interface RateRow {
  from: Dayjs | null;
  rate: number | null;
}

/** The settings as the form holds them: the debt ratio and the rates as percentages, dates as days. */
interface CriteriaFormValues {
  restrictedIndustries: string[];
  currentRatioBelow: number;
  debtRatioAbove: number;
  consecutiveYears: number;
  benchmarkRates: RateRow[];
  teamLeadReview: boolean;
  reason?: string;
}

const toPercent = (v: number) => Math.round(v * 1_000_000) / 10_000;
const fromPercent = (v: number) => Math.round(Number(v) * 10_000) / 1_000_000;
const percentText = (v: number) => `${toPercent(v)}%`;

function toVersion(d: ExitCriteriaDto): CriteriaVersion {
  const { version, reason, createdAt, createdBy, ...settings } = d;
  return { version, reason, createdAt, createdBy, settings };
}

function criteriaToForm(s: ExitCriteriaSettingsDto): CriteriaFormValues {
  return {
    restrictedIndustries: [...s.restrictedIndustries].sort(),
    currentRatioBelow: s.currentRatioBelow,
    debtRatioAbove: toPercent(s.debtRatioAbove),
    consecutiveYears: s.consecutiveYears,
    benchmarkRates: [...s.benchmarkRates]
      .sort((a, b) => a.from.localeCompare(b.from))
      .map((r) => ({ from: dayjs(r.from), rate: toPercent(r.rate) })),
    teamLeadReview: s.teamLeadReview,
  };
}

function criteriaFromForm(v: CriteriaFormValues): ExitCriteriaSettingsDto {
  return {
    restrictedIndustries: [...(v.restrictedIndustries ?? [])].sort(),
    currentRatioBelow: Number(v.currentRatioBelow),
    debtRatioAbove: fromPercent(v.debtRatioAbove),
    consecutiveYears: Number(v.consecutiveYears),
    benchmarkRates: (v.benchmarkRates ?? [])
      .filter((r) => r.from && r.rate !== null && r.rate !== undefined)
      .map((r) => ({ from: r.from!.format('YYYY-MM-DD'), rate: fromPercent(r.rate!) }))
      .sort((a, b) => a.from.localeCompare(b.from)),
    teamLeadReview: Boolean(v.teamLeadReview),
  };
}

/** A problem's path (`body.benchmarkRates.2.rate`, or a zod issue's) → the form field it names. */
function criteriaFieldOf(path: readonly (string | number)[] | string): (string | number)[] {
  const parts = (typeof path === 'string' ? path.split('.') : [...path]).map(String);
  while (parts[0] === 'body' || parts[0] === 'settings') parts.shift();
  if (parts[0] === 'benchmarkRates' && parts.length >= 3)
    return ['benchmarkRates', Number(parts[1]), parts[2]!];
  return parts.slice(0, 1);
}

/** Each setting as a labelled line, for the version history and its differences. */
function describeCriteria(t: TFunction, s: ExitCriteriaSettingsDto, en: boolean): SettingLine[] {
  const f = (key: string, label: string, value: string) => ({ key, label, value });
  const industries = s.restrictedIndustries
    .map((c) => `${c} ${industryName(c, en ? 'en' : 'zh-CN') ?? ''}`.trim())
    .join(t('exitScreening:criteria.listSeparator'));
  return [
    f(
      'restrictedIndustries',
      t('exitScreening:criteria.industries'),
      industries || t('exitScreening:criteria.none'),
    ),
    f('currentRatioBelow', t('exitScreening:criteria.currentRatio'), s.currentRatioBelow.toFixed(2)),
    f('debtRatioAbove', t('exitScreening:criteria.debtRatio'), percentText(s.debtRatioAbove)),
    f('consecutiveYears', t('exitScreening:criteria.years'), String(s.consecutiveYears)),
    ...s.benchmarkRates.map((r) =>
      f(
        `benchmarkRates.${r.from}`,
        t('exitScreening:criteria.rateLine', { from: r.from }),
        percentText(r.rate),
      ),
    ),
    f(
      'teamLeadReview',
      t('exitScreening:criteria.teamLeadReview'),
      s.teamLeadReview ? t('exitScreening:criteria.yes') : t('exitScreening:criteria.no'),
    ),
  ];
}

export function CriteriaSettingsForm() {
  const { t, i18n } = useTranslation('exitScreening');
  const en = i18n.language === 'en';
  const query = useExitCriteria();
  const save = useSaveExitCriteria();
  const current = useMemo(() => (query.data ? toVersion(query.data) : undefined), [query.data]);

  const editor = useSettingsEditor<ExitCriteriaSettingsDto, CriteriaFormValues, CriteriaVersion>({
    current: {
      data: current,
      error: query.error,
      refetch: async () => {
        const fresh = await query.refetch();
        return { data: fresh.data ? toVersion(fresh.data) : undefined };
      },
    },
    save: {
      isPending: save.isPending,
      mutateAsync: async ({ settings, reason, version }) =>
        toVersion(await save.mutateAsync({ ...settings, reason, version })),
    },
    schema: exitCriteriaPutSchema,
    toForm: criteriaToForm,
    fieldOf: criteriaFieldOf,
    savedNote: t('criteria.savedNote'),
  });
  const versionsQuery = useExitCriteriaVersions(editor.historyOpen);
  const versions = useMemo(
    () => ({ data: versionsQuery.data?.map(toVersion), isFetching: versionsQuery.isFetching }),
    [versionsQuery.data, versionsQuery.isFetching],
  );
  const industries = Form.useWatch('restrictedIndustries', editor.form);
  const { loaded } = editor;
  if (editor.error || !loaded) return <SettingsPending error={editor.error} rows={10} />;

  const submit = (values: CriteriaFormValues) => {
    const rows = values.benchmarkRates ?? [];
    const seen = new Map<string, number>();
    const repeated = rows.flatMap((r, i) => {
      const day = r.from?.format('YYYY-MM-DD');
      if (!day) return [];
      if (seen.has(day))
        return [{ path: ['benchmarkRates', i, 'from'], message: t('criteria.duplicateDate') }];
      seen.set(day, i);
      return [];
    });
    if (repeated.length > 0) {
      editor.showProblems(repeated);
      return;
    }
    return editor.submit(criteriaFromForm(values), values.reason);
  };

  const required = [{ required: true, message: t('criteria.required') }];

  return (
    <SettingsCard
      editor={editor}
      loaded={loaded}
      title={t('criteria.title')}
      intro={t('criteria.intro')}
      name="exitCriteria"
      onFinish={submit}
      historyTitle={t('criteria.history')}
      versions={versions}
      describe={(s) => describeCriteria(t, s, en)}
    >
      <SettingsSection title={t('criteria.ex1')} hint={t('criteria.ex1Hint')} />
      <Form.Item
        name="restrictedIndustries"
        label={t('criteria.industries')}
        extra={t('criteria.industriesHint')}
      >
        <CriteriaIndustriesSelect />
      </Form.Item>
      <div style={{ marginBottom: 24 }}>
        <CriteriaIndustriesSummary codes={industries} />
      </div>

      <SettingsSection title={t('criteria.ex3')} hint={t('criteria.ex3Hint')} />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="currentRatioBelow"
            label={t('criteria.currentRatio')}
            extra={t('criteria.currentRatioHint')}
            rules={required}
          >
            <InputNumber style={{ width: '100%' }} min={0.01} max={10} step={0.05} precision={2} prefix="<" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="debtRatioAbove"
            label={t('criteria.debtRatio')}
            extra={t('criteria.debtRatioHint')}
            rules={required}
          >
            <InputNumber
              style={{ width: '100%' }}
              min={1}
              max={1000}
              step={1}
              precision={2}
              prefix=">"
              suffix="%"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="consecutiveYears"
            label={t('criteria.years')}
            extra={t('criteria.yearsHint')}
            rules={required}
          >
            <InputNumber
              style={{ width: '100%' }}
              min={1}
              max={10}
              precision={0}
              suffix={t('criteria.yearsUnit')}
            />
          </Form.Item>
        </Col>
      </Row>

      <SettingsSection title={t('criteria.rates')} hint={t('criteria.ratesHint')} />
      <div style={{ marginBottom: 24 }}>
        <CriteriaRatesField />
      </div>

      <SettingsSection title={t('criteria.workflow')} hint={t('criteria.workflowHint')} />
      <Form.Item name="teamLeadReview" label={t('criteria.teamLeadReview')} valuePropName="checked">
        <Switch checkedChildren={t('criteria.yes')} unCheckedChildren={t('criteria.no')} />
      </Form.Item>
    </SettingsCard>
  );
}
