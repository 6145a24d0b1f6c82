import type { z } from 'zod';
import type { Role } from '../../../shared/codes';
import type {
  branchCreateSchema,
  teamCreateSchema,
  teamPatchSchema,
  User,
  userCreateSchema,
  userPatchSchema,
} from '../../../shared/schemas/user';
import { type AppDeps, nowIso } from '../../deps';
import type { Viewer } from '../../http/access';
import { changedFields, writeAudit } from '../../http/audit';
import { conflict, invalidField, notFound, staleVersion } from '../../http/errors';
import { deleteSessionsOfUser } from '../auth/auth.repository';
import { hashPassword } from './passwords';
import * as repo from './users.repository';

export function presentUser(row: repo.UserWithTeam): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    teamId: row.team_id,
    teamName: row.team_name ?? null,
    active: row.active === 1,
    locale: row.locale === 'en' ? 'en' : 'zh-CN',
    version: row.version,
    createdAt: row.created_at,
  };
}

export async function getUser(deps: AppDeps, id: number): Promise<User> {
  const row = await repo.findUserById(deps.db, id);
  if (!row) throw notFound('User');
  return presentUser(row);
}

export async function listUsers(
  deps: AppDeps,
  filter: {
    q?: string | undefined;
    role?: Role | undefined;
    teamId?: number | undefined;
    active?: 'true' | 'false' | undefined;
  },
) {
  const rows = await repo.listUsers(deps.db, {
    ...filter,
    active: filter.active === undefined ? undefined : filter.active === 'true',
  });
  return rows.map(presentUser);
}

/** RMs and team leads belong to a team; risk officers and administrators may stand outside one. */
function checkTeamForRole(role: Role, teamId: number | null) {
  if ((role === 'rm' || role === 'team_lead') && teamId === null) {
    throw invalidField('teamId', `a ${role} must belong to a team`);
  }
}

async function requireTeam(deps: AppDeps, teamId: number | null) {
  if (teamId !== null && !(await repo.findTeam(deps.db, teamId)))
    throw invalidField('teamId', 'no such team');
}

export async function createUser(
  deps: AppDeps,
  actor: Viewer,
  input: z.output<typeof userCreateSchema>,
  ip: string | null,
): Promise<User> {
  checkTeamForRole(input.role, input.teamId);
  await requireTeam(deps, input.teamId);
  if (await repo.findUserByUsername(deps.db, input.username)) {
    throw conflict('This username is taken', [{ path: 'username', message: 'is taken' }]);
  }
  const passwordHash = await hashPassword(input.password);
  const now = nowIso(deps);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertUser(trx, {
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      team_id: input.teamId,
      password_hash: passwordHash,
      active: 1,
      locale: input.locale,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    const { password: _, ...after } = input;
    await writeAudit(trx, { actor, at: now, ip }, { action: 'create', entity: 'user', entityId: id, after });
    return id;
  });
  return getUser(deps, id);
}

export async function updateUser(
  deps: AppDeps,
  actor: Viewer,
  id: number,
  patch: z.output<typeof userPatchSchema>,
  ip: string | null,
): Promise<User> {
  const current = await getUser(deps, id);
  const { version, ...changes } = patch;
  if (version !== current.version) throw staleVersion();
  const role = changes.role ?? current.role;
  const teamId = changes.teamId === undefined ? current.teamId : changes.teamId;
  checkTeamForRole(role, teamId);
  await requireTeam(deps, teamId);
  if (id === actor.id && (changes.active === false || (changes.role && changes.role !== 'admin'))) {
    throw invalidField(changes.active === false ? 'active' : 'role', 'you cannot disable or demote yourself');
  }
  const diff = changedFields(current, changes);
  if (!diff.changed) return current;
  const now = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateUser(trx, id, version, {
      display_name: changes.displayName,
      role: changes.role,
      team_id: changes.teamId,
      active: changes.active === undefined ? undefined : changes.active ? 1 : 0,
      updated_at: now,
    });
    if (!ok) throw staleVersion();
    // Disabling someone, or changing what they may do, ends their sessions at once.
    if (changes.active === false || changes.role || changes.teamId !== undefined)
      await deleteSessionsOfUser(trx, id);
    await writeAudit(
      trx,
      { actor, at: now, ip },
      { action: 'update', entity: 'user', entityId: id, ...diff },
    );
  });
  return getUser(deps, id);
}

export async function resetPassword(
  deps: AppDeps,
  actor: Viewer,
  id: number,
  password: string,
  ip: string | null,
) {
  await getUser(deps, id);
  const passwordHash = await hashPassword(password);
  const now = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    await repo.setPassword(trx, id, passwordHash, now);
    await deleteSessionsOfUser(trx, id);
    await writeAudit(trx, { actor, at: now, ip }, { action: 'reset_password', entity: 'user', entityId: id });
  });
}

export async function updateOwnLocale(
  deps: AppDeps,
  viewer: Viewer,
  locale: 'zh-CN' | 'en',
  ip: string | null,
) {
  const current = await getUser(deps, viewer.id);
  if (current.locale === locale) return current;
  const now = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, viewer.id, current.version, { locale, updated_at: now });
    await writeAudit(
      trx,
      { actor: viewer, at: now, ip },
      {
        action: 'update',
        entity: 'user',
        entityId: viewer.id,
        before: { locale: current.locale },
        after: { locale },
      },
    );
  });
  return getUser(deps, viewer.id);
}

export async function listTeams(deps: AppDeps) {
  const rows = await repo.listTeams(deps.db);
  return rows.map((t) => ({
    id: t.id,
    code: t.code,
    name: t.name,
    branchId: t.branch_id,
    branchName: t.branch_name,
    memberCount: Number(t.member_count ?? 0),
    plansNeedApproval: t.plans_need_approval === 1,
  }));
}

/** Whether the team's visit plans need the team lead's approval: its lead or an administrator decides. */
export async function updateTeam(
  deps: AppDeps,
  actor: Viewer,
  id: number,
  input: z.output<typeof teamPatchSchema>,
  ip: string | null,
) {
  const team = await repo.findTeam(deps.db, id);
  if (!team || (actor.role === 'team_lead' && actor.teamId !== id)) throw notFound('Team');
  if (actor.role !== 'admin' && actor.role !== 'team_lead') throw notFound('Team');
  const before = team.plans_need_approval === 1;
  if (before !== input.plansNeedApproval) {
    const now = nowIso(deps);
    await deps.db.transaction().execute(async (trx) => {
      await repo.setPlansNeedApproval(trx, id, input.plansNeedApproval);
      await writeAudit(
        trx,
        { actor, at: now, ip },
        {
          action: 'update',
          entity: 'team',
          entityId: id,
          before: { plansNeedApproval: before },
          after: { plansNeedApproval: input.plansNeedApproval },
        },
      );
    });
  }
  const updated = (await listTeams(deps)).find((t) => t.id === id);
  if (!updated) throw notFound('Team');
  return updated;
}

export async function createTeam(
  deps: AppDeps,
  actor: Viewer,
  input: z.output<typeof teamCreateSchema>,
  ip: string | null,
) {
  if (!(await repo.findBranch(deps.db, input.branchId))) throw invalidField('branchId', 'no such branch');
  if (await repo.teamCodeTaken(deps.db, input.code)) {
    throw conflict('This team code is taken', [{ path: 'code', message: 'is taken' }]);
  }
  const now = nowIso(deps);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertTeam(trx, {
      code: input.code,
      name: input.name,
      branch_id: input.branchId,
      created_at: now,
    });
    await writeAudit(
      trx,
      { actor, at: now, ip },
      { action: 'create', entity: 'team', entityId: id, after: input },
    );
    return id;
  });
  const team = (await listTeams(deps)).find((t) => t.id === id);
  if (!team) throw notFound('Team');
  return team;
}

export async function listBranches(deps: AppDeps) {
  return repo.listBranches(deps.db);
}

export async function createBranch(
  deps: AppDeps,
  actor: Viewer,
  input: z.output<typeof branchCreateSchema>,
  ip: string | null,
) {
  if (await repo.branchCodeTaken(deps.db, input.code)) {
    throw conflict('This branch code is taken', [{ path: 'code', message: 'is taken' }]);
  }
  const now = nowIso(deps);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertBranch(trx, { code: input.code, name: input.name, created_at: now });
    await writeAudit(
      trx,
      { actor, at: now, ip },
      { action: 'create', entity: 'branch', entityId: id, after: input },
    );
    return id;
  });
  return { id, code: input.code, name: input.name };
}
