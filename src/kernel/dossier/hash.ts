import { createHash } from 'node:crypto';

/** The fields of an event that its hash covers. */
export interface HashedEvent {
  dossierId: string;
  seq: number;
  action: string;
  actorId: string | null;
  at: string; // ISO instant
  fromStatus: number | null;
  toStatus: number;
  data: unknown;
}

/** JSON with object keys sorted, so a hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Hash of an event chained to the hash of the event before it (per dossier). */
export function eventHash(prevHash: string, e: HashedEvent): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(e))
    .digest('hex');
}
