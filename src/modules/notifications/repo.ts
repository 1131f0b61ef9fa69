/** SQL of the notifications module: the outbox and the officers' alerts. */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.ts';
import { textArray } from '../dossiers/repo.ts';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';
export type OutboxChannel = 'email' | 'sms';

export interface OutboxRow {
  id: number;
  channel: OutboxChannel;
  recipient: string;
  subject: string | null;
  body: string;
  html: string | null;
  template: string;
  dossier_id: string | null;
  event_seq: number | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

function normalise(r: Record<string, unknown>): OutboxRow {
  for (const c of ['next_attempt_at', 'locked_until', 'created_at', 'sent_at']) r[c] = toDate(r[c]);
  for (const c of ['id', 'attempts', 'event_seq']) if (r[c] !== null && r[c] !== undefined) r[c] = Number(r[c]);
  return r as unknown as OutboxRow;
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

export interface NewMessage {
  channel: OutboxChannel;
  recipient: string;
  subject: string | null;
  body: string;
  html: string | null;
  template: string;
  dossierId: string;
  eventSeq: number;
  at: Date;
}

/**
 * One INSERT of several messages, in order (ids follow the list); a second
 * one for the same event, channel and recipient is ignored. The dossier
 * engine runs it inside the statement that writes the event.
 */
export function insertMessagesSql(list: NewMessage[]): SQL {
  const values = list.map(
    (m) => sql`(${m.channel}, ${m.recipient}, ${m.subject}, ${m.body}, ${m.html}, ${m.template}, ${m.dossierId}, ${m.eventSeq}, 'pending', 0, ${ts(m.at)}, ${ts(m.at)})`,
  );
  return sql`INSERT INTO outbox (channel, recipient, subject, body, html, template, dossier_id, event_seq, status, attempts, next_attempt_at, created_at)
        VALUES ${sql.join(values, sql`, `)}
        ON CONFLICT (dossier_id, event_seq, channel, recipient) DO NOTHING`;
}

/**
 * Claims the next message due on the channels: pending and due, or left
 * "sending" by a worker whose lease ran out. The row lock with SKIP LOCKED
 * means two workers never claim the same row.
 */
export async function claimNext(tx: Tx, channels: OutboxChannel[], now: Date, leaseMs: number): Promise<OutboxRow | null> {
  if (channels.length === 0) return null;
  const r = await rows<Record<string, unknown>>(
    tx,
    sql`WITH due AS (
          SELECT id FROM outbox
          WHERE channel = ANY(${textArray(channels)})
            AND ((status = 'pending' AND next_attempt_at <= ${ts(now)}) OR (status = 'sending' AND locked_until < ${ts(now)}))
          ORDER BY next_attempt_at, id
          LIMIT 1
          FOR UPDATE SKIP LOCKED
        )
        UPDATE outbox o SET status = 'sending', attempts = o.attempts + 1, locked_until = ${ts(new Date(now.getTime() + leaseMs))}
        FROM due WHERE o.id = due.id
        RETURNING o.*`,
  );
  return r[0] ? normalise(r[0]) : null;
}

export async function markSent(tx: Tx, id: number, at: Date): Promise<void> {
  await tx.execute(sql`UPDATE outbox SET status = 'sent', sent_at = ${ts(at)}, locked_until = NULL, last_error = NULL WHERE id = ${id} AND status = 'sending'`);
}

export async function markRetry(tx: Tx, id: number, next: Date, error: string): Promise<void> {
  await tx.execute(sql`UPDATE outbox SET status = 'pending', next_attempt_at = ${ts(next)}, locked_until = NULL, last_error = ${error} WHERE id = ${id} AND status = 'sending'`);
}

export async function markFailed(tx: Tx, id: number, error: string): Promise<void> {
  await tx.execute(sql`UPDATE outbox SET status = 'failed', locked_until = NULL, last_error = ${error} WHERE id = ${id} AND status = 'sending'`);
}

/** Notes on every waiting e-mail why it waits (no SMTP server configured), without spending an attempt. */
export async function noteWaiting(tx: Tx, channel: OutboxChannel, error: string): Promise<number> {
  const r = await rows<{ n: number }>(
    tx,
    sql`WITH u AS (UPDATE outbox SET last_error = ${error} WHERE channel = ${channel} AND status = 'pending' AND last_error IS DISTINCT FROM ${error} RETURNING 1)
        SELECT count(*)::int AS n FROM u`,
  );
  return Number(r[0]?.n ?? 0);
}

export interface ListFilter {
  status?: OutboxStatus;
  channel?: OutboxChannel;
  q?: string;
  /** Agencies whose dossiers may be seen; null: all. */
  scope: string[] | null;
  page: number;
  pageSize: number;
}

export type ListedRow = OutboxRow & { dossier_code: string | null };

function conditions(f: Omit<ListFilter, 'page' | 'pageSize'>, withStatus = true): SQL {
  const c: SQL[] = [];
  if (withStatus && f.status) c.push(sql`o.status = ${f.status}`);
  if (f.channel) c.push(sql`o.channel = ${f.channel}`);
  if (f.q?.trim()) {
    const like = `%${f.q.trim().replace(/[\\%_]/g, '\\$&')}%`;
    c.push(sql`(o.recipient ILIKE ${like} OR d.code ILIKE ${like} OR o.subject ILIKE ${like})`);
  }
  if (f.scope) c.push(sql`d.involved_agencies && ${textArray(f.scope)}`);
  return c.length ? sql`WHERE ${sql.join(c, sql` AND `)}` : sql``;
}

export async function listMessages(tx: Tx, f: ListFilter): Promise<{ items: ListedRow[]; total: number; counts: Record<OutboxStatus, number> }> {
  const where = conditions(f);
  const items = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT o.*, d.code AS dossier_code FROM outbox o LEFT JOIN dossiers d ON d.id = o.dossier_id ${where}
        ORDER BY o.created_at DESC, o.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
  );
  const [{ n }] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM outbox o LEFT JOIN dossiers d ON d.id = o.dossier_id ${where}`);
  const byStatus = await rows<{ status: OutboxStatus; n: number }>(
    tx,
    sql`SELECT o.status, count(*)::int AS n FROM outbox o LEFT JOIN dossiers d ON d.id = o.dossier_id ${conditions(f, false)} GROUP BY o.status`,
  );
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of byStatus) counts[r.status] = Number(r.n);
  return { items: items.map((r) => normalise(r) as ListedRow), total: Number(n), counts };
}

export async function findMessage(tx: Tx, id: number, forUpdate = false): Promise<(OutboxRow & { involved_agencies: string[] | null; dossier_code: string | null }) | null> {
  const r = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT o.*, d.involved_agencies, d.code AS dossier_code FROM outbox o LEFT JOIN dossiers d ON d.id = o.dossier_id WHERE o.id = ${id}${forUpdate ? sql` FOR UPDATE OF o` : sql``}`,
  );
  if (!r[0]) return null;
  const inv = r[0].involved_agencies;
  const out = normalise(r[0]) as OutboxRow & { involved_agencies: string[] | null; dossier_code: string | null };
  out.involved_agencies = Array.isArray(inv) ? (inv as string[]) : typeof inv === 'string' ? inv.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((s) => s.replace(/^"|"$/g, '')) : null;
  return out;
}

/** Puts a failed message back in the queue, with a fresh set of attempts. */
export async function requeue(tx: Tx, id: number, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ${ts(now)}, locked_until = NULL WHERE id = ${id}`);
}

// ——— officers' alerts ———

/**
 * Active officers holding one of the roles at the agency; when nobody holds
 * it there, those at the nearest agency above (a role granted higher up
 * covers the whole subtree).
 */
export async function officersAt(tx: Tx, agencyId: string, roles: readonly string[]): Promise<string[]> {
  const r = await rows<{ user_id: string }>(
    tx,
    sql`WITH RECURSIVE up AS (
          SELECT id, parent_id, 0 AS depth FROM agencies WHERE id = ${agencyId}
          UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 8
        ), cand AS (
          SELECT g.user_id, up.depth FROM up JOIN user_grants g ON g.agency_id = up.id JOIN users u ON u.id = g.user_id
          WHERE u.active AND g.role = ANY(${textArray([...roles])})
        )
        SELECT DISTINCT user_id FROM cand WHERE depth = (SELECT min(depth) FROM cand) ORDER BY user_id`,
  );
  return r.map((x) => x.user_id);
}

export async function raiseAlerts(tx: Tx, userIds: string[], dossierId: string, kind: 'submitted' | 'supplement_received' | 'assigned', at: Date): Promise<void> {
  if (userIds.length === 0) return;
  await tx.execute(
    sql`INSERT INTO dossier_alerts (user_id, dossier_id, kind, at)
        SELECT u, ${dossierId}, ${kind}, ${ts(at)} FROM unnest(${textArray(userIds)}) AS u
        ON CONFLICT (user_id, dossier_id, kind) DO UPDATE SET at = EXCLUDED.at, read_at = NULL`,
  );
}

export async function eventActor(tx: Tx, dossierId: string, seq: number): Promise<string | null> {
  const r = await rows<{ actor_id: string | null }>(tx, sql`SELECT actor_id FROM dossier_events WHERE dossier_id = ${dossierId} AND seq = ${seq}`);
  return r[0]?.actor_id ?? null;
}

export async function userEmail(tx: Tx, userId: string): Promise<string | null> {
  const r = await rows<{ email: string | null }>(tx, sql`SELECT email FROM users WHERE id = ${userId}`);
  return r[0]?.email ?? null;
}
