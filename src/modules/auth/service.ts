import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { loginThrottle, sessions, users } from '../../db/schema.ts';
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
  await ctx.db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: ctx.now() }).where(eq(sessions.id, p.sessionId!));
    await recordAudit(tx, { type: 'logout', actorId: p.userId, actorName: p.fullName, subject: p.username, ip });
  });
}

/** The principal behind a session token, or null when it is unknown, expired or revoked. */
export async function resolveSession(ctx: AppContext, token: string): Promise<Principal | null> {
  if (!token || token.length > 200) return null;
  const id = tokenId(token);
  const now = ctx.now();
  const [row] = await ctx.db
    .select({ userId: users.id, username: users.username, fullName: users.fullName, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(users.active, true)));
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    // Sliding expiry, written at most once a minute per session.
    await ctx.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + ctx.config.sessionTtlHours * 3600_000) })
      .where(eq(sessions.id, id));
  }
  const grants = await grantsOf(ctx.db, [row.userId]);
  return {
    userId: row.userId,
    username: row.username,
    fullName: row.fullName,
    sessionId: id,
    grants: grants.map((g) => ({ role: g.role as Role, agencyId: g.agencyId })),
  };
}

/** Revokes every session of a user (password reset, deactivation). */
export async function revokeUserSessions(ctx: AppContext, userId: string) {
  await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
