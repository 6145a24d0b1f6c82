import { DownOutlined, RightOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Skeleton,
  Space,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PIPELINE_STAGES } from '../../../../domain/pipeline';
import { PROSPECT_SOURCES, PROSPECT_STATUSES, type ProspectStatusCode } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import {
  type BoardColumn,
  type ProspectDetail,
  type ProspectSummary,
  useBoard,
  useFetchProspect,
} from '../api';
import { daysSince, reasonText, STAGE_COLOURS } from '../format';
import { FitTag } from './fit-tag';
import { conversionBlock, useMoveFlow } from './move-flow';
import { StageMenu } from './stage-menu';

// The pipeline as a kanban board: a column per stage (DOMAIN §4), a card per prospect sorted by fit.
// A card is dragged to another column to move it (HTML5 drag and drop), or moved with its "move to…"
// menu from the keyboard. While a card is dragged, each column shows whether the rules let it in.

const DRAG_TYPE = 'application/x-rmw-prospect';

interface Dragging {
  prospect: ProspectSummary;
  detail?: ProspectDetail;
}

/** Whether the dragged prospect may enter a column: true, false (with the reason) or unknown yet. */
function verdictFor(
  d: Dragging | null,
  to: ProspectStatusCode,
  notAllowed: string,
): { ok: boolean; reason: string } | null {
  if (!d?.detail || to === d.prospect.status) return null;
  if (to === 'established') {
    const block = conversionBlock(d.detail, notAllowed);
    return { ok: block === null, reason: block ?? '' };
  }
  const v = d.detail.moves[to];
  return v ? { ok: v.ok, reason: reasonText(v.reason) } : null;
}

export function ProspectBoard({
  params,
  canMove,
}: {
  params: Record<string, string | undefined>;
  /** Relationship managers and team leads move prospects; the others only look. */
  canMove: boolean;
}) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const { token } = theme.useToken();
  const board = useBoard({ q: params.q, source: params.source, ownerId: params.ownerId });
  const flow = useMoveFlow();
  const fetchProspect = useFetchProspect();
  const [dragging, setDragging] = useState<Dragging | null>(null);
  const [over, setOver] = useState<ProspectStatusCode | null>(null);
  const [showDisqualified, setShowDisqualified] = useState(false);

  if (board.error) return <Alert type="error" showIcon title={(board.error as Error).message} />;
  if (!board.data) return <Skeleton active paragraph={{ rows: 8 }} />;

  const columns = new Map(board.data.columns.map((c) => [c.status, c]));
  const order: ProspectStatusCode[] = [...PIPELINE_STAGES, 'disqualified'];

  const startDrag = (e: DragEvent, p: ProspectSummary) => {
    e.dataTransfer.setData(DRAG_TYPE, String(p.id));
    e.dataTransfer.setData('text/plain', p.name);
    e.dataTransfer.effectAllowed = 'move';
    setDragging({ prospect: p });
    // The rules of every column, ready by the time the card reaches one.
    void fetchProspect(p.id, 5_000).then(
      (detail) => setDragging((d) => (d?.prospect.id === p.id ? { ...d, detail } : d)),
      () => undefined,
    );
  };
  const endDrag = () => {
    setDragging(null);
    setOver(null);
  };
  const drop = (e: DragEvent, to: ProspectStatusCode) => {
    e.preventDefault();
    const p = dragging?.prospect;
    endDrag();
    if (p && p.status !== to) void flow.request(p, to);
  };

  const column = (status: ProspectStatusCode, col: BoardColumn | undefined) => {
    const collapsed = status === 'disqualified' && !showDisqualified;
    const verdict = verdictFor(dragging, status, t('convert.notAllowed'));
    const isOver = over === status && dragging !== null && dragging.prospect.status !== status;
    const border = isOver
      ? verdict?.ok === false
        ? token.colorError
        : token.colorPrimary
      : dragging && verdict?.ok === false
        ? token.colorErrorBorder
        : 'transparent';
    const label = codeLabel(PROSPECT_STATUSES.labels, status);
    return (
      <section
        key={status}
        aria-label={t('board.columnLabel', { stage: label, total: col?.total ?? 0 })}
        data-stage={status}
        onDragOver={(e) => {
          if (!dragging) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
          if (over !== status) setOver(status);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null))
            setOver((o) => (o === status ? null : o));
        }}
        onDrop={(e) => drop(e, status)}
        style={{
          flex: `0 0 ${collapsed ? 160 : 236}px`,
          background: collapsed ? token.colorBgContainer : token.colorFillQuaternary,
          // Collapsed, the disqualify column stays in view at the right edge: a drop target from anywhere.
          ...(collapsed
            ? { position: 'sticky', right: 0, zIndex: 1, boxShadow: token.boxShadowTertiary }
            : {}),
          borderRadius: token.borderRadiusLG,
          border: `${token.lineWidthBold}px dashed ${border}`,
          padding: token.paddingXS,
          display: 'flex',
          flexDirection: 'column',
          gap: token.marginXS,
          maxHeight: 'calc(100vh - 260px)',
          minHeight: 240,
        }}
      >
        <Flex justify="space-between" align="center" style={{ padding: `0 ${token.paddingXXS}px` }}>
          <Space size={4}>
            {status === 'disqualified' && (
              <Button
                type="text"
                size="small"
                icon={collapsed ? <RightOutlined /> : <DownOutlined />}
                aria-expanded={!collapsed}
                aria-label={collapsed ? t('board.expand') : t('board.collapse')}
                onClick={() => setShowDisqualified((v) => !v)}
              />
            )}
            <Tag color={STAGE_COLOURS[status]} style={{ marginInlineEnd: 0 }}>
              {label}
            </Tag>
          </Space>
          <Badge count={col?.total ?? 0} showZero color={token.colorTextTertiary} overflowCount={9999} />
        </Flex>
        {dragging && verdict?.ok === false && (
          <Typography.Text
            type="danger"
            style={{ fontSize: token.fontSizeSM, padding: `0 ${token.paddingXXS}px` }}
          >
            <WarningOutlined /> {verdict.reason}
          </Typography.Text>
        )}
        {collapsed ? (
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM, padding: token.paddingXXS }}>
            {t('board.dropToDisqualify')}
          </Typography.Text>
        ) : (
          <div style={{ overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: token.marginXS }}>
            {col && col.items.length > 0 ? (
              col.items.map((p) => (
                <ProspectCard
                  key={p.id}
                  prospect={p}
                  canMove={canMove}
                  dragging={dragging?.prospect.id === p.id}
                  pending={flow.pendingId === p.id}
                  onDragStart={(e) => startDrag(e, p)}
                  onDragEnd={endDrag}
                  onMove={(to) => void flow.request(p, to)}
                />
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.empty')} />
            )}
            {col && col.total > col.items.length && (
              <Link to={`/prospects?view=table&status=${status}`} style={{ textAlign: 'center' }}>
                {t('board.more', { shown: col.items.length, total: col.total })}
              </Link>
            )}
          </div>
        )}
      </section>
    );
  };

  return (
    <>
      {canMove && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: token.marginXS }}>
          {t('board.hint')}
        </Typography.Paragraph>
      )}
      <div
        style={{ display: 'flex', gap: token.marginSM, overflowX: 'auto', paddingBottom: token.paddingSM }}
        aria-busy={board.isFetching}
      >
        {order.map((s) => column(s, columns.get(s)))}
      </div>
      {flow.dialogs}
    </>
  );
}

function ProspectCard({
  prospect: p,
  canMove,
  dragging,
  pending,
  onDragStart,
  onDragEnd,
  onMove,
}: {
  prospect: ProspectSummary;
  canMove: boolean;
  dragging: boolean;
  pending: boolean;
  onDragStart: (e: DragEvent) => void;
  onDragEnd: () => void;
  onMove: (to: ProspectStatusCode) => void;
}) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const { token } = theme.useToken();
  const days = daysSince(p.stageEnteredAt);
  return (
    <Card
      size="small"
      draggable={canMove}
      onDragStart={canMove ? onDragStart : undefined}
      onDragEnd={canMove ? onDragEnd : undefined}
      data-prospect={p.id}
      style={{
        cursor: canMove ? 'grab' : undefined,
        opacity: dragging || pending ? 0.5 : 1,
        flex: '0 0 auto',
      }}
      styles={{ body: { padding: token.paddingXS } }}
    >
      <Flex justify="space-between" align="flex-start" gap={4}>
        <Link
          to={`/prospects/${p.id}`}
          style={{ fontWeight: token.fontWeightStrong, wordBreak: 'break-all' }}
          draggable={false}
        >
          {p.name}
        </Link>
        {canMove && <StageMenu prospect={p} onMove={onMove} loading={pending} />}
      </Flex>
      <Flex wrap gap={4} style={{ marginTop: 4 }}>
        <FitTag score={p.fitScore} restricted={p.restricted} />
        <Tag>{codeLabel(PROSPECT_SOURCES.labels, p.source)}</Tag>
      </Flex>
      <Flex justify="space-between" style={{ marginTop: 4, fontSize: token.fontSizeSM }}>
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 130 }}>
          {p.owner?.name ?? t('unowned')}
        </Typography.Text>
        <Tooltip title={t('card.sinceTip', { date: p.stageEnteredAt.slice(0, 10) })}>
          <Typography.Text type={days > 30 ? 'warning' : 'secondary'}>
            {t('card.days', { count: days })}
          </Typography.Text>
        </Tooltip>
      </Flex>
      {p.referrerName && (
        <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: token.fontSizeSM }}>
          {t('card.referredBy', { name: p.referrerName })}
        </Typography.Text>
      )}
    </Card>
  );
}
