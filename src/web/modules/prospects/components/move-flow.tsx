import { Alert, App, Button, Form, Input, Select, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  CUSTOMER_TIERS,
  DISQUALIFY_REASONS,
  PROSPECT_STATUSES,
  type ProspectStatusCode,
} from '../../../../shared/codes';
import { ApiError } from '../../../app/api';
import { FormModal } from '../../../components/form-modal';
import { codeLabel } from '../../../i18n';
import { fieldLabel } from '../../customers/components/customer-fields';
import { idNumberRule, translateProblem } from '../../customers/components/validation';
import { type ProspectDetail, useConvertProspect, useFetchProspect, useMoveProspect } from '../api';
import { reasonText } from '../format';

// Moving a prospect through the pipeline, the same way from the board (drag or "move to…") and from
// its page: the rules are checked against the prospect's `moves` before anything is sent, so a refused
// move says why at once (in the reader's language); disqualifying asks for the reason, and
// `established` is reached by converting the prospect into a customer.

export interface Movable {
  id: number;
  name: string;
  status: ProspectStatusCode;
}

type Dialog = { kind: 'disqualify' | 'convert'; prospect: ProspectDetail } | null;

/**
 * Why the prospect cannot be converted now, or null. The server judges `established` as reached by
 * the conversion (every stage passed needs its data), so its verdict is the conversion's.
 */
export function conversionBlock(p: ProspectDetail, notAllowed: string): string | null {
  const verdict = p.moves.established;
  if (verdict && !verdict.ok) return reasonText(verdict.reason);
  return p.permissions.convert ? null : notAllowed;
}

/** A stage rule's refusal as the server sends it: its zh/en reason when it gives one, else its message. */
export function stageRuleText(e: ApiError): string {
  const reason = e.details?.reason as { zh: string; en: string } | undefined;
  return reason && typeof reason.zh === 'string' ? reasonText(reason) : e.message;
}

export function useMoveFlow() {
  const { t } = useTranslation(['prospects', 'customer360']);
  const { message, notification } = App.useApp();
  const fetchProspect = useFetchProspect();
  const move = useMoveProspect();
  const convert = useConvertProspect();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pendingId, setPendingId] = useState<number | null>(null);

  const stage = (s: ProspectStatusCode) => codeLabel(PROSPECT_STATUSES.labels, s);
  const refuse = (name: string, to: ProspectStatusCode, reason: string) =>
    notification.warning({
      title: t('move.refused', { name, stage: stage(to) }),
      description: reason,
      placement: 'top',
    });

  /** A failure of a move: the rule that refused it, a stale record, or whatever the server said. */
  const failed = (p: Movable, to: ProspectStatusCode, e: unknown) => {
    if (e instanceof ApiError && e.code === 'stage_rule') refuse(p.name, to, stageRuleText(e));
    else if (e instanceof ApiError && e.status === 409) {
      void fetchProspect(p.id).catch(() => undefined);
      refuse(p.name, to, t('move.stale'));
    } else refuse(p.name, to, e instanceof Error ? e.message : String(e));
  };

  /** Asks to move a prospect; checks the rules first, opens the dialog the target needs. */
  const request = async (p: Movable, to: ProspectStatusCode) => {
    if (to === p.status || pendingId !== null) return;
    setPendingId(p.id);
    try {
      // What the board prefetched when the drag began is fresh enough; anything older is read again.
      const detail = await fetchProspect(p.id, 5_000);
      if (to === 'established') {
        const block = conversionBlock(detail, t('convert.notAllowed'));
        if (block) refuse(p.name, to, block);
        else setDialog({ kind: 'convert', prospect: detail });
        return;
      }
      const verdict = detail.moves[to];
      if (verdict && !verdict.ok) {
        refuse(p.name, to, reasonText(verdict.reason));
        return;
      }
      if (to === 'disqualified') {
        setDialog({ kind: 'disqualify', prospect: detail });
        return;
      }
      await move.mutateAsync({ id: p.id, body: { version: detail.version, to } });
      message.success(t('move.moved', { name: p.name, stage: stage(to) }));
    } catch (e) {
      failed(p, to, e);
    } finally {
      setPendingId(null);
    }
  };

  const close = () => setDialog(null);

  const dialogs: ReactNode = (
    <>
      <FormModal<{ reason: (typeof DISQUALIFY_REASONS.codes)[number]; note?: string }>
        open={dialog?.kind === 'disqualify'}
        title={t('disqualify.title', { name: dialog?.prospect.name ?? '' })}
        okText={t('disqualify.confirm')}
        cancelText={t('cancel')}
        name="prospectDisqualify"
        onClose={close}
        onSubmit={async (values) => {
          const p = dialog!.prospect;
          await move.mutateAsync({
            id: p.id,
            body: {
              version: p.version,
              to: 'disqualified',
              reason: values.reason,
              note: values.note?.trim() || null,
            },
          });
          message.success(t('move.moved', { name: p.name, stage: stage('disqualified') }));
          close();
        }}
        showErrors={(_form, e) =>
          e instanceof ApiError && e.code === 'stage_rule'
            ? stageRuleText(e)
            : e instanceof ApiError && e.status === 409
              ? t('move.stale')
              : e instanceof Error
                ? e.message
                : String(e)
        }
      >
        <Form.Item
          name="reason"
          label={t('disqualify.reason')}
          rules={[{ required: true, message: t('disqualify.reasonRequired') }]}
        >
          <Select
            autoFocus
            options={DISQUALIFY_REASONS.codes.map((r) => ({
              value: r,
              label: codeLabel(DISQUALIFY_REASONS.labels, r),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('disqualify.note')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </FormModal>
      <ConvertModal
        prospect={dialog?.kind === 'convert' ? dialog.prospect : null}
        onClose={close}
        convert={convert}
      />
    </>
  );

  return {
    request,
    dialogs,
    pendingId,
    openConvert: (p: ProspectDetail) => setDialog({ kind: 'convert', prospect: p }),
    openDisqualify: (p: ProspectDetail) => setDialog({ kind: 'disqualify', prospect: p }),
  };
}

interface ConvertValues {
  tier: (typeof CUSTOMER_TIERS.codes)[number];
  code?: string;
  idNumber?: string;
}

const CONVERT_FIELDS = ['tier', 'code', 'idNumber'];

function ConvertModal({
  prospect,
  onClose,
  convert,
}: {
  prospect: ProspectDetail | null;
  onClose: () => void;
  convert: ReturnType<typeof useConvertProspect>;
}) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const needsId = prospect !== null && !prospect.idNumber;
  return (
    <FormModal<ConvertValues>
      open={prospect !== null}
      title={t('convert.title', { name: prospect?.name ?? '' })}
      okText={t('convert.confirm')}
      cancelText={t('cancel')}
      name="prospectConvert"
      initialValues={{ tier: 'ordinary' }}
      onClose={onClose}
      onSubmit={async (values) => {
        const p = prospect!;
        const code = values.code?.trim();
        const idNumber = values.idNumber?.trim();
        const { customerId } = await convert.mutateAsync({
          id: p.id,
          body: {
            version: p.version,
            tier: values.tier,
            ...(code ? { code } : {}),
            ...(idNumber ? { idNumber } : {}),
          },
        });
        notification.success({
          title: t('convert.done', { name: p.name }),
          // The notification renders outside the router: a Link would find no router there.
          description: (
            <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/customers/${customerId}`)}>
              {t('convert.openCustomer')}
            </Button>
          ),
          placement: 'top',
        });
        onClose();
      }}
      showErrors={(form, e) => {
        if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
        if (e.code === 'stage_rule') return stageRuleText(e);
        if (e.status === 409 && e.code !== 'duplicate' && e.fields.length === 0) return t('move.stale');
        const rest: string[] = [];
        const fields: { name: string; errors: string[] }[] = [];
        for (const f of e.fields) {
          const name = f.path.replace(/^body\.?/, '').split('.')[0] ?? '';
          const text =
            e.code === 'duplicate' && name === 'idNumber'
              ? t('convert.idTaken')
              : translateProblem(t, f.message);
          if (CONVERT_FIELDS.includes(name)) fields.push({ name, errors: [text] });
          else rest.push(text);
        }
        form.setFields(fields as never);
        return rest.length > 0
          ? rest.join('；')
          : fields.length === 0
            ? translateProblem(t, e.message)
            : null;
      }}
    >
      <Typography.Paragraph type="secondary">{t('convert.intro')}</Typography.Paragraph>
      <Form.Item name="tier" label={t('convert.tier')} rules={[{ required: true }]}>
        <Select
          options={CUSTOMER_TIERS.codes.map((c) => ({
            value: c,
            label: codeLabel(CUSTOMER_TIERS.labels, c),
          }))}
        />
      </Form.Item>
      <Form.Item name="code" label={t('convert.code')} extra={t('convert.codeHint')}>
        <Input maxLength={32} autoComplete="off" />
      </Form.Item>
      {prospect &&
        (needsId ? (
          <Form.Item
            name="idNumber"
            label={fieldLabel(t, 'idNumber', prospect.kind)}
            rules={[idNumberRule(t, prospect.kind, false)]}
            validateTrigger="onBlur"
            extra={t('convert.idHint')}
            required
          >
            <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        ) : (
          <Alert type="info" showIcon title={t('convert.idOnFile', { value: prospect.idNumber })} />
        ))}
    </FormModal>
  );
}
