import { LockOutlined, SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROSPECT_STATUSES, type ProspectStatusCode } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import { type ProspectDetail, prospectKey, useFetchProspect } from '../api';
import { reasonText } from '../format';
import { conversionBlock, type Movable } from './move-flow';

/**
 * "Move to…": the keyboard's way to move a prospect (and the board's way for anyone who does not drag).
 * Opening it reads the prospect's `moves`, so each stage it may not enter now says why.
 */
export function StageMenu({
  prospect,
  onMove,
  loading,
  size = 'small',
  label,
}: {
  prospect: Movable;
  onMove: (to: ProspectStatusCode) => void;
  loading?: boolean;
  size?: 'small' | 'middle';
  /** Shown on the button; icon only (with an aria-label) when absent. */
  label?: string;
}) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const queryClient = useQueryClient();
  const fetchProspect = useFetchProspect();
  const [, setLoaded] = useState(0);
  const detail = queryClient.getQueryData<ProspectDetail>(prospectKey(prospect.id));

  const why = (to: ProspectStatusCode): string | null => {
    if (!detail) return null;
    if (to === 'established') return conversionBlock(detail, t('convert.notAllowed'));
    const verdict = detail.moves[to];
    return verdict && !verdict.ok ? reasonText(verdict.reason) : null;
  };

  const items = PROSPECT_STATUSES.codes
    .filter((s) => s !== prospect.status)
    .map((s) => {
      const reason = why(s);
      return {
        key: s,
        icon: reason ? <LockOutlined aria-hidden /> : undefined,
        label: (
          <div style={{ maxWidth: 280 }}>
            <div>
              {s === 'established' ? t('move.toEstablished') : codeLabel(PROSPECT_STATUSES.labels, s)}
            </div>
            {reason && (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                {reason}
              </Typography.Text>
            )}
          </div>
        ),
      };
    });

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key, domEvent }) => {
          domEvent.stopPropagation();
          onMove(key as ProspectStatusCode);
        },
      }}
      onOpenChange={(open) => {
        if (open)
          void fetchProspect(prospect.id, 5_000).then(
            () => setLoaded((n) => n + 1),
            () => undefined,
          );
      }}
    >
      <Button
        size={size}
        type={label ? 'default' : 'text'}
        icon={<SwapOutlined />}
        loading={loading}
        aria-label={label ? undefined : t('move.menuOf', { name: prospect.name })}
        aria-haspopup="menu"
      >
        {label}
      </Button>
    </Dropdown>
  );
}
