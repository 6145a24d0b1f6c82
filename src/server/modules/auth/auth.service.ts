import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../../shared/codes';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { writeAudit } from '../../http/audit';
import { AppError } from '../../http/errors';
import { verifyPassword } from '../users/passwords';
import { findUserByUsername } from '../users/users.repository';
import * as repo from './auth.repository';

// Sessions live in the database so any number of app instances share them (ARCHITECTURE "Shape").
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads do not become writes on every request. */
const TOUCH_EVERY_MS = 60 * 1000;
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
const ms = (iso: string) => Date.parse(iso);

export const normalizeUsername = (username: string) => username.trim().toLowerCase();

export async function resolveSession(deps: AppDeps, token: string): Promise<Viewer | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = sessionIdOf(token);
  const row = await repo.findSessionWithUser(deps.db, id);
  if (!row) return null;
  const now = deps.clock().getTime();
  const expired =
    !row.active ||
    now - ms(row.last_seen_at) > SESSION_IDLE_MS ||
    now - ms(row.created_at) > SESSION_ABSOLUTE_MS;
  if (expired) {
    await repo.deleteSession(deps.db, id);
    return null;
  }
  if (now - ms(row.last_seen_at) > TOUCH_EVERY_MS) await touch(deps, id, new Date(now).toISOString());
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    teamId: row.team_id,
    locale: row.locale,
    sessionId: id,
    csrfToken: row.csrf_token,
  };
}

/** Sessions whose last_seen_at is being written. */
const touching = new Map<string, Promise<void>>();

/**
 * Writes last_seen_at, waiting for it a moment only: while a long transaction holds SQLite's writer
 * (a million-row import), a request does not wait for it, and one write a session is queued.
 */
async function touch(deps: AppDeps, id: string, now: string) {
  let pending = touching.get(id);
  if (!pending) {
    pending = repo
      .touchSession(deps.db, id, now)
      .catch((err) => deps.log?.warn({ err }, 'could not record a session’s activity'))
      .finally(() => touching.delete(id));
    touching.set(id, pending);
  }
  await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, 100).unref())]);
}

const invalidCredentials = () => new AppError('invalid_credentials', 401, 'Wrong username or password');

export async function login(
  deps: AppDeps,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; viewer: Viewer }> {
  const username = normalizeUsername(input.username);
  const now = deps.clock();
  const nowIso = now.toISOString();

  const lockout = await repo.findLockout(deps.db, username);
  if (lockout && ms(lockout.locked_until) > now.getTime()) {
    const seconds = Math.ceil((ms(lockout.locked_until) - now.getTime()) / 1000);
    throw new AppError(
      'too_many_attempts',
      429,
      `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minutes`,
      undefined,
      { 'retry-after': String(seconds) },
    );
  }

  const user = await findUserByUsername(deps.db, username);
  const passwordOk = await verifyPassword(user?.password_hash, input.password);
  if (!user || !passwordOk || !user.active) {
    await deps.db.transaction().execute(async (trx) => {
      await repo.recordAttempt(trx, { username, succeeded: false, at: nowIso, ip: input.ip });
      const since = new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString();
      if ((await repo.countRecentFailures(trx, username, since)) >= MAX_FAILURES) {
        await repo.setLockout(trx, username, new Date(now.getTime() + LOCKOUT_MS).toISOString());
      }
      await writeAudit(
        trx,
        { actor: user ? { id: user.id, username: user.username } : null, at: nowIso, ip: input.ip },
        { action: 'login_failed', entity: 'session', reason: username },
      );
    });
    throw invalidCredentials();
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const sessionId = sessionIdOf(token);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      id: sessionId,
      userId: user.id,
      csrfToken,
      now: nowIso,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await repo.recordAttempt(trx, { username, succeeded: true, at: nowIso, ip: input.ip });
    await repo.clearLockout(trx, username);
    await writeAudit(trx, { actor: user, at: nowIso, ip: input.ip }, { action: 'login', entity: 'session' });
  });
  return {
    token,
    viewer: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role as Role,
      teamId: user.team_id,
      locale: user.locale,
      sessionId,
      csrfToken,
    },
  };
}

export async function logout(deps: AppDeps, viewer: Viewer, ip: string | null) {
  const sessionId = viewer.sessionId;
  if (!sessionId) return;
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sessionId);
    await writeAudit(
      trx,
      { actor: viewer, at: deps.clock().toISOString(), ip },
      { action: 'logout', entity: 'session' },
    );
  });
}

/** Sessions past their idle or absolute limit; called at start-up and hourly. */
export async function purgeExpiredSessions(deps: AppDeps) {
  const now = deps.clock().getTime();
  await repo.deleteSessionsBefore(
    deps.db,
    new Date(now - SESSION_IDLE_MS).toISOString(),
    new Date(now - SESSION_ABSOLUTE_MS).toISOString(),
  );
}
