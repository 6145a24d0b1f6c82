import { RollbackOutlined } from '@ant-design/icons';
import { Button, Drawer, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { changedLines, type SettingLine } from '../value-settings';

// The versions of a settings kind, newest first (who, when, why), each opening to what it changed
// from the version before; any version can be loaded into the form to start from (saved as a new one).

export interface SettingsVersion<T> {
  version: number;
  settings: T;
  reason: string | null;
  createdAt: string | null;
  createdBy: { id: number; name: string } | null;
}

export function SettingsHistory<T>({
  open,
  onClose,
  title,
  versions,
  loading,
  describe,
  onUse,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  versions: SettingsVersion<T>[] | undefined;
  loading: boolean;
  describe: (settings: T) => SettingLine[];
  onUse: (version: SettingsVersion<T>) => void;
}) {
  const { t } = useTranslation('valueAnalytics');
  const list = versions ?? [];
  return (
    <Drawer open={open} onClose={onClose} title={title} size={760}>
      <Table<SettingsVersion<T>>
        rowKey="version"
        size="small"
        loading={loading}
        dataSource={list}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('settings.noVersions') }}
        expandable={{
          expandRowByClick: false,
          expandedRowRender: (v) => {
            const i = list.indexOf(v);
            const previous = list[i + 1];
            const lines = changedLines(describe(v.settings), previous ? describe(previous.settings) : null);
            return lines.length === 0 ? (
              <Typography.Text type="secondary">{t('settings.noChanges')}</Typography.Text>
            ) : (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={lines}
                columns={[
                  { key: 'label', title: t('settings.setting'), dataIndex: 'label' },
                  ...(previous
                    ? [
                        {
                          key: 'before',
                          title: t('settings.before'),
                          dataIndex: 'before',
                          render: (x: string | null) => x ?? '—',
                        },
                      ]
                    : []),
                  {
                    key: 'value',
                    title: previous ? t('settings.after') : t('settings.value'),
                    dataIndex: 'value',
                  },
                ]}
              />
            );
          },
        }}
        columns={[
          {
            key: 'version',
            title: t('settings.version'),
            dataIndex: 'version',
            width: 90,
            render: (v: number) => (v === 0 ? t('settings.builtIn') : `v${v}`),
          },
          {
            key: 'createdAt',
            title: t('settings.when'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string | null) => formatDateTime(v) || '—',
          },
          {
            key: 'createdBy',
            title: t('settings.who'),
            dataIndex: 'createdBy',
            width: 110,
            render: (v: SettingsVersion<T>['createdBy']) => v?.name ?? '—',
          },
          {
            key: 'reason',
            title: t('settings.why'),
            dataIndex: 'reason',
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'use',
            title: t('settings.actions'),
            width: 110,
            render: (_, v) => (
              <Button
                type="link"
                size="small"
                icon={<RollbackOutlined />}
                onClick={() => onUse(v)}
                aria-label={t('settings.useOf', { version: v.version })}
              >
                {t('settings.use')}
              </Button>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
