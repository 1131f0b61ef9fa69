import { loadDemoCatalogue } from './catalogue.ts';
import { scheduleDemoDossiers } from './dossiers.ts';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rows } from '../db/client.ts';
import { insertAgency, insertSuccessions } from '../modules/agencies/repo.ts';
import { createUser } from '../modules/users/service.ts';
import { setSetting } from '../modules/system/settings.ts';
import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_PROVINCE_NAME, DEMO_USERS } from './province.ts';

export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const r = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM agencies`);
  return r[0].n === 0;
}

export function generatePassword(): string {
  // Letters and digits, easy to type from a terminal.
  const raw = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}7`;
}

/** Loads the demo province into an empty database. Returns the admin password used. */
/** Loads the demo province: agencies, users of every role and (unless `catalogue: false`) the demo catalogue. */
export async function loadDemo(ctx: AppContext, adminPassword: string, opts: { catalogue?: boolean } = {}): Promise<void> {
  const ids = new Map<string, string>();
  await ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    for (const a of DEMO_AGENCIES) {
      const id = `ag-${a.key}`;
      ids.set(a.key, id);
      await insertAgency(tx, {
        id,
        parentId: a.parent ? ids.get(a.parent)! : null,
        name: a.name,
        shortName: a.shortName ?? null,
        code: a.code,
        adminUnitCode: a.adminUnitCode ?? null,
        level: a.level,
        kind: a.kind,
        validFrom: a.validFrom ?? '2025-07-01',
        validTo: a.validTo ?? null,
        settings: {},
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    }
    for (const a of DEMO_AGENCIES) {
      if (!a.from) continue;
      await insertSuccessions(
        tx,
        a.from.map((k) => ({ predecessorId: ids.get(k)!, successorId: ids.get(a.key)!, effectiveDate: a.validFrom ?? '2025-07-01' })),
      );
    }
    await setSetting(tx, 'province_name', DEMO_PROVINCE_NAME);
    await setSetting(tx, 'demo', true);
  });
  await createUser(
    ctx,
    null,
    { username: 'admin', password: adminPassword, fullName: 'Quản trị hệ thống', email: 'admin@example.vn', grants: [{ role: 'admin' }] },
    null,
  );
  for (const u of DEMO_USERS) {
    await createUser(
      ctx,
      null,
      {
        username: u.username,
        password: DEMO_PASSWORD,
        fullName: u.fullName,
        email: u.email,
        phone: u.phone,
        grants: [{ role: u.role, agencyId: u.agency ? ids.get(u.agency)! : null }],
      },
      null,
    );
  }
  if (opts.catalogue !== false) {
    await loadDemoCatalogue(ctx);
    await scheduleDemoDossiers(ctx.db, ctx.config.demoDossiers);
  }
}

/** Empties every table of the application (demo reset), keeping the schema. */
export async function wipe(ctx: AppContext): Promise<void> {
  const tables = await rows<{ tablename: string }>(
    ctx.db,
    sql`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  if (tables.length === 0) return;
  await ctx.database.exec(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
}
