import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { settings } from '../../db/schema.ts';

export async function getSetting<T>(tx: Tx, key: string): Promise<T | null> {
  const [r] = await tx.select().from(settings).where(eq(settings.key, key));
  return r ? (r.value as T) : null;
}

export async function setSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  await tx
    .insert(settings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}
