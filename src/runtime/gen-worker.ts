/**
 * `motcua gen` worker thread (PostgreSQL): generates the shards the main
 * thread hands it (gen-shard.ts) and writes them with COPY on its own
 * connection, one transaction per batch, generating the next batch while
 * the server takes the previous one.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { WorkCalendar } from '../kernel/calendar/index.ts';
import { DOSSIER_COLUMNS, EVENT_COLUMNS, generateShard, type GenPlan } from './gen-shard.ts';

export interface WorkerInit {
  plan: GenPlan;
  /** A structured clone of the WorkCalendar (its prototype is restored here). */
  cal: unknown;
  conn: { connectionString?: string; options?: string };
  batch: number;
}

export type ToWorker = { shard: number } | { stop: true };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; count: number }
  | { type: 'done'; shard: number; counters: [string, number][]; events: number; genMs: number; copyMs: number };

const port = parentPort!;
const init = workerData as WorkerInit;
const cal = Object.setPrototypeOf(init.cal as object, WorkCalendar.prototype) as WorkCalendar;
const client = new pg.Client({ connectionString: init.conn.connectionString, options: init.conn.options });
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const list = (cols: readonly string[]) => cols.map((c) => `"${c}"`).join(', ');

async function copyIn(table: string, columns: readonly string[], parts: Buffer[]): Promise<void> {
  await pipeline(Readable.from(parts), client.query(copyFrom(`COPY ${table} (${list(columns)}) FROM STDIN`)));
}

async function copyBatch(d: Buffer[], e: Buffer[]): Promise<void> {
  await client.query('BEGIN');
  try {
    await copyIn('dossiers', DOSSIER_COLUMNS, d);
    await copyIn('dossier_events', EVENT_COLUMNS, e);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

async function runShard(index: number): Promise<void> {
  const spec = init.plan.shards[index];
  const gen = generateShard(init.plan, cal, spec);
  let genMs = 0;
  let copyMs = 0;
  let inflight: Promise<void> | null = null;
  let d: Buffer[] = [];
  let e: Buffer[] = [];
  let inBatch = 0;
  const flush = async () => {
    const w = performance.now();
    if (inflight) await inflight;
    copyMs += performance.now() - w;
    const dd = d;
    const ee = e;
    inflight = copyBatch(dd, ee);
    // A failed COPY is reported when awaited; keep it from being an unhandled rejection meanwhile.
    inflight.catch(() => {});
    d = [];
    e = [];
    inBatch = 0;
  };
  for (;;) {
    const t0 = performance.now();
    const step = gen.next();
    genMs += performance.now() - t0;
    if (step.done) {
      if (inBatch > 0) await flush();
      const w = performance.now();
      if (inflight) await inflight;
      copyMs += performance.now() - w;
      port.postMessage({ type: 'done', shard: index, counters: [...step.value.counters], events: step.value.events, genMs, copyMs } satisfies FromWorker);
      return;
    }
    d.push(...step.value.dossiers);
    e.push(...step.value.events);
    inBatch += step.value.count;
    port.postMessage({ type: 'progress', count: step.value.count } satisfies FromWorker);
    if (inBatch >= init.batch) await flush();
    else await tick(); // lets the socket take the batch in flight
  }
}

await client.connect();
port.on('message', (m: ToWorker) => {
  if ('stop' in m) {
    void client.end().then(() => port.close());
    return;
  }
  runShard(m.shard).catch((err: unknown) => {
    // Crash the thread: the main thread sees it as an 'error' event.
    setImmediate(() => {
      throw err;
    });
  });
});
port.postMessage({ type: 'ready' } satisfies FromWorker);
