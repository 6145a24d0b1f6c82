import type { Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, writeAudit } from '../../http/audit';
import { staleVersion } from '../../http/errors';
import * as repo from './settings.repository';

// Settings administrators change with a reason, kept as numbered versions (who, when, why) so every
// figure can say which rules made it: the customer-value model and the maintenance policies (issue #7),
// later the loyalty weights and exit criteria. Version 0 is the built-in default, never saved.

export interface SettingsKind<T extends object> {
  key: string;
  /** The audit log's entity name. */
  entity: string;
  defaults: T;
}

export interface SettingsVersion<T> {
  version: number;
  settings: T;
  reason: string | null;
  createdAt: string | null;
  createdBy: { id: number; name: string } | null;
}

function present<T>(row: NonNullable<Awaited<ReturnType<typeof repo.currentSettings>>>): SettingsVersion<T> {
  return {
    version: row.version,
    settings: JSON.parse(row.settings_json) as T,
    reason: row.reason,
    createdAt: row.created_at,
    createdBy: row.created_by === null ? null : { id: row.created_by, name: row.created_by_name ?? '' },
  };
}

const builtIn = <T extends object>(kind: SettingsKind<T>): SettingsVersion<T> => ({
  version: 0,
  settings: kind.defaults,
  reason: null,
  createdAt: null,
  createdBy: null,
});

export async function loadSettings<T extends object>(
  db: Db,
  kind: SettingsKind<T>,
): Promise<SettingsVersion<T>> {
  const row = await repo.currentSettings(db, kind.key);
  return row ? present<T>(row) : builtIn(kind);
}

export async function listSettingsVersions<T extends object>(db: Db, kind: SettingsKind<T>) {
  return { items: [...(await repo.listSettings(db, kind.key)).map((r) => present<T>(r)), builtIn(kind)] };
}

/** Saves the next version when `input.version` is the one in force (else 409), audited. */
export async function saveSettings<T extends object>(
  deps: AppDeps,
  viewer: Viewer,
  kind: SettingsKind<T>,
  input: { settings: T; reason: string; version: number },
  ip: string | null,
): Promise<SettingsVersion<T>> {
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const current = await loadSettings(trx, kind);
    if (current.version !== input.version) throw staleVersion();
    await repo.insertSettings(trx, {
      key: kind.key,
      version: current.version + 1,
      settings_json: JSON.stringify(input.settings),
      reason: input.reason,
      created_by: viewer.id,
      created_at: ctx.at,
    });
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: kind.entity,
      entityId: current.version + 1,
      before: current.settings,
      after: input.settings,
      reason: input.reason,
    });
  });
  return loadSettings(deps.db, kind);
}
