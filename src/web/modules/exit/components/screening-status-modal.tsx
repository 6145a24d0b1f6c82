import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { FormModal } from '../../../components/form-modal';
import { type CandidateDto, usePatchCandidate } from '../api';
import { RuleTags } from './screening-triggers';

// 暂不退出 / 重新打开: a risk officer or team lead keeps a candidate for now, or opens it again, always
// with a note saying why. A candidate someone changed meanwhile (409) is not overwritten: the queue
// reloads and says so.

interface Values {
  note: string;
}

export function ScreeningStatusModal({
  candidate,
  onClose,
}: {
  /** The candidate to decide about; null when closed. */
  candidate: CandidateDto | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('exitScreening');
  const { message } = App.useApp();
  const patch = usePatchCandidate();
  const dismiss = candidate?.status !== 'dismissed';

  const submit = async ({ note }: Values) => {
    if (!candidate) return;
    try {
      await patch.mutateAsync({
        customerId: candidate.customer.id,
        version: candidate.version,
        status: dismiss ? 'dismissed' : 'open',
        note: note.trim(),
      });
      message.success(t(dismiss ? 'status.dismissed' : 'status.reopened', { name: candidate.customer.name }));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(t('status.stale', { name: candidate.customer.name }));
        onClose();
        return;
      }
      throw e;
    }
  };

  return (
    <FormModal<Values>
      open={candidate !== null}
      name="candidateStatus"
      title={
        candidate
          ? t(dismiss ? 'status.dismissTitle' : 'status.reopenTitle', { name: candidate.customer.name })
          : ''
      }
      okText={dismiss ? t('action.dismiss') : t('action.reopen')}
      cancelText={t('action.cancel')}
      onClose={onClose}
      onSubmit={submit}
      showErrors={(form, e) => {
        if (e instanceof ApiError && e.fields.length > 0) {
          form.setFields(
            e.fields.map((f) => ({ name: f.path.replace(/^body\./, '') as 'note', errors: [f.message] })),
          );
          return null;
        }
        return t('status.failed', { message: e instanceof Error ? e.message : String(e) });
      }}
    >
      {candidate && (
        <>
          <Typography.Paragraph type="secondary">
            {dismiss ? t('status.dismissHint') : t('status.reopenHint')}
          </Typography.Paragraph>
          <div style={{ marginBottom: 16 }}>
            <RuleTags rules={candidate.triggers.map((x) => x.rule)} />
          </div>
        </>
      )}
      <Form.Item
        name="note"
        label={t('status.note')}
        rules={[{ required: true, whitespace: true, message: t('status.noteRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount autoFocus />
      </Form.Item>
    </FormModal>
  );
}
