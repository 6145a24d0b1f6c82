import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Skeleton, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { type SettingLine, settingsProblem, zodProblems } from '../value-settings';
import { SettingsHistory, type SettingsVersion } from './settings-history';
import { type SaveOutcome, SettingsSave } from './settings-save';

// What the versioned settings forms share: the form starts from the version in force (later
// refreshes do not overwrite what is being edited); a save checks the settings as the server does,
// sends the version read (409 when someone saved meanwhile) and shows its problems on their fields
// and under the form; the card's header names the version in force and opens the history, from
// which any version can be loaded into the form.

type Problem = { path: readonly (string | number)[] | string; message: string };

export function useSettingsEditor<S, F extends { reason?: string }, V extends SettingsVersion<S>>({
  current,
  save,
  schema,
  toForm,
  fieldOf,
  savedNote,
}: {
  current: { data?: V; error: unknown; refetch: () => Promise<{ data?: V }> };
  save: {
    mutateAsync: (body: { settings: S; reason: string; version: number }) => Promise<V>;
    isPending: boolean;
  };
  /** The server's schema of the settings, checked before sending them. */
  schema: z.ZodType;
  toForm: (settings: S) => F;
  /** The form field a problem's path names. */
  fieldOf: (path: Problem['path']) => (string | number)[];
  /** Said with the version saved. */
  savedNote?: string;
}) {
  const { t } = useTranslation('valueAnalytics');
  const [form] = Form.useForm<F>();
  const [loaded, setLoaded] = useState<V | null>(null);
  const [outcome, setOutcome] = useState<SaveOutcome>(null);
  const [historyOpen, setHistoryOpen] = useState(false);

  const fill = (settings: S, reason: string) => form.setFieldsValue({ ...toForm(settings), reason } as never);
  const load = (v: V) => {
    fill(v.settings, '');
    setLoaded(v);
  };

  useEffect(() => {
    if (current.data && !loaded) load(current.data);
  });

  const showProblems = (problems: Problem[]) => {
    const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const p of problems) {
      const name = fieldOf(p.path);
      const key = name.join('.');
      const entry = byField.get(key) ?? { name, errors: [] };
      entry.errors.push(settingsProblem(t, p.message));
      byField.set(key, entry);
    }
    form.setFields([...byField.values()].filter((f) => f.name.length > 0) as never);
    setOutcome({
      kind: 'problems',
      problems: problems.map((p) => {
        const path =
          typeof p.path === 'string' ? p.path.replace(/^body\.(settings\.)?/, '') : p.path.join('.');
        return `${path}: ${settingsProblem(t, p.message)}`;
      }),
    });
  };

  const submit = async (settings: S, reason: string | undefined) => {
    if (!loaded) return;
    setOutcome(null);
    const local = schema.safeParse(settings);
    if (!local.success) {
      showProblems(zodProblems(local.error));
      return;
    }
    try {
      const saved = await save.mutateAsync({
        settings,
        reason: reason?.trim() ?? '',
        version: loaded.version,
      });
      load(saved);
      setOutcome({ kind: 'saved', version: saved.version, note: savedNote });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setOutcome({ kind: 'stale' });
      else if (e instanceof ApiError && e.fields.length > 0) showProblems(e.fields);
      else setOutcome({ kind: 'problems', problems: [e instanceof Error ? e.message : String(e)] });
    }
  };

  const reload = async () => {
    const fresh = await current.refetch();
    if (fresh.data) load(fresh.data);
    setOutcome(null);
  };

  /** An earlier version into the form, to be saved as a new one. */
  const restore = (v: SettingsVersion<S>) => {
    fill(v.settings, t('settings.restoreReason', { version: v.version }));
    setOutcome(null);
    setHistoryOpen(false);
  };

  return {
    form,
    loaded,
    error: current.error as Error | null,
    outcome,
    setOutcome,
    saving: save.isPending,
    historyOpen,
    setHistoryOpen,
    showProblems,
    submit,
    reload,
    restore,
  };
}

type SettingsEditor<S, F extends { reason?: string }, V extends SettingsVersion<S>> = ReturnType<
  typeof useSettingsEditor<S, F, V>
>;

/** Until the version in force is read: its error, or a placeholder. */
export function SettingsPending({ error, rows }: { error: Error | null; rows: number }) {
  return error ? (
    <Alert type="error" showIcon title={error.message} />
  ) : (
    <Skeleton active paragraph={{ rows }} />
  );
}

export function SettingsCard<S, F extends { reason?: string }, V extends SettingsVersion<S>>({
  editor,
  loaded,
  title,
  intro,
  name,
  onFinish,
  historyTitle,
  versions,
  describe,
  children,
}: {
  editor: SettingsEditor<S, F, V>;
  /** The version the form started from. */
  loaded: V;
  title: string;
  intro: string;
  /** The form's name (the prefix of its fields' ids). */
  name: string;
  onFinish: (values: F) => void;
  historyTitle: string;
  /** The versions, read while the history is open. */
  versions: { data?: SettingsVersion<S>[]; isFetching: boolean };
  describe: (settings: S) => SettingLine[];
  children: ReactNode;
}) {
  const { t } = useTranslation('valueAnalytics');
  const { outcome, setOutcome, setHistoryOpen } = editor;
  return (
    <Card
      title={title}
      extra={
        <Flex gap="small" align="center" wrap>
          {loaded.version === 0 ? (
            <Tag>{t('settings.builtIn')}</Tag>
          ) : (
            <Typography.Text type="secondary">
              {t('settings.currentVersion', {
                version: loaded.version,
                name: loaded.createdBy?.name ?? '—',
                at: formatDateTime(loaded.createdAt),
              })}
            </Typography.Text>
          )}
          <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)}>
            {t('settings.history')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
      <Form<F>
        form={editor.form}
        name={name}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={() => outcome?.kind === 'saved' && setOutcome(null)}
      >
        {children}
        <SettingsSave outcome={outcome} saving={editor.saving} onReload={editor.reload} />
      </Form>

      <SettingsHistory
        open={editor.historyOpen}
        onClose={() => setHistoryOpen(false)}
        title={historyTitle}
        versions={versions.data}
        loading={versions.isFetching}
        describe={describe}
        onUse={editor.restore}
      />
    </Card>
  );
}

/** A titled part of a settings form, with the hint under its title. */
export function SettingsSection({ title, hint }: { title: string; hint: string }) {
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
    </>
  );
}
