/**
 * The load generator of `npm run bench`, run as its own process (never in the
 * server's): keep-alive HTTP clients on 127.0.0.1, bounded in requests and in
 * time. Reads its job from the JSON file named by argv[2], prints the result as JSON on stdout.
 *
 *   lifecycle: `clients` concurrent clients, each repeating counter intake →
 *              forward (reception) → forward (specialist) → forward (head) →
 *              forward (leader) → complete (clerk) → return (reception).
 *   lookup:    public lookups by code at a fixed rate (open loop).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

export interface LoadJob {
  mode: 'lifecycle' | 'lookup';
  port: number;
  clients: number;
  maxLifecycles: number;
  maxSeconds: number;
  rate?: number;
  lookups?: { code: string; verify: string }[];
  /** Lookup mode: seconds at the same rate before the measured run, on codes of their own, measured apart. */
  warmupSeconds?: number;
  warmupLookups?: { code: string; verify: string }[];
  procedureCode?: string;
}

/** Latency histogram with ~1% buckets from 10 µs (HDR-like: fixed memory, percentiles within 1%). */
export class Histogram {
  private readonly counts = new Uint32Array(2000);
  n = 0;
  max = 0;
  record(ms: number) {
    const i = Math.min(this.counts.length - 1, Math.max(0, Math.floor(Math.log(Math.max(ms, 0.01) / 0.01) / Math.log(1.01))));
    this.counts[i]++;
    this.n++;
    if (ms > this.max) this.max = ms;
  }
  percentile(p: number): number {
    if (this.n === 0) return 0;
    const want = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= want) return Math.min(this.max, 0.01 * Math.pow(1.01, i + 1));
    }
    return this.max;
  }
  summary() {
    return { n: this.n, p50: round(this.percentile(50)), p99: round(this.percentile(99)), max: round(this.max) };
  }
}
const round = (x: number) => Math.round(x * 100) / 100;

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(port: number, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1', port, method, path, agent,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

async function login(port: number, username: string): Promise<string> {
  const r = await request(port, 'POST', '/api/v1/auth/login', null, { username, password: 'Demo@2026' });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.json)}`);
  return (r.json as { token: string }).token;
}

type D = { id: string; version: number; status: number; code: string };

async function lifecycle(job: LoadJob) {
  const who = ['tiepnhan.tinh', 'chuyenvien.xaydung', 'truongphong.xaydung', 'lanhdao.xaydung', 'vanthu.xaydung'];
  const tokens: Record<string, string> = {};
  for (const u of who) tokens[u] = await login(job.port, u);
  const hist: Record<string, Histogram> = {};
  const all = new Histogram();
  const errors: Record<string, number> = {};
  const timed = async (name: string, method: string, path: string, user: string, body: unknown, expect: number) => {
    const t0 = performance.now();
    let r: { status: number; json: unknown };
    try {
      r = await request(job.port, method, path, tokens[user], body);
    } catch (err) {
      // A timeout or a dropped connection counts as a failed request; the client goes on.
      const key = `${name} ${(err as Error).message}`;
      errors[key] = (errors[key] ?? 0) + 1;
      return null;
    }
    const ms = performance.now() - t0;
    (hist[name] ??= new Histogram()).record(ms);
    all.record(ms);
    if (r.status !== expect) {
      const key = `${name} ${r.status} ${(r.json as { error?: { code?: string } })?.error?.code ?? ''}`;
      errors[key] = (errors[key] ?? 0) + 1;
      return null;
    }
    return r.json as D;
  };
  const applicant = { fullName: 'Lê Thị Hồng', idNumber: '038190001234', phone: '0912345678', address: 'Phường Hạc Thành, tỉnh Thanh Hóa' };
  const steps: [string, string, Record<string, unknown>][] = [
    ['forward', 'tiepnhan.tinh', {}],
    ['forward', 'chuyenvien.xaydung', {}],
    ['forward', 'truongphong.xaydung', {}],
    ['forward', 'lanhdao.xaydung', {}],
    ['complete', 'vanthu.xaydung', { result: { number: '125/GPXD', signer: 'Đỗ Quang Vinh', signedOn: '2026-03-03' } }],
    ['return', 'tiepnhan.tinh', { method: 'counter', receivedBy: 'Lê Thị Hồng' }],
  ];
  let started = 0;
  let completed = 0;
  const t0 = performance.now();
  const deadline = t0 + job.maxSeconds * 1000;
  const client = async () => {
    while (started < job.maxLifecycles && performance.now() < deadline) {
      started++;
      let d = await timed('intake', 'POST', '/api/v1/dossiers', 'tiepnhan.tinh', { procedureCode: job.procedureCode ?? '1.902002', channel: 'counter', applicant, components: [{ name: 'Đơn đề nghị' }] }, 201);
      for (const [action, user, body] of steps) {
        if (!d) break;
        d = await timed(action === 'forward' ? `forward:${user.split('.')[0]}` : action, 'POST', `/api/v1/dossiers/${d.id}/actions`, user, { action, expectedVersion: d.version, ...body }, 200);
      }
      if (d && d.status === 10) completed++;
    }
  };
  await Promise.all(Array.from({ length: job.clients }, client));
  const seconds = (performance.now() - t0) / 1000;
  return {
    lifecycles: completed, seconds: round(seconds), lifecyclesPerSec: round(completed / seconds), requests: all.n, requestsPerSec: round(all.n / seconds),
    all: all.summary(), byRequest: Object.fromEntries(Object.entries(hist).map(([k, h]) => [k, h.summary()])), errors,
  };
}

/** Open loop: one request every 1/rate s whatever the answers, so slow answers cannot slow the offered load. */
async function openLoop(port: number, list: { code: string; verify: string }[], rate: number, total: number) {
  const h = new Histogram();
  const errors: Record<string, number> = {};
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const x = list[i % list.length];
    const s = performance.now();
    pending.push(
      request(port, 'GET', `/api/v1/public/dossiers/${encodeURIComponent(x.code)}?verify=${x.verify}`, null)
        .then((r) => {
          h.record(performance.now() - s);
          if (r.status !== 200) errors[String(r.status)] = (errors[String(r.status)] ?? 0) + 1;
        })
        .catch((e: Error) => {
          errors[e.message] = (errors[e.message] ?? 0) + 1;
        }),
    );
  }
  await Promise.all(pending);
  return { h, errors, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Public lookups at a fixed rate. A warm-up at the same rate on other codes
 * comes first (a process just started runs its code unoptimised for a few
 * seconds); its figures are kept apart, so the measured codes are still cold
 * in the database.
 */
async function lookup(job: LoadJob) {
  const list = job.lookups ?? [];
  if (!list.length) throw new Error('no codes to look up');
  const rate = job.rate ?? 500;
  let warmup: Record<string, unknown> | undefined;
  if (job.warmupSeconds && job.warmupLookups?.length) {
    const w = await openLoop(job.port, job.warmupLookups, rate, Math.floor(rate * job.warmupSeconds));
    warmup = { seconds: round(w.seconds), ...w.h.summary(), errors: w.errors };
  }
  const total = Math.min(job.maxLifecycles, Math.floor(rate * job.maxSeconds));
  const { h, errors, seconds } = await openLoop(job.port, list, rate, total);
  return { offeredRate: rate, requests: h.n, seconds: round(seconds), requestsPerSec: round(h.n / seconds), ...h.summary(), errors, ...(warmup ? { warmup } : {}) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadJob;
  const result = job.mode === 'lifecycle' ? await lifecycle(job) : await lookup(job);
  process.stdout.write(JSON.stringify(result));
  agent.destroy();
}
