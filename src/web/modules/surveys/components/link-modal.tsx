import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, QRCode, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { type SurveyLink, type SurveyTarget, useCreateLink } from '../api';
import { surveyErrorText } from '../format';

/**
 * A one-time link for a customer to answer on their phone. The server keeps only the token's hash,
 * so the link is shown here once — to copy into a message, or as a QR code to scan on the spot —
 * with the moment it expires.
 */
export function LinkModal({
  campaignId,
  linkDays,
  target,
  onClose,
}: {
  campaignId: number;
  linkDays: number;
  target: SurveyTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const create = useCreateLink(campaignId);
  const [link, setLink] = useState<SurveyLink | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (target) {
      setLink(null);
      setProblem(null);
    }
  }, [target]);

  const url = link ? new URL(link.path, window.location.origin).toString() : '';

  const generate = async () => {
    if (!target) return;
    setProblem(null);
    try {
      setLink(await create.mutateAsync(target.customer.id));
    } catch (e) {
      setProblem(surveyErrorText(t, e));
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      message.success(t('link.copied'));
    } catch {
      message.warning(t('link.copyFailed'));
    }
  };

  return (
    <Modal
      open={target !== null}
      title={target ? t('link.title', { name: target.customer.name }) : ''}
      onCancel={onClose}
      footer={
        link ? (
          <Button type="primary" onClick={onClose}>
            {t('link.done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => void generate()}>
              {t('link.create')}
            </Button>
          </Space>
        )
      }
    >
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      {!link ? (
        <Flex vertical gap="small">
          <Typography.Paragraph>{t('link.intro', { days: linkDays })}</Typography.Paragraph>
          {target?.link && !target.link.usedAt && (
            <Typography.Paragraph type="secondary">
              {t('link.previous', { at: formatDateTime(target.link.expiresAt) })}
            </Typography.Paragraph>
          )}
        </Flex>
      ) : (
        <Flex vertical gap="middle" role="status" aria-live="polite">
          <Alert type="warning" showIcon title={t('link.onceOnly')} />
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={url} aria-label={t('link.url')} onFocus={(e) => e.target.select()} />
            <Button icon={<CopyOutlined />} onClick={() => void copy()}>
              {t('link.copy')}
            </Button>
          </Space.Compact>
          <Typography.Text>{t('link.expires', { at: formatDateTime(link.expiresAt) })}</Typography.Text>
          <Flex vertical align="center" gap={4}>
            <QRCode value={url} size={180} aria-label={t('link.qr')} />
            <Typography.Text type="secondary">{t('link.qrHint')}</Typography.Text>
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
