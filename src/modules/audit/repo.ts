import { and, count, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';

export interface AuditEntry {
  type: string;
  actorId?: string | null;
  actorName?: string | null;
  subject?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

/** Appends to the audit log (đăng nhập, phân quyền, thay đổi cấu hình). */
export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    type: e.type,
    actorId: e.actorId ?? null,
    actorName: e.actorName ?? null,
    subject: e.subject ?? null,
    ip: e.ip ?? null,
    details: e.details ?? {},
    ...(e.at ? { at: e.at } : {}),
  });
}

export async function listAudit(tx: Tx, q: { type?: string; page: number; pageSize: number }) {
  const where = q.type ? and(eq(auditLog.type, q.type)) : undefined;
  const items = await tx
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await tx.select({ n: count() }).from(auditLog).where(where);
  return { items, total: Number(n) };
}
