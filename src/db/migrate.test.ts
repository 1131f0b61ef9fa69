import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from './client.ts';
import { listMigrations, migrate } from './migrate.ts';
import { testEnv, type TestEnv } from '../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ demo: false });
});
afterAll(async () => env.close());

describe('migrations', () => {
  it('are all applied once, and a second run applies nothing', async () => {
    const applied = await rows<{ id: string }>(env.ctx.db, sql`SELECT id FROM schema_migrations ORDER BY id`);
    expect(applied.map((r) => r.id)).toEqual(listMigrations().map((m) => m.id));
    expect(await migrate(env.ctx.database)).toEqual([]);
  });

  it('several concurrent runs apply nothing twice', async () => {
    const results = await Promise.all([migrate(env.ctx.database), migrate(env.ctx.database), migrate(env.ctx.database)]);
    expect(results.flat()).toEqual([]);
  });

  it('load the search extensions on this engine', async () => {
    const r = await rows<{ x: string; s: number }>(
      env.ctx.db,
      sql`SELECT unaccent('Cấp giấy phép xây dựng Đà Nẵng') AS x, similarity('xay dung', 'xây dựng') AS s`,
    );
    expect(r[0].x).toBe('Cap giay phep xay dung Da Nang');
    expect(typeof r[0].s).toBe('number');
  });

  it('the database itself refuses impossible data', async () => {
    await expect(
      env.ctx.database.exec(`INSERT INTO agencies (id, name, code, level, kind) VALUES ('x', 'Tên', '000.00.99.H56', 'galaxy', 'other')`),
    ).rejects.toThrow();
  });
});
