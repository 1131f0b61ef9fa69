import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { agencies, userGrants, users } from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type GrantRow = { userId: string; role: string; agencyId: string | null; agencyName: string | null };

export async function getUser(tx: Tx, id: string): Promise<UserRow | null> {
  const [r] = await tx.select().from(users).where(eq(users.id, id));
  return r ?? null;
}

export async function getUserByUsername(tx: Tx, username: string): Promise<UserRow | null> {
  const [r] = await tx.select().from(users).where(eq(users.username, username.toLowerCase()));
  return r ?? null;
}

export async function grantsOf(tx: Tx, userIds: string[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  return tx
    .select({ userId: userGrants.userId, role: userGrants.role, agencyId: userGrants.agencyId, agencyName: agencies.name })
    .from(userGrants)
    .leftJoin(agencies, eq(agencies.id, userGrants.agencyId))
    .where(inArray(userGrants.userId, userIds))
    .orderBy(asc(userGrants.createdAt), asc(userGrants.role));
}

export async function insertUser(tx: Tx, row: typeof users.$inferInsert): Promise<UserRow> {
  const [r] = await tx.insert(users).values(row).returning();
  return r;
}

export async function updateUser(tx: Tx, id: string, set: Partial<typeof users.$inferInsert>, now: Date) {
  const [r] = await tx
    .update(users)
    .set({ ...set, version: sql`${users.version} + 1`, updatedAt: now })
    .where(eq(users.id, id))
    .returning();
  return r ?? null;
}

export async function replaceGrants(
  tx: Tx,
  userId: string,
  grants: { id: string; role: string; agencyId: string | null }[],
  now: Date,
) {
  await tx.delete(userGrants).where(eq(userGrants.userId, userId));
  if (grants.length) {
    await tx.insert(userGrants).values(grants.map((g) => ({ ...g, userId, createdAt: now })));
  }
}

export async function searchUsers(
  tx: Tx,
  q: { text?: string; userIdsInAgencies?: string[] | null; page: number; pageSize: number },
) {
  const conds: SQL[] = [];
  if (q.text) {
    const like = `%${q.text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.fullName, like), ilike(users.email, like))!);
  }
  if (q.userIdsInAgencies) {
    if (q.userIdsInAgencies.length === 0) return { items: [], total: 0 };
    conds.push(inArray(users.id, q.userIdsInAgencies));
  }
  const where = conds.length ? and(...conds) : undefined;
  const items = await tx
    .select()
    .from(users)
    .where(where)
    .orderBy(asc(users.username))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await tx.select({ n: count() }).from(users).where(where);
  return { items, total: Number(n) };
}

export async function userIdsWithGrantsIn(tx: Tx, agencyIds: string[]): Promise<string[]> {
  if (agencyIds.length === 0) return [];
  const r = await tx
    .selectDistinct({ userId: userGrants.userId })
    .from(userGrants)
    .where(inArray(userGrants.agencyId, agencyIds));
  return r.map((x) => x.userId);
}
