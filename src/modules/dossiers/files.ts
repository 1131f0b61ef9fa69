/**
 * File store: every attachment and result is kept once, by its SHA-256, in
 * the files folder (FILES_DIR, default DATA_DIR/files), and checked on read.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows } from '../../db/client.ts';
import { AppError, errors } from '../../http/errors.ts';
import type { Principal } from '../auth/access.ts';
import { findDossier } from './repo.ts';
import { maySee } from './service.ts';

export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

/** The type of a file by its first bytes (never by its name or declared type). */
export function sniffType(buf: Buffer): AcceptedType | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

const blobPath = (ctx: AppContext, sha: string) => path.join(ctx.config.filesDir, sha.slice(0, 2), sha.slice(2, 4), sha);

export interface StoredFile {
  sha256: string;
  size: number;
  mime: string;
  name: string;
}

function cleanName(name: string | undefined, mime: string): string {
  const ext = mime === 'application/pdf' ? '.pdf' : mime === 'image/png' ? '.png' : '.jpg';
  const base = (name ?? '').replace(/[\\/\0\r\n"]/g, '').trim().slice(0, 200);
  return base || `tep${ext}`;
}

/** Stores an uploaded file for the person (once per content) and records that they uploaded it. */
export async function storeUpload(ctx: AppContext, p: Principal, body: Buffer, name?: string): Promise<StoredFile> {
  if (body.length === 0) throw errors.badRequest('EMPTY_FILE', 'Tệp rỗng.');
  if (body.length > ctx.config.maxUploadBytes) {
    throw new AppError(413, 'PAYLOAD_TOO_LARGE', `Tệp vượt quá dung lượng cho phép (${Math.round(ctx.config.maxUploadBytes / 1048576)} MB).`);
  }
  const mime = sniffType(body);
  if (!mime) throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).');
  const sha256 = createHash('sha256').update(body).digest('hex');
  const target = blobPath(ctx, sha256);
  const exists = await stat(target).then((s) => s.size === body.length, () => false);
  if (!exists) {
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, body, { flush: true });
    await rename(tmp, target);
  }
  const fileName = cleanName(name, mime);
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO files (sha256, size, mime) VALUES (${sha256}, ${body.length}, ${mime}) ON CONFLICT DO NOTHING`);
    await tx.execute(sql`INSERT INTO file_uploads (sha256, user_id, name, at) VALUES (${sha256}, ${p.userId}, ${fileName}, ${ctx.now().toISOString()}::timestamptz)
      ON CONFLICT (sha256, user_id) DO UPDATE SET name = EXCLUDED.name`);
  });
  return { sha256, size: body.length, mime, name: fileName };
}

/** Stores bytes for the system (demo data, imports); returns the hash. */
export async function storeSystemFile(ctx: AppContext, body: Buffer): Promise<string> {
  const mime = sniffType(body) ?? 'application/pdf';
  const sha256 = createHash('sha256').update(body).digest('hex');
  const target = blobPath(ctx, sha256);
  if (!(await stat(target).then(() => true, () => false))) {
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, body);
    await rename(tmp, target);
  }
  await ctx.db.execute(sql`INSERT INTO files (sha256, size, mime) VALUES (${sha256}, ${body.length}, ${mime}) ON CONFLICT DO NOTHING`);
  return sha256;
}

/** A dossier's file for someone who may see the dossier; the bytes are checked against their hash. */
export async function readDossierFile(ctx: AppContext, p: Principal, dossierId: string, sha256: string): Promise<{ body: Buffer; mime: string; name: string }> {
  const meta = await ctx.db.transaction(async (tx) => {
    const d = await findDossier(tx, dossierId);
    if (!d || !(await maySee(tx, p, d))) throw errors.notFound('Không tìm thấy hồ sơ.');
    const r = await rows<{ mime: string; name: string }>(
      tx,
      sql`SELECT f.mime, df.name FROM dossier_files df JOIN files f ON f.sha256 = df.sha256 WHERE df.dossier_id = ${d.id} AND df.sha256 = ${sha256} LIMIT 1`,
    );
    if (!r[0]) throw errors.notFound('Hồ sơ không có tệp này.');
    return r[0];
  });
  const body = await readFile(blobPath(ctx, sha256)).catch(() => null);
  if (!body) throw new AppError(410, 'FILE_MISSING', 'Tệp không còn trong kho lưu trữ. Vui lòng báo quản trị hệ thống.');
  if (createHash('sha256').update(body).digest('hex') !== sha256) {
    throw new AppError(500, 'FILE_CORRUPTED', 'Tệp trong kho lưu trữ bị hỏng (không khớp mã băm). Vui lòng báo quản trị hệ thống.');
  }
  return { body, mime: meta.mime, name: meta.name };
}
