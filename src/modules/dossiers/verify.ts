/** Checks every dossier's event chain (npx motcua audit verify). */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows } from '../../db/client.ts';
import { eventHash, GENESIS_HASH } from '../../kernel/dossier/hash.ts';
import { normalise, type EventRow } from './repo.ts';

export interface ChainBreak {
  dossierId: string;
  code: string | null;
  seq: number | null;
  problem: string;
}

/** Recomputes every event hash, in batches; reports each break (an edited, removed or reordered event). */
export async function verifyEventChains(ctx: AppContext, onProgress?: (done: number) => void): Promise<{ dossiers: number; events: number; breaks: ChainBreak[] }> {
  const breaks: ChainBreak[] = [];
  let after = '';
  let dossiers = 0;
  let events = 0;
  for (;;) {
    const batch = await rows<{ id: string; code: string | null; event_count: number; last_hash: string }>(
      ctx.db,
      sql`SELECT id, code, event_count, last_hash FROM dossiers WHERE id > ${after} ORDER BY id LIMIT 500`,
    );
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    const ids = batch.map((b) => b.id);
    const evs = (
      await rows<Record<string, unknown>>(
        ctx.db,
        sql`SELECT * FROM dossier_events WHERE dossier_id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) ORDER BY dossier_id, seq`,
      )
    ).map((e) => normalise<EventRow>(e));
    const byDossier = new Map<string, EventRow[]>();
    for (const e of evs) byDossier.set(e.dossier_id, [...(byDossier.get(e.dossier_id) ?? []), e]);
    for (const d of batch) {
      dossiers++;
      const list = byDossier.get(d.id) ?? [];
      events += list.length;
      let prev = GENESIS_HASH;
      list.forEach((e, i) => {
        if (e.seq !== i + 1) breaks.push({ dossierId: d.id, code: d.code, seq: e.seq, problem: `thiếu sự kiện trước số ${e.seq}` });
        const h = eventHash(prev, {
          dossierId: e.dossier_id,
          seq: e.seq,
          action: e.action,
          actorId: e.actor_id,
          at: e.at.toISOString(),
          fromStatus: e.from_status,
          toStatus: e.to_status,
          data: e.data,
        });
        if (e.prev_hash !== prev) breaks.push({ dossierId: d.id, code: d.code, seq: e.seq, problem: 'mã băm của sự kiện trước không khớp' });
        if (e.hash !== h) breaks.push({ dossierId: d.id, code: d.code, seq: e.seq, problem: 'nội dung sự kiện đã bị thay đổi' });
        prev = e.hash;
      });
      if (list.length !== Number(d.event_count) || prev !== (list.length ? d.last_hash : prev)) {
        breaks.push({ dossierId: d.id, code: d.code, seq: null, problem: `hồ sơ ghi ${d.event_count} sự kiện, nhật ký có ${list.length} hoặc sự kiện cuối không khớp` });
      }
    }
    onProgress?.(dossiers);
  }
  return { dossiers, events, breaks };
}
