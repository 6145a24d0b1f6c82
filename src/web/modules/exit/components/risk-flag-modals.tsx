import { App, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EXIT_RULES, exitGroupOf, RISK_FLAG_CODES, type RiskFlagCode } from '../../../../shared/codes';
import { bankDate } from '../../../../shared/schemas/common';
import { ApiError } from '../../../app/api';
import { codeLabel } from '../../../i18n';
import { TabFormModal } from '../../customers/components/tab-form-modal';
import { type RiskFlagDto, useClearRiskFlag, useRecordRiskFlag } from '../api';

// The two writes of a risk flag: record one (a code of §6.1 grouped as the text groups them, the day,
// a note — the reason, for a nomination) and clear one (the day, a note). The server screens the
// customer again at once, so the exit status on the tab follows.

const NOTE_MAX = 1000;
const GROUPS = ['EX1', 'EX4', 'EX5'] as const;

interface RecordValues {
  code: RiskFlagCode | undefined;
  recordedOn: Dayjs | null;
  note: string;
}
interface ClearValues {
  clearedOn: Dayjs | null;
  note: string;
}

const today = () => bankDate(new Date());
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** The server's English problems with a flag in the reader's language; the others as they are. */
const PATTERNS: [RegExp, string][] = [
  [/^is already recorded on (\d{4}-\d{2}-\d{2})$/, 'problems.duplicate'],
  [/^This flag was already recorded on that day$/, 'problems.duplicate'],
  [/^must give the reason of the nomination$/, 'problems.reasonRequired'],
  [/^must not be before the day the flag was recorded \((\d{4}-\d{2}-\d{2})\)$/, 'problems.beforeRecorded'],
  [/^This flag is already cleared$/, 'problems.alreadyCleared'],
  [/^Risk flags are recorded by/, 'problems.forbidden'],
];
function localize(t: TFunction, message: string): string {
  for (const [re, key] of PATTERNS) {
    const m = re.exec(message);
    if (m) return t(`exitRisk:${key}`, { date: m[1] ?? '' });
  }
  return message;
}
function localizeError(t: TFunction, e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  return new ApiError(
    e.status,
    e.code,
    localize(t, e.message),
    e.fields.map((f) => ({ ...f, message: localize(t, f.message) })),
    e.details,
  );
}

const notAfterToday = (t: TFunction) => ({
  validator: async (_: unknown, v: Dayjs | null) => {
    if (!v) throw new Error(t('form.dateRequired'));
    if (v.format('YYYY-MM-DD') > today()) throw new Error(t('form.future'));
  },
});

export function RiskFlagRecordModal({
  customerId,
  open,
  onClose,
}: {
  customerId: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('exitRisk');
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const record = useRecordRiskFlag(customerId);
  const code = Form.useWatch('code', form);
  const nomination = code === 'EX5.OTHER';

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ recordedOn: dayjs(today()) });
    }
  }, [open, form]);

  const submit = async (v: RecordValues) => {
    if (!v.code) return;
    const saved = await record
      .mutateAsync({ code: v.code, recordedOn: day(v.recordedOn), note: blankToNull(v.note) })
      .catch((e) => Promise.reject(localizeError(t, e)));
    message.success(t('form.recorded', { rule: codeLabel(EXIT_RULES.labels, saved.code) }));
    onClose();
  };

  return (
    <TabFormModal<RecordValues>
      open={open}
      title={t('form.recordTitle')}
      form={form}
      name="riskFlagRecord"
      fields={['code', 'recordedOn', 'note']}
      onSubmit={submit}
      onClose={onClose}
      width={560}
    >
      <Form.Item
        name="code"
        label={t('form.code')}
        rules={[{ required: true, message: t('form.codeRequired') }]}
      >
        <Select<RiskFlagCode>
          placeholder={t('form.codePlaceholder')}
          // Three group titles and ten codes: all in view, without scrolling.
          listHeight={13 * 32 + 8}
          options={GROUPS.map((g) => ({
            label: t(`form.groupTitle.${g}`),
            title: t(`form.groupTitle.${g}`),
            options: RISK_FLAG_CODES.filter((c) => exitGroupOf(c) === g).map((c) => ({
              value: c,
              label: codeLabel(EXIT_RULES.labels, c),
            })),
          }))}
        />
      </Form.Item>
      <Form.Item name="recordedOn" label={t('form.recordedOn')} required rules={[notAfterToday(t)]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today()} />
      </Form.Item>
      <Form.Item
        name="note"
        label={nomination ? t('form.reason') : t('form.note')}
        required={nomination}
        dependencies={['code']}
        extra={nomination ? t('form.reasonHint') : undefined}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_: unknown, v: string | undefined) => {
              if (getFieldValue('code') === 'EX5.OTHER' && !v?.trim())
                throw new Error(t('form.reasonRequired'));
            },
          }),
          { max: NOTE_MAX, message: t('form.tooLong', { max: NOTE_MAX }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={NOTE_MAX} showCount />
      </Form.Item>
    </TabFormModal>
  );
}

export function RiskFlagClearModal({
  customerId,
  flag,
  onClose,
}: {
  customerId: number;
  flag: RiskFlagDto | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('exitRisk');
  const { message } = App.useApp();
  const [form] = Form.useForm<ClearValues>();
  const clear = useClearRiskFlag(customerId);

  useEffect(() => {
    if (flag) {
      form.resetFields();
      form.setFieldsValue({ clearedOn: dayjs(today()) });
    }
  }, [flag, form]);

  const submit = async (v: ClearValues) => {
    if (!flag) return;
    await clear
      .mutateAsync({
        id: flag.id,
        version: flag.version,
        clearedOn: day(v.clearedOn),
        note: blankToNull(v.note),
      })
      .catch((e) => Promise.reject(localizeError(t, e)));
    message.success(t('form.clearedDone', { rule: codeLabel(EXIT_RULES.labels, flag.code) }));
    onClose();
  };

  return (
    <TabFormModal<ClearValues>
      open={flag !== null}
      title={t('form.clearTitle')}
      form={form}
      name="riskFlagClear"
      fields={['clearedOn', 'note']}
      onSubmit={submit}
      onClose={onClose}
      staleMessage={t('form.stale')}
      width={520}
    >
      {flag && (
        <Typography.Paragraph>
          {t('form.clearWhat', {
            rule: codeLabel(EXIT_RULES.labels, flag.code),
            date: flag.recordedOn,
            by: flag.recordedBy?.name ?? '—',
          })}
        </Typography.Paragraph>
      )}
      <Form.Item
        name="clearedOn"
        label={t('form.clearedOn')}
        required
        rules={[
          notAfterToday(t),
          {
            validator: async (_: unknown, v: Dayjs | null) => {
              if (v && flag && v.format('YYYY-MM-DD') < flag.recordedOn)
                throw new Error(t('problems.beforeRecorded', { date: flag.recordedOn }));
            },
          },
        ]}
      >
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => {
            const s = d.format('YYYY-MM-DD');
            return s > today() || (flag !== null && s < flag.recordedOn);
          }}
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('form.clearNote')}
        rules={[{ max: NOTE_MAX, message: t('form.tooLong', { max: NOTE_MAX }) }]}
      >
        <Input.TextArea rows={3} maxLength={NOTE_MAX} showCount />
      </Form.Item>
    </TabFormModal>
  );
}
