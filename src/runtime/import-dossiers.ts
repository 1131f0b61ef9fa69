/**
 * `motcua import dossiers FILE.csv [--dry-run]`: the command's two halves.
 * With PGlite only one process may open the data folder, so while a server
 * runs on it the CLI sends the file's absolute path to the server's internal
 * route (same machine, control token) and draws the progress the server
 * streams back as NDJSON lines; otherwise (no server, or PostgreSQL) it opens
 * the database itself.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { STATUS_NAMES, type Status } from '../kernel/dossier/status.ts';
import { importDossiersFromFile, type DossierImportProgress, type DossierImportResult } from '../modules/dossiers/import.ts';
import { readLiveLock } from './lock.ts';
import { openContext } from './open.ts';

/** A failure the CLI reports as it is (the message may span several lines). */
export class ImportCommandError extends Error {}

type Line =
  | ({ type: 'progress' } & DossierImportProgress)
  | { type: 'result'; result: DossierImportResult }
  | { type: 'error'; error: { code: string; message: string; details?: unknown } };

// ——— server side ———

/** The internal route the CLI uses while the server holds the data folder. */
export function dossierImportControlRoute(app: FastifyInstance, ctx: AppContext, check: (header: unknown) => void): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/internal/dossiers/import',
    {
      onRequest: async (req) => check(req.headers['x-motcua-control']),
      schema: {
        hide: true,
        body: z.object({
          path: z.string().min(1).max(4096).refine((p) => path.isAbsolute(p), 'Đường dẫn tệp phải là đường dẫn tuyệt đối.'),
          dryRun: z.boolean().optional(),
          source: z.string().max(300).optional(),
        }),
      },
    },
    async (req, reply) => {
      const out = new PassThrough();
      out.on('error', () => {}); // the CLI went away: nothing to tell it
      const write = (l: Line) => {
        if (!out.destroyed && !out.writableEnded) out.write(`${JSON.stringify(l)}\n`);
      };
      const abort = new AbortController();
      let done = false;
      // The person pressed Ctrl-C: stop and roll back.
      reply.raw.on('close', () => {
        if (!done) abort.abort();
      });
      let last = 0;
      let phase = '';
      const onProgress = (p: DossierImportProgress) => {
        const t = Date.now();
        if (t - last < 250 && p.rows !== p.totalRows && p.phase === phase) return;
        last = t;
        phase = p.phase;
        write({ type: 'progress', ...p });
      };
      write({ type: 'progress', phase: 'validate', rows: 0, totalRows: 0, bytes: 0, totalBytes: 0, errors: 0 });
      importDossiersFromFile(ctx, req.body.path, { dryRun: req.body.dryRun, source: req.body.source, onProgress, signal: abort.signal })
        .then((result) => write({ type: 'result', result }))
        .catch((err: unknown) => {
          if (err instanceof AppError) write({ type: 'error', error: { code: err.code, message: err.message, details: err.details } });
          else {
            req.log.error({ err }, 'dossier import failed');
            write({ type: 'error', error: { code: 'INTERNAL', message: `Lỗi hệ thống khi nhập hồ sơ: ${err instanceof Error ? err.message : String(err)}. Chưa nhập hồ sơ nào.` } });
          }
        })
        .finally(() => {
          done = true;
          out.end();
        });
      return reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(out);
    },
  );
}

// ——— command line side ———

const nf = (n: number) => Math.round(n).toLocaleString('vi-VN');

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} giây`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} phút${s % 60 ? ` ${s % 60} giây` : ''}`;
  return `${Math.floor(m / 60)} giờ${m % 60 ? ` ${m % 60} phút` : ''}`;
}

const PHASE_NAMES: Record<DossierImportProgress['phase'], string> = { validate: 'Kiểm tra', load: 'Ghi dữ liệu' };

/**
 * The progress bar on stderr: redrawn in place on a terminal (rows, rate,
 * time left); a plain line at every tenth otherwise (logs, CI).
 */
export class ProgressBar {
  private phase: DossierImportProgress['phase'] | null = null;
  private phaseStarted = 0;
  private lastTenth = -1;
  private drawn = false;
  private lastDraw = 0;

  constructor(private readonly tty = !!process.stderr.isTTY && process.env.CI !== 'true') {}

  update(p: DossierImportProgress): void {
    const now = Date.now();
    if (p.phase !== this.phase) {
      this.finishLine();
      this.phase = p.phase;
      this.phaseStarted = now;
      this.lastTenth = -1;
    }
    const fraction = p.phase === 'validate' ? (p.totalBytes ? p.bytes / p.totalBytes : 0) : p.totalRows ? p.rows / p.totalRows : 0;
    const elapsed = (now - this.phaseStarted) / 1000;
    const rate = elapsed > 0 ? p.rows / elapsed : 0;
    const estimate = fraction > 0.01 && fraction < 1 ? (elapsed * (1 - fraction)) / fraction : 0;
    const left = estimate >= 1 ? estimate : null;
    const pct = Math.floor(fraction * 100);
    const rows = p.phase === 'validate' ? `${nf(p.rows)} dòng` : `${nf(p.rows)}/${nf(p.totalRows)} hồ sơ`;
    const tail = `${rows}${rate ? `, ${nf(rate)} ${p.phase === 'validate' ? 'dòng' : 'hồ sơ'}/giây` : ''}${left !== null ? `, còn khoảng ${formatDuration(left)}` : ''}${p.errors ? `, ${nf(p.errors)} lỗi` : ''}`;
    if (this.tty) {
      if (now - this.lastDraw < 100 && fraction < 1) return;
      this.lastDraw = now;
      const width = 24;
      const full = Math.round(fraction * width);
      const bar = '█'.repeat(full) + '░'.repeat(width - full);
      process.stderr.write(`\r${PHASE_NAMES[p.phase].padEnd(12)} [${bar}] ${String(pct).padStart(3)}%  ${tail}\x1b[K`);
      this.drawn = true;
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth > this.lastTenth && (tenth > 0 || p.rows > 0)) {
      this.lastTenth = tenth;
      console.error(`${PHASE_NAMES[p.phase]}: ${tenth * 10}% (${tail})`);
    }
  }

  finishLine(): void {
    if (this.tty && this.drawn) process.stderr.write('\n');
    this.drawn = false;
  }
}

function statusBreakdown(byStatus: Record<string, number>): string {
  return Object.entries(byStatus)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([s, n]) => `${s} ${STATUS_NAMES[Number(s) as Status]}: ${nf(n)}`)
    .join('; ');
}

export function importSummary(r: DossierImportResult, viaServer: boolean): string {
  const via = viaServer ? ' (qua máy chủ đang chạy)' : '';
  const head = r.dryRun
    ? `Tệp hợp lệ: ${nf(r.rows)} hồ sơ sẽ được nhập. Chưa ghi gì vào cơ sở dữ liệu (--dry-run)${via}.`
    : `Đã nhập ${nf(r.imported)} hồ sơ từ ${r.source} trong ${formatDuration(r.seconds)}${via}.`;
  const lines = [head, `Theo trạng thái — ${statusBreakdown(r.byStatus)}.`];
  if (!r.dryRun && r.codeCounters) lines.push(`Đã cập nhật ${nf(r.codeCounters)} dãy số mã hồ sơ (theo đơn vị và ngày) để hồ sơ mới không trùng mã đã nhập.`);
  return lines.join('\n');
}

function problemsText(message: string, details: unknown): string {
  const list = Array.isArray(details) ? (details as { path?: string; message?: string }[]) : [];
  return [message, ...list.map((d) => `  ${d.path ? `${d.path}: ` : ''}${d.message ?? ''}`)].join('\n');
}

/** Runs the command: through the running server when one holds the data folder, else on the database directly. */
export async function importDossiersCommand(file: string, opts: { dryRun: boolean }): Promise<void> {
  const abs = path.resolve(file);
  try {
    if (!statSync(abs).isFile()) throw new ImportCommandError(`${file} là thư mục, không phải tệp.`);
  } catch (err) {
    if (err instanceof ImportCommandError) throw err;
    throw new ImportCommandError(`Không tìm thấy tệp ${file}.`);
  }
  const config = loadConfig();
  const lock = config.databaseUrl ? null : readLiveLock(config.dataDir);
  const bar = new ProgressBar();
  let result: DossierImportResult | null = null;
  if (lock) {
    if (!lock.port) throw new ImportCommandError('Máy chủ đang khởi động; hãy thử lại sau vài giây.');
    const res = await fetch(`http://127.0.0.1:${lock.port}/api/v1/internal/dossiers/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-motcua-control': lock.controlToken },
      body: JSON.stringify({ path: abs, dryRun: opts.dryRun, source: path.basename(abs) }),
    });
    if (!res.ok || !res.body) {
      const json = (await res.json().catch(() => ({}))) as { error?: { message?: string; details?: unknown } };
      throw new ImportCommandError(problemsText(json.error?.message ?? `Máy chủ trả lời ${res.status}.`, json.error?.details));
    }
    const decoder = new TextDecoder();
    let buffered = '';
    let failure: { message: string; details?: unknown } | null = null;
    const take = (line: string) => {
      if (!line.trim()) return;
      const l = JSON.parse(line) as Line;
      if (l.type === 'progress') bar.update(l);
      else if (l.type === 'result') result = l.result;
      else failure = l.error;
    };
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        take(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
    }
    take(buffered + decoder.decode());
    bar.finishLine();
    const f = failure as { message: string; details?: unknown } | null;
    if (f) throw new ImportCommandError(problemsText(f.message, f.details));
    if (!result) throw new ImportCommandError('Máy chủ ngừng trả lời giữa chừng; chưa rõ kết quả. Hãy kiểm tra nhật ký máy chủ.');
  } else {
    const ctx = await openContext(config);
    try {
      result = await importDossiersFromFile(ctx, abs, { dryRun: opts.dryRun, onProgress: (p) => bar.update(p) });
    } catch (err) {
      bar.finishLine();
      if (err instanceof AppError) throw new ImportCommandError(problemsText(err.message, err.details));
      throw err;
    } finally {
      await ctx.database.close();
    }
    bar.finishLine();
  }
  console.log(importSummary(result!, !!lock));
}
