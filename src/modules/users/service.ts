import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { loginThrottle } from '../../db/schema.ts';
import { errors } from '../../http/errors.ts';
import { validateGrants, type Role } from '../../kernel/auth/roles.ts';
import { getAgency, subtreeIds } from '../agencies/repo.ts';
import { hasSystemRole, mayActAt, type Principal } from '../auth/access.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { recordAudit } from '../audit/repo.ts';
import * as repo from './repo.ts';

export interface UserDto {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  lockedUntil: string | null;
  roles: Role[];
  grants: { role: Role; agencyId: string | null; agencyName: string | null }[];
}

export function presentUser(u: repo.UserRow, grants: repo.GrantRow[], lockedUntil: Date | null): UserDto {
  const mine = grants.filter((g) => g.userId === u.id);
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    email: u.email,
    phone: u.phone,
    active: u.active,
    lockedUntil: lockedUntil ? lockedUntil.toISOString() : null,
    roles: [...new Set(mine.map((g) => g.role as Role))],
    grants: mine.map((g) => ({ role: g.role as Role, agencyId: g.agencyId, agencyName: g.agencyName })),
  };
}

async function locks(tx: Tx, usernames: string[], now: Date): Promise<Map<string, Date>> {
  if (usernames.length === 0) return new Map();
  const rows = await tx.select().from(loginThrottle).where(inArray(loginThrottle.key, usernames));
  return new Map(rows.filter((r) => r.lockedUntil && r.lockedUntil > now).map((r) => [r.key, r.lockedUntil!]));
}

async function present(tx: Tx, list: repo.UserRow[], now: Date): Promise<UserDto[]> {
  const grants = await repo.grantsOf(tx, list.map((u) => u.id));
  const l = await locks(tx, list.map((u) => u.username), now);
  return list.map((u) => presentUser(u, grants, l.get(u.username) ?? null));
}

/** The agencies in which a scoped admin may manage people; null means everywhere. */
async function adminReach(tx: Tx, p: Principal): Promise<string[] | null> {
  if (hasSystemRole(p, ['admin'])) return null;
  const roots = p.grants.filter((g) => g.role === 'admin' && g.agencyId).map((g) => g.agencyId!);
  if (roots.length === 0) throw errors.forbidden();
  const all = new Set<string>();
  for (const r of roots) for (const id of await subtreeIds(tx, r)) all.add(id);
  return [...all];
}

export async function listUsers(
  ctx: AppContext,
  p: Principal,
  q: { q?: string; agencyId?: string; page: number; pageSize: number },
) {
  const reach = await adminReach(ctx.db, p);
  let ids: string[] | null = null;
  if (q.agencyId) {
    const sub = await subtreeIds(ctx.db, q.agencyId);
    const inside = reach ? sub.filter((x) => reach.includes(x)) : sub;
    ids = await repo.userIdsWithGrantsIn(ctx.db, inside);
  } else if (reach) {
    ids = await repo.userIdsWithGrantsIn(ctx.db, reach);
  }
  const res = await repo.searchUsers(ctx.db, { text: q.q?.trim() || undefined, userIdsInAgencies: ids, ...q });
  return { items: await present(ctx.db, res.items, ctx.now()), total: res.total };
}

export interface GrantInput {
  role: string;
  agencyId?: string | null;
}

/** Checks grants and the granter's right to give each of them. */
async function checkGrants(tx: Tx, p: Principal | null, grants: GrantInput[]) {
  const problems = validateGrants(grants).map((x) => ({ path: `grants.${x.index}`, message: x.message }));
  if (problems.length) throw errors.validation(problems);
  for (const [i, g] of grants.entries()) {
    if (g.agencyId && !(await getAgency(tx, g.agencyId))) {
      throw errors.validation([{ path: `grants.${i}.agencyId`, message: 'Cơ quan không tồn tại.' }]);
    }
    if (p && !(await mayActAt(tx, p, ['admin'], g.agencyId ?? null))) {
      throw errors.forbidden('Bạn chỉ được phân quyền trong phạm vi cơ quan mình quản trị.');
    }
  }
}

export interface NewUserInput {
  username: string;
  password: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  grants: GrantInput[];
}

/** Creates a user. `p` null means the system itself (CLI, demo loader). */
export async function createUser(ctx: AppContext, p: Principal | null, input: NewUserInput, ip: string | null): Promise<UserDto> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,64}$/.test(username)) {
    throw errors.validation([{ path: 'username', message: 'Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang.' }]);
  }
  const pw = passwordProblem(input.password);
  if (pw) throw errors.validation([{ path: 'password', message: pw }]);
  const hash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    await checkGrants(tx, p, input.grants);
    if (await repo.getUserByUsername(tx, username)) {
      throw errors.duplicate('DUPLICATE_USERNAME', `Tên đăng nhập "${username}" đã tồn tại.`);
    }
    const now = ctx.now();
    const id = randomUUID();
    const u = await repo.insertUser(tx, {
      id,
      username,
      passwordHash: hash,
      fullName: input.fullName.trim(),
      email: input.email?.trim() || null,
      phone: input.phone?.trim() || null,
      idNumber: input.idNumber?.trim() || null,
      active: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceGrants(
      tx,
      id,
      input.grants.map((g) => ({ id: randomUUID(), role: g.role, agencyId: g.agencyId ?? null })),
      now,
    );
    await recordAudit(tx, {
      type: 'user_created',
      actorId: p?.userId ?? null,
      actorName: p?.fullName ?? 'Hệ thống',
      subject: username,
      ip,
      details: { userId: id, grants: input.grants },
    });
    return (await present(tx, [u], now))[0];
  });
}

export interface UserPatch {
  fullName?: string;
  email?: string | null;
  phone?: string | null;
  active?: boolean;
  password?: string;
  grants?: GrantInput[];
}

async function requireManageable(tx: Tx, p: Principal, userId: string) {
  const reach = await adminReach(tx, p);
  if (reach === null) return;
  const grants = await repo.grantsOf(tx, [userId]);
  // A scoped admin manages people whose every grant lies inside their reach.
  if (grants.length === 0 || grants.some((g) => !g.agencyId || !reach.includes(g.agencyId))) {
    throw errors.forbidden('Người dùng này nằm ngoài phạm vi bạn quản trị.');
  }
}

export async function updateUser(ctx: AppContext, p: Principal, id: string, patch: UserPatch, ip: string | null) {
  if (patch.password !== undefined) {
    const pw = passwordProblem(patch.password);
    if (pw) throw errors.validation([{ path: 'password', message: pw }]);
  }
  const hash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  const result = await ctx.db.transaction(async (tx) => {
    const cur = await repo.getUser(tx, id);
    if (!cur) throw errors.notFound('Không tìm thấy người dùng.');
    await requireManageable(tx, p, id);
    if (id === p.userId && patch.active === false) {
      throw errors.badRequest('CANNOT_DISABLE_SELF', 'Bạn không thể tự vô hiệu hóa tài khoản của mình.');
    }
    const now = ctx.now();
    const set: Record<string, unknown> = {};
    if (patch.fullName !== undefined) set.fullName = patch.fullName.trim();
    if (patch.email !== undefined) set.email = patch.email?.trim() || null;
    if (patch.phone !== undefined) set.phone = patch.phone?.trim() || null;
    if (patch.active !== undefined) set.active = patch.active;
    if (hash) set.passwordHash = hash;
    const u = await repo.updateUser(tx, id, set, now);
    if (!u) throw errors.notFound('Không tìm thấy người dùng.');
    if (patch.grants) {
      await checkGrants(tx, p, patch.grants);
      const before = await repo.grantsOf(tx, [id]);
      await repo.replaceGrants(
        tx,
        id,
        patch.grants.map((g) => ({ id: randomUUID(), role: g.role, agencyId: g.agencyId ?? null })),
        now,
      );
      await recordAudit(tx, {
        type: 'grants_changed',
        actorId: p.userId,
        actorName: p.fullName,
        subject: u.username,
        ip,
        details: { userId: id, before: before.map((g) => ({ role: g.role, agencyId: g.agencyId })), after: patch.grants },
      });
    }
    const changed = Object.keys(set).map((k) => (k === 'passwordHash' ? 'password' : k));
    if (changed.length) {
      await recordAudit(tx, {
        type: 'user_updated',
        actorId: p.userId,
        actorName: p.fullName,
        subject: u.username,
        ip,
        details: { userId: id, fields: changed },
      });
    }
    return { dto: (await present(tx, [u], now))[0], revoke: hash !== undefined || patch.active === false };
  });
  const { forgetUserSessions, revokeUserSessions } = await import('../auth/service.ts');
  // Roles may have changed: the next request of this user reads them again.
  forgetUserSessions(ctx, id);
  if (result.revoke) await revokeUserSessions(ctx, id);
  return result.dto;
}

export async function unlockUser(ctx: AppContext, p: Principal, id: string, ip: string | null) {
  return ctx.db.transaction(async (tx) => {
    const cur = await repo.getUser(tx, id);
    if (!cur) throw errors.notFound('Không tìm thấy người dùng.');
    await requireManageable(tx, p, id);
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, cur.username));
    await recordAudit(tx, { type: 'user_unlocked', actorId: p.userId, actorName: p.fullName, subject: cur.username, ip });
    return (await present(tx, [cur], ctx.now()))[0];
  });
}

export async function getUserDto(ctx: AppContext, id: string): Promise<UserDto> {
  const u = await repo.getUser(ctx.db, id);
  if (!u) throw errors.notFound('Không tìm thấy người dùng.');
  return (await present(ctx.db, [u], ctx.now()))[0];
}
