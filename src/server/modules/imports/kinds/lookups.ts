import type { Db } from '../../../db/database';

// Lookups the kinds share: customers by code, and the usernames a file names as owners or recorders.

export async function customerIdsByCode(db: Db, codes: string[]) {
  const rows = await db.selectFrom('customers').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((c) => [c.code, c.id]));
}

export interface Staff {
  id: number | null;
  /** Why the username cannot be used; null when it can. */
  problem: string | null;
}

/**
 * The relationship managers and team leads a file names by username, each looked up once a run:
 * bank files repeat the same few on every row.
 */
export function staffDirectory() {
  const known = new Map<string, Staff>();
  return {
    async load(db: Db, usernames: (string | null | undefined)[]) {
      const unknown = [...new Set(usernames.filter((u): u is string => !!u && !known.has(u)))];
      if (unknown.length === 0) return;
      const users = new Map(
        (
          await db
            .selectFrom('users')
            .select(['id', 'username', 'role', 'active'])
            .where('username', 'in', unknown)
            .execute()
        ).map((u) => [u.username, u]),
      );
      for (const username of unknown) {
        const u = users.get(username);
        known.set(username, {
          id: u?.id ?? null,
          problem: !u
            ? `no user “${username}”`
            : u.active !== 1 || (u.role !== 'rm' && u.role !== 'team_lead')
              ? `${username} must be an active relationship manager or team lead`
              : null,
        });
      }
    },
    get: (username: string) => known.get(username),
  };
}
