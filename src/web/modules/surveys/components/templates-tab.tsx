import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { type SurveyTemplate, useSurveyTemplates } from '../api';
import { surveyErrorText } from '../format';
import { TemplateEditor } from './template-editor';

/** The survey templates: a short list (a bank keeps a handful), opened in the editor to change or read. */
export function TemplatesTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('surveys');
  const templates = useSurveyTemplates();
  const [editing, setEditing] = useState<{ template: SurveyTemplate | undefined } | null>(null);

  const columns: ColumnsType<SurveyTemplate> = [
    {
      key: 'name',
      title: t('template.name'),
      dataIndex: 'name',
      render: (name: string, tpl) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setEditing({ template: tpl })}>
          {name}
        </Button>
      ),
    },
    {
      key: 'description',
      title: t('template.description'),
      dataIndex: 'description',
      ellipsis: true,
      render: (v: string | null) => v ?? '',
    },
    {
      key: 'dimensions',
      title: t('template.dimensions'),
      align: 'right',
      width: 90,
      render: (_, tpl) => tpl.definition.dimensions.length,
    },
    {
      key: 'items',
      title: t('template.items'),
      align: 'right',
      width: 90,
      render: (_, tpl) => tpl.definition.items.length,
    },
    {
      key: 'campaigns',
      title: t('template.campaigns'),
      dataIndex: 'campaigns',
      align: 'right',
      width: 100,
    },
    {
      key: 'updatedAt',
      title: t('template.updatedAt'),
      dataIndex: 'updatedAt',
      width: 160,
      render: formatDateTime,
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Text type="secondary">{t('template.hint')}</Typography.Text>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ template: undefined })}>
            {t('template.new')}
          </Button>
        )}
      </Flex>
      {templates.error && <Alert type="error" showIcon title={surveyErrorText(t, templates.error)} />}
      <Table<SurveyTemplate>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={templates.data ?? []}
        loading={templates.isPending}
        pagination={false}
        locale={{ emptyText: t('template.empty') }}
      />
      <TemplateEditor
        open={editing !== null}
        template={editing?.template}
        readOnly={!canEdit}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
}
