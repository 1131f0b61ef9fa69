import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../db/client.ts';
import { ADMIN_PASSWORD, testEnv, type TestEnv } from '../testing/harness.ts';
import { generateProvince } from './gen.ts';

// With PostgreSQL (TEST_DATABASE_URL) the workers are threads with their own connections;
// PGlite always generates in-process, so there the runs only show the data are reproducible.
let env: TestEnv;

beforeAll(async () => {
  env = await testEnv({ catalogue: true });
  env.setNow(new Date('2026-06-15T03:00:00Z'));
}, 120_000);

afterAll(async () => {
  await env?.close();
});

/** Generates the dossiers afresh (same catalogue and users) and fingerprints them. */
async function generated(workers: number) {
  await env.ctx.database.exec('TRUNCATE dossiers, dossier_code_counters CASCADE');
  await generateProvince(env.ctx, { dossiers: 1300, years: 1, seed: 11, procedures: 120, fields: 20, adminPassword: ADMIN_PASSWORD, batch: 300, workers });
  const [fingerprint] = await rows<{ events: string; dossiers: string; counters: string; n: number }>(
    env.ctx.db,
    sql`SELECT (SELECT md5(string_agg(hash, ',' ORDER BY dossier_id, seq)) FROM dossier_events) AS events,
               (SELECT md5(string_agg(concat_ws('|', id, code, status, channel, received_at, due_at, finished_at, timeliness, last_hash), ',' ORDER BY id)) FROM dossiers) AS dossiers,
               (SELECT md5(string_agg(concat_ws('|', agency_id, day, last), ',' ORDER BY agency_id, day)) FROM dossier_code_counters) AS counters,
               (SELECT count(*)::int FROM dossiers) AS n`,
  );
  return fingerprint;
}

describe('motcua gen: workers', () => {
  it('writes the same data whatever the number of workers', async () => {
    const one = await generated(1);
    const three = await generated(3);
    const inline = await generated(0);
    expect(one.n).toBe(1300);
    expect(three).toEqual(one);
    expect(inline).toEqual(one);
  }, 240_000);

  it('numbers codes per reception agency and Vietnam day of receipt, below the code counters', async () => {
    await generated(2);
    const [r] = await rows<{ coded: number; distinct_codes: number; wrong_prefix: number; above_counter: number }>(
      env.ctx.db,
      sql`SELECT count(*)::int AS coded, count(DISTINCT d.code)::int AS distinct_codes,
                 count(*) FILTER (WHERE d.code NOT LIKE a.code || '-' || to_char(d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-%')::int AS wrong_prefix,
                 count(*) FILTER (WHERE substring(d.code from '[0-9]+$')::int > coalesce(c.last, 0))::int AS above_counter
          FROM dossiers d JOIN agencies a ON a.id = d.reception_agency_id
          LEFT JOIN dossier_code_counters c ON c.agency_id = a.id AND c.day = (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
          WHERE d.code IS NOT NULL`,
    );
    expect(r.coded).toBeGreaterThan(1000);
    expect(r.distinct_codes).toBe(r.coded);
    expect(r.wrong_prefix).toBe(0);
    expect(r.above_counter).toBe(0);
  }, 120_000);
});
