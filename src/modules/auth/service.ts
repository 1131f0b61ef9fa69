import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows } from '../../db/client.ts';
import { loginThrottle, sessions } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import { recordAudit } from '../audit/repo.ts';
import { getUserByUsername, grantsOf } from '../users/repo.ts';
import { presentUser, type UserDto } from '../users/service.ts';
import type { Principal } from './access.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';

/** Failed logins inside this window count together. */
const WINDOW_MS = 15 * 60_000;
/** From this many failures each next try must wait, doubling. */
const SLOW_AFTER = 5;
/** At this many failures the account is locked for LOCK_MS. */
const LOCK_AFTER = 10;
const LOCK_MS = 15 * 60_000;

export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function fmtVn(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(v.getUTCHours())}:${p(v.getUTCMinutes())} ngày ${p(v.getUTCDate())}/${p(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
}

export interface LoginResult {
  token: string;
  user: UserDto;
  expiresAt: Date;
}

export async function login(
  ctx: AppContext,
  input: { username: string; password: string },
  meta: { ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const key = input.username.trim().toLowerCase();
  const now = ctx.now();
  const [th] = await ctx.db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  if (th?.lockedUntil && th.lockedUntil > now) {
    throw new AppError(423, 'ACCOUNT_LOCKED', `Tài khoản tạm khóa do đăng nhập sai nhiều lần, đến ${fmtVn(th.lockedUntil)}.`, {
      lockedUntil: th.lockedUntil.toISOString(),
    });
  }
  const recent = th && th.firstFailureAt && now.getTime() - th.firstFailureAt.getTime() < WINDOW_MS;
  if (recent && th.failures >= SLOW_AFTER && th.lastFailureAt) {
    const waitMs = 2000 * 2 ** (th.failures - SLOW_AFTER);
    const until = th.lastFailureAt.getTime() + waitMs;
    if (now.getTime() < until) {
      const seconds = Math.ceil((until - now.getTime()) / 1000);
      throw new AppError(429, 'TOO_MANY_ATTEMPTS', `Đăng nhập sai nhiều lần. Vui lòng thử lại sau ${seconds} giây.`, {
        retryAfterSeconds: seconds,
      });
    }
  }

  const user = await getUserByUsername(ctx.db, key);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    await ctx.db.transaction(async (tx) => {
      const failures = recent ? th.failures + 1 : 1;
      const lockedUntil = failures >= LOCK_AFTER ? new Date(now.getTime() + LOCK_MS) : null;
      await tx
        .insert(loginThrottle)
        .values({ key, failures, firstFailureAt: now, lastFailureAt: now, lockedUntil })
        .onConflictDoUpdate({
          target: loginThrottle.key,
          set: recent
            ? { failures: sql`${loginThrottle.failures} + 1`, lastFailureAt: now, lockedUntil }
            : { failures: 1, firstFailureAt: now, lastFailureAt: now, lockedUntil: null },
        });
      await recordAudit(tx, {
        type: lockedUntil ? 'account_locked' : 'login_failed',
        actorId: user?.id ?? null,
        actorName: user?.fullName ?? null,
        subject: key,
        ip: meta.ip,
        details: { failures },
      });
    });
    throw new AppError(401, 'INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');
  }
  if (!user.active) {
    throw new AppError(403, 'ACCOUNT_DISABLED', 'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.');
  }

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3600_000);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, key));
    await tx.insert(sessions).values({
      id: tokenId(token),
      userId: user.id,
      createdAt: now,
      expiresAt,
      lastSeenAt: now,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, { type: 'login', actorId: user.id, actorName: user.fullName, subject: user.username, ip: meta.ip });
  });
  const grants = await grantsOf(ctx.db, [user.id]);
  return { token, expiresAt, user: presentUser(user, grants, null) };
}

export async function logout(ctx: AppContext, p: Principal, ip: string | null): Promise<void> {
  if (!p.sessionId) return;
  sessionCache(ctx).delete(p.sessionId);
  await ctx.db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: ctx.now() }).where(eq(sessions.id, p.sessionId!));
    await recordAudit(tx, { type: 'logout', actorId: p.userId, actorName: p.fullName, subject: p.username, ip });
  });
  // Again after the commit: a request resolved meanwhile may have cached it.
  sessionCache(ctx).delete(p.sessionId);
}

/**
 * Sessions resolved in the last second, per AppContext: a person's burst of
 * requests costs one query. Logout, revocation and a change of the user's
 * roles in this process drop the entry at once; another process's change is
 * seen within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 1000;
const SESSION_CACHE_MAX = 10_000;
interface CachedSession {
  principal: Principal;
  cachedAt: number;
  lastSeenAt: number;
  expiresAt: number;
}
const sessionCaches = new WeakMap<AppContext, Map<string, CachedSession>>();

function sessionCache(ctx: AppContext): Map<string, CachedSession> {
  let m = sessionCaches.get(ctx);
  if (!m) {
    m = new Map();
    sessionCaches.set(ctx, m);
  }
  return m;
}

/** Forgets the cached sessions of a user (roles changed, account disabled, password reset). */
export function forgetUserSessions(ctx: AppContext, userId: string): void {
  const cache = sessionCache(ctx);
  for (const [k, v] of cache) if (v.principal.userId === userId) cache.delete(k);
}

/** The principal behind a session token, or null when it is unknown, expired or revoked. */
export async function resolveSession(ctx: AppContext, token: string): Promise<Principal | null> {
  if (!token || token.length > 200) return null;
  const id = tokenId(token);
  const now = ctx.now();
  const cache = sessionCache(ctx);
  const hit = cache.get(id);
  if (hit && Date.now() - hit.cachedAt < SESSION_CACHE_MS && now.getTime() < hit.expiresAt && now.getTime() - hit.lastSeenAt <= 60_000) {
    return hit.principal;
  }
  cache.delete(id);
  // The session, its user and the user's grants in one round trip (every API request makes it).
  const [row] = await rows<{ user_id: string; username: string; full_name: string; last_seen_at: Date | string; expires_at: Date | string; grants: unknown }>(
    ctx.db,
    sql`SELECT u.id AS user_id, u.username, u.full_name, s.last_seen_at, s.expires_at,
          coalesce((SELECT json_agg(json_build_object('role', g.role, 'agencyId', g.agency_id) ORDER BY g.created_at, g.role)
                    FROM user_grants g WHERE g.user_id = u.id), '[]'::json) AS grants
        FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = ${id} AND s.revoked_at IS NULL AND s.expires_at > ${now.toISOString()}::timestamptz AND u.active`,
  );
  if (!row) return null;
  let lastSeen = (row.last_seen_at instanceof Date ? row.last_seen_at : new Date(row.last_seen_at)).getTime();
  let expiresAt = (row.expires_at instanceof Date ? row.expires_at : new Date(row.expires_at)).getTime();
  if (now.getTime() - lastSeen > 60_000) {
    // Sliding expiry, written at most once a minute per session.
    lastSeen = now.getTime();
    expiresAt = now.getTime() + ctx.config.sessionTtlHours * 3600_000;
    await ctx.db.update(sessions).set({ lastSeenAt: now, expiresAt: new Date(expiresAt) }).where(eq(sessions.id, id));
  }
  const grants = (typeof row.grants === 'string' ? JSON.parse(row.grants) : row.grants) as { role: string; agencyId: string | null }[];
  const principal: Principal = {
    userId: row.user_id,
    username: row.username,
    fullName: row.full_name,
    sessionId: id,
    grants: grants.map((g) => ({ role: g.role as Role, agencyId: g.agencyId })),
  };
  if (cache.size >= SESSION_CACHE_MAX) cache.clear();
  cache.set(id, { principal, cachedAt: Date.now(), lastSeenAt: lastSeen, expiresAt });
  return principal;
}

/** Revokes every session of a user (password reset, deactivation). */
export async function revokeUserSessions(ctx: AppContext, userId: string) {
  forgetUserSessions(ctx, userId);
  await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  forgetUserSessions(ctx, userId);
}
