import { Descriptions, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CHURN_CAUSES, CHURN_REASONS, type ChurnReason } from '../../../../shared/codes';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { TabFormModal } from '../../customers/components/tab-form-modal';
import { type ChurnRecord, useRecordChurnReason } from '../api';
import { churnEvidence } from '../format';

// Recording why a lost customer left (DOMAIN §5: analyse why customers left): the reason from the
// code list and a note. It sends the version read; a stale one (someone recorded meanwhile) answers
// 409 and the modal says so while the list reloads.

interface Values {
  reason?: ChurnReason;
  note?: string;
}

export function ChurnReasonModal({ record, onClose }: { record: ChurnRecord | null; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const [form] = Form.useForm<Values>();
  const save = useRecordChurnReason();

  // Filled when a record opens and again when a newer version of it arrives (after a 409).
  const key = record ? `${record.id}:${record.version}` : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the record's id and version only
  useEffect(() => {
    if (record) form.setFieldsValue({ reason: record.reason ?? undefined, note: record.note ?? '' });
  }, [key, form]);

  const submit = async (v: Values) => {
    if (!record || !v.reason) return;
    await save.mutateAsync({
      id: record.id,
      body: { version: record.version, reason: v.reason, note: v.note?.trim() ?? '' },
    });
    onClose();
  };

  return (
    <TabFormModal<Values>
      open={record !== null}
      title={t('records.recordTitle', { name: record?.customer.name ?? '' })}
      form={form}
      name="churnReason"
      fields={['reason', 'note']}
      onSubmit={submit}
      onClose={onClose}
      staleMessage={t('records.stale')}
    >
      {record && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'month', label: t('records.lostMonth'), children: record.lostMonth },
            {
              key: 'cause',
              label: t('records.cause'),
              children: `${codeLabel(CHURN_CAUSES.labels, record.cause)} · ${churnEvidence(t, record)}`,
            },
            {
              key: 'complaints',
              label: t('records.complaintsBefore'),
              children: t('records.complaintsCount', { count: record.complaintsBefore }),
            },
            ...(record.recordedAt
              ? [
                  {
                    key: 'recorded',
                    label: t('records.recordedBy'),
                    children: `${record.recordedBy?.name ?? '—'} · ${formatDateTime(record.recordedAt)}`,
                  },
                ]
              : []),
          ]}
        />
      )}
      <Form.Item
        name="reason"
        label={t('records.reason')}
        rules={[{ required: true, message: t('records.reasonRequired') }]}
      >
        <Select
          placeholder={t('records.reasonPlaceholder')}
          options={CHURN_REASONS.codes.map((r) => ({ value: r, label: codeLabel(CHURN_REASONS.labels, r) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('records.note')}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('records.noteHint')} />
      </Form.Item>
    </TabFormModal>
  );
}
