/**
 * Citizens online (công dân trực tuyến): self-registration, the profile that
 * prefills an online submission, satisfaction ratings (đánh giá mức độ hài
 * lòng) and the public lookup of a dossier by its code (tra cứu hồ sơ).
 *
 * The public endpoints take a code and a verifier (the last four digits of the
 * applicant's identity number or phone) and answer a wrong code and a wrong
 * verifier alike, compare in constant time and limit failures per address.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError, errors } from '../../http/errors.ts';
import { ACTION_NAMES, STATUS, STATUS_NAMES, type Status } from '../../kernel/dossier/status.ts';
import type { Principal } from '../auth/access.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { login, type LoginResult } from '../auth/service.ts';
import { recordAudit } from '../audit/repo.ts';
import { findDossier } from '../dossiers/repo.ts';
import { maySee } from '../dossiers/service.ts';
import * as users from '../users/repo.ts';
import * as repo from './repo.ts';
import type { RatingDto, RatingLevel } from './repo.ts';

// ——— throttling ———

/** Failed public lookups (wrong code or verifier) allowed per address in a window. */
export const LOOKUP_FAILURES = 10;
export const LOOKUP_WINDOW_MS = 10 * 60_000;
/** Self-registrations attempted per address in a window. */
export const REGISTRATIONS = 20;
export const REGISTER_WINDOW_MS = 60 * 60_000;

const minutesLeft = (start: Date | null, windowMs: number, now: Date) =>
  Math.max(1, Math.ceil(((start?.getTime() ?? now.getTime()) + windowMs - now.getTime()) / 60_000));

const lookupKey = (ip: string | null) => `lookup:${ip ?? 'unknown'}`;

/** Refuses with 429 while the address has used up its failed lookups. */
async function ensureLookupAllowed(ctx: AppContext, ip: string | null): Promise<void> {
  const now = ctx.now();
  const t = await repo.throttleCount(ctx.db, lookupKey(ip), now, LOOKUP_WINDOW_MS);
  if (t.count >= LOOKUP_FAILURES) {
    const minutes = minutesLeft(t.windowStartedAt, LOOKUP_WINDOW_MS, now);
    throw new AppError(429, 'TOO_MANY_ATTEMPTS', `Bạn đã tra cứu không đúng nhiều lần. Vui lòng thử lại sau ${minutes} phút.`, {
      retryAfterSeconds: minutes * 60,
    });
  }
}

const NOT_FOUND_MESSAGE = 'Không tìm thấy hồ sơ với mã hồ sơ và 4 số cuối đã nhập. Vui lòng kiểm tra lại.';

/** A wrong code and a wrong verifier: the same answer, and one more failure counted for the address. */
async function lookupFailed(ctx: AppContext, ip: string | null): Promise<never> {
  await repo.throttleBump(ctx.db, lookupKey(ip), ctx.now(), LOOKUP_WINDOW_MS);
  throw errors.notFound(NOT_FOUND_MESSAGE);
}

const NO_DIGITS = Buffer.from('\0\0\0\0');

/** Compares four digits with a stored last-4 in constant time (a missing or short value never matches). */
function same4(given: Buffer, stored: string | null): boolean {
  const s = stored && stored.length === 4 ? Buffer.from(stored) : NO_DIGITS;
  return s.length === 4 && timingSafeEqual(given, s);
}

/**
 * The dossier behind a code and verifier, or a counted failure. Both the
 * identity-number and phone comparisons always run, also for an unknown code.
 */
async function verifiedDossier(ctx: AppContext, code: string, verify: string, ip: string | null): Promise<repo.PublicDossierRow> {
  await ensureLookupAllowed(ctx, ip);
  const d = await repo.findByCode(ctx.db, normaliseCode(code));
  const given = Buffer.from(/^\d{4}$/.test(verify) ? verify : '\0\0\0\0');
  const byId = same4(given, d?.id_last4 ?? null);
  const byPhone = same4(given, d?.phone_last4 ?? null);
  if (!d || !(byId || byPhone)) return lookupFailed(ctx, ip);
  return d;
}

const normaliseCode = (code: string) => code.trim().toUpperCase();

// ——— public lookup ———

export interface PublicDossier {
  code: string;
  status: number;
  statusName: string;
  procedureName: string;
  receivedAt: string | null;
  dueAt: string | null;
  rescheduledDueAt: string | null;
  finishedAt: string | null;
  currentAgency: { name: string };
  history: { at: string; action: string; actionName: string; status: number; agencyName: string | null }[];
}

const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : (v instanceof Date ? v : new Date(String(v))).toISOString());

/** Tra cứu hồ sơ: status, dates, where it is and its history, with no personal data. */
export async function publicLookup(ctx: AppContext, code: string, verify: string, ip: string | null): Promise<PublicDossier> {
  const d = await verifiedDossier(ctx, code, verify, ip);
  const history = await repo.publicHistory(ctx.db, d.id);
  const status = Number(d.status) as Status;
  return {
    code: d.code,
    status,
    statusName: STATUS_NAMES[status],
    procedureName: d.procedure_name,
    receivedAt: isoOrNull(d.received_at),
    dueAt: isoOrNull(d.due_at),
    rescheduledDueAt: isoOrNull(d.rescheduled_due_at),
    finishedAt: isoOrNull(d.finished_at),
    currentAgency: { name: d.current_agency_name ?? '' },
    history: history.map((e) => ({
      at: isoOrNull(e.at)!,
      action: e.action,
      actionName: (ACTION_NAMES as Record<string, string>)[e.action] ?? e.action,
      status: Number(e.to_status),
      agencyName: e.agency_name,
    })),
  };
}

// ——— ratings ———

export interface RatingInput {
  level: RatingLevel;
  comment?: string | null;
}

/** A dossier may be rated once it has its result (9) or the result was returned (10). */
const RATABLE: readonly number[] = [STATUS.DONE, STATUS.RETURNED];

function ensureRatable(status: number): void {
  if (!RATABLE.includes(status)) {
    throw new AppError(409, 'RATING_NOT_OPEN', 'Chỉ đánh giá được khi hồ sơ đã có kết quả giải quyết hoặc đã trả kết quả.');
  }
}

const alreadyRated = () => new AppError(409, 'ALREADY_RATED', 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.');

function cleanComment(c: string | null | undefined): string | null {
  const t = c?.trim();
  return t ? t.slice(0, 2000) : null;
}

/** The owner rates their dossier from their account. */
export async function rateAsOwner(ctx: AppContext, p: Principal, idOrCode: string, input: RatingInput): Promise<RatingDto> {
  return ctx.db.transaction(async (tx) => {
    const d = await findDossier(tx, idOrCode, true);
    if (!d || !(await maySee(tx, p, d))) throw errors.notFound('Không tìm thấy hồ sơ.');
    if (d.owner_id === null || d.owner_id !== p.userId) {
      throw errors.forbidden('Chỉ người nộp hồ sơ mới được đánh giá mức độ hài lòng.');
    }
    ensureRatable(d.status);
    const r = await repo.insertRating(tx, {
      dossierId: d.id,
      level: input.level,
      comment: cleanComment(input.comment),
      byUserId: p.userId,
      via: 'account',
      at: ctx.now(),
    });
    if (!r) throw alreadyRated();
    return r;
  });
}

/** Anyone holding the receipt rates from its QR code (code and last four digits). */
export async function rateByCode(ctx: AppContext, code: string, verify: string, input: RatingInput, ip: string | null): Promise<RatingDto> {
  const d = await verifiedDossier(ctx, code, verify, ip);
  ensureRatable(Number(d.status));
  const r = await repo.insertRating(ctx.db, {
    dossierId: d.id,
    level: input.level,
    comment: cleanComment(input.comment),
    byUserId: null,
    via: 'qr',
    at: ctx.now(),
  });
  if (!r) throw alreadyRated();
  return r;
}

/** Whether a dossier found by code and verifier has been rated (no comment: it may be personal). */
export async function publicRating(
  ctx: AppContext,
  code: string,
  verify: string,
  ip: string | null,
): Promise<{ rating: Pick<RatingDto, 'level' | 'levelName' | 'at'> | null }> {
  const d = await verifiedDossier(ctx, code, verify, ip);
  const r = await repo.ratingOf(ctx.db, d.id);
  return { rating: r ? { level: r.level, levelName: r.levelName, at: r.at } : null };
}

// ——— profile ———

export interface Profile {
  fullName: string;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
}

/** What the account knows about its holder (prefills the applicant of an online submission). */
export async function profileOf(ctx: AppContext, p: Principal): Promise<Profile> {
  const u = await users.getUser(ctx.db, p.userId);
  if (!u) throw errors.unauthenticated();
  return { fullName: u.fullName, idNumber: u.idNumber, phone: u.phone, email: u.email };
}

// ——— registration ———

export interface RegisterInput {
  username: string;
  password: string;
  fullName: string;
  idNumber: string;
  phone: string;
  email?: string | null;
}

/**
 * Đăng ký tài khoản công dân: creates a user holding the citizen role (one
 * account per identity number) and logs them in. Attempts are limited per
 * address; the registration is audited.
 */
export async function registerCitizen(
  ctx: AppContext,
  input: RegisterInput,
  meta: { ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const count = await repo.throttleBump(ctx.db, `register:${meta.ip ?? 'unknown'}`, ctx.now(), REGISTER_WINDOW_MS);
  if (count > REGISTRATIONS) {
    const t = await repo.throttleCount(ctx.db, `register:${meta.ip ?? 'unknown'}`, ctx.now(), REGISTER_WINDOW_MS);
    const minutes = minutesLeft(t.windowStartedAt, REGISTER_WINDOW_MS, ctx.now());
    throw new AppError(429, 'TOO_MANY_ATTEMPTS', `Có quá nhiều lượt đăng ký tài khoản từ địa chỉ mạng này. Vui lòng thử lại sau ${minutes} phút.`, {
      retryAfterSeconds: minutes * 60,
    });
  }
  const username = input.username.trim().toLowerCase();
  const pw = passwordProblem(input.password);
  if (pw) throw errors.validation([{ path: 'password', message: pw }]);
  if (input.password.toLowerCase().includes(username)) {
    throw errors.validation([{ path: 'password', message: 'Mật khẩu không được chứa tên đăng nhập.' }]);
  }
  const idNumber = input.idNumber.replace(/\s+/g, '').toUpperCase();
  const duplicateUser = () => errors.duplicate('DUPLICATE_USERNAME', `Tên đăng nhập "${username}" đã có người sử dụng. Vui lòng chọn tên khác.`);
  const duplicateId = () =>
    errors.duplicate(
      'DUPLICATE_ID_NUMBER',
      'Số định danh này đã được dùng để đăng ký một tài khoản. Nếu đó là tài khoản của bạn, hãy đăng nhập; nếu quên mật khẩu, vui lòng liên hệ Bộ phận Một cửa.',
    );
  // Cheap checks first, so that a taken name costs no password hashing.
  if (await users.getUserByUsername(ctx.db, username)) throw duplicateUser();
  if (await repo.idNumberTaken(ctx.db, idNumber)) throw duplicateId();

  const hash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    // Two registrations with the same identity number wait for each other here.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`citizen-id:${idNumber}`}))`);
    if (await users.getUserByUsername(tx, username)) throw duplicateUser();
    if (await repo.idNumberTaken(tx, idNumber)) throw duplicateId();
    const now = ctx.now();
    const id = randomUUID();
    try {
      await users.insertUser(tx, {
        id,
        username,
        passwordHash: hash,
        fullName: input.fullName.trim().replace(/\s+/g, ' '),
        email: input.email?.trim() || null,
        phone: input.phone.replace(/[\s.-]/g, ''),
        idNumber,
        active: true,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    } catch (e) {
      // The username was taken a moment ago by a concurrent registration.
      const code = (e as { code?: string; cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code;
      if (code === '23505') throw duplicateUser();
      throw e;
    }
    await users.replaceGrants(tx, id, [{ id: randomUUID(), role: 'citizen', agencyId: null }], now);
    await recordAudit(tx, {
      type: 'citizen_registered',
      actorId: id,
      actorName: input.fullName.trim(),
      subject: username,
      ip: meta.ip,
      details: { userId: id, userAgent: meta.userAgent?.slice(0, 300) ?? null },
    });
  });
  return login(ctx, { username, password: input.password }, meta);
}
