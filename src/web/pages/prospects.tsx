import { AppstoreOutlined, PlusOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Card, Input, InputNumber, Segmented, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CUSTOMER_KINDS, PROSPECT_SOURCES, PROSPECT_STATUSES } from '../../shared/codes';
import { useUser } from '../app/auth';
import { codeLabel } from '../i18n';
import { useOwners } from '../modules/customers/api';
import { ProspectBoard } from '../modules/prospects/components/board';
import { ProspectTable, TABLE_FILTERS } from '../modules/prospects/components/prospect-table';

function codeOptions(labels: Record<string, { zh: string; en: string }>) {
  return Object.keys(labels).map((code) => ({ value: code, label: codeLabel(labels, code) }));
}

/** Prospects 潜在客户: the pipeline board (default) or the table; the view and its filters live in the URL. */
export default function ProspectsPage() {
  const { t } = useTranslation(['prospects', 'customer360']);
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'table' ? 'table' : 'board';
  const canPickOwner = user.role === 'team_lead' || user.role === 'admin';
  const owners = useOwners(canPickOwner);
  const canCreate = user.role === 'rm' || user.role === 'team_lead';

  // From the latest URL, not this render's copy, so two quick changes both stick.
  const update = (changes: Record<string, string | undefined>, resetPage = true) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      if (resetPage) next.delete('page');
      return next;
    });

  const select = (key: string, options: { value: string; label: string }[], width = 150) => (
    <Select
      key={key}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t(`filter.${key}`)}
      aria-label={t(`filter.${key}`)}
      style={{ width }}
      value={params.get(key) ?? null}
      options={options}
      onChange={(v) => update({ [key]: v ?? undefined })}
    />
  );

  const filtered = TABLE_FILTERS.some((f) => params.get(f));

  return (
    <Card
      title={t('title')}
      extra={
        <Space wrap>
          <Segmented
            aria-label={t('view.label')}
            value={view}
            onChange={(v) => update({ view: v === 'table' ? 'table' : undefined })}
            options={[
              { value: 'board', label: t('view.board'), icon: <AppstoreOutlined /> },
              { value: 'table', label: t('view.table'), icon: <TableOutlined /> },
            ]}
          />
          {canCreate && (
            <Link to="/prospects/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('new')}
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={params.get('q') ?? ''}
          key={params.get('q') ?? ''}
          placeholder={t('filter.qPlaceholder')}
          aria-label={t('filter.q')}
          style={{ width: 260 }}
          onSearch={(q) => update({ q: q.trim() || undefined })}
        />
        {view === 'table' &&
          select(
            'status',
            [{ value: 'open', label: t('filter.open') }, ...codeOptions(PROSPECT_STATUSES.labels)],
            140,
          )}
        {select('source', codeOptions(PROSPECT_SOURCES.labels), 170)}
        {view === 'table' && select('kind', codeOptions(CUSTOMER_KINDS.labels), 110)}
        {view === 'table' && (
          <InputNumber
            key={params.get('minFit') ?? ''}
            min={0}
            max={100}
            placeholder={t('filter.minFit')}
            aria-label={t('filter.minFit')}
            style={{ width: 130 }}
            defaultValue={params.get('minFit') ? Number(params.get('minFit')) : undefined}
            onBlur={(e) => update({ minFit: e.target.value.trim() || undefined })}
            onPressEnter={(e) => update({ minFit: (e.target as HTMLInputElement).value.trim() || undefined })}
          />
        )}
        {canPickOwner &&
          select(
            'ownerId',
            (owners.data ?? []).map((u) => ({
              value: String(u.id),
              label: `${u.displayName} (${u.username})`,
            })),
            170,
          )}
        {filtered && (
          <Button
            onClick={() =>
              setParams(view === 'table' ? new URLSearchParams({ view }) : new URLSearchParams())
            }
          >
            {t('filter.clear')}
          </Button>
        )}
      </Space>
      {view === 'board' ? (
        <ProspectBoard
          canMove={canCreate}
          params={{
            q: params.get('q') ?? undefined,
            source: params.get('source') ?? undefined,
            ownerId: params.get('ownerId') ?? undefined,
          }}
        />
      ) : (
        <ProspectTable params={params} update={update} />
      )}
    </Card>
  );
}
