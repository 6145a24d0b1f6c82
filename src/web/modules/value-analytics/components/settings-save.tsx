import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// The foot of a versioned settings form: the reason every change needs, the problems of a save (a
// 409 says someone saved meanwhile and offers their version), what was saved, and the save button.

export type SaveOutcome =
  | { kind: 'saved'; version: number; note?: string }
  | { kind: 'stale' }
  | { kind: 'problems'; problems: string[] }
  | null;

export function SettingsSave({
  outcome,
  saving,
  onReload,
  extra,
}: {
  outcome: SaveOutcome;
  saving: boolean;
  onReload: () => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation('valueAnalytics');
  return (
    <>
      <Form.Item
        name="reason"
        label={t('settings.reason')}
        extra={t('settings.reasonHint')}
        rules={[{ required: true, whitespace: true, min: 4, message: t('problem.reason') }]}
      >
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
      {outcome?.kind === 'stale' && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('settings.stale')}
          description={t('settings.staleHint')}
          action={
            <Button size="small" onClick={onReload}>
              {t('settings.reload')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {outcome?.kind === 'problems' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('settings.failed')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {outcome.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {outcome?.kind === 'saved' && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('settings.saved', { version: outcome.version })}
          description={outcome.note}
          style={{ marginBottom: 16 }}
        />
      )}
      <Flex gap="small" align="center" wrap>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('settings.save')}
        </Button>
        {extra}
        <Typography.Text type="secondary">{t('settings.versionNote')}</Typography.Text>
      </Flex>
    </>
  );
}
