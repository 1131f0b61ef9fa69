/**
 * Dossier code (mã hồ sơ): `{agency electronic id}-{yyMMdd}-{NNNN}`, the
 * sequence per receiving agency per day in Vietnam time.
 */

const VN_OFFSET_MS = 7 * 3_600_000;

/** The civil day in Vietnam (UTC+7) of an instant, as YYYY-MM-DD. */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export function formatDossierCode(agencyCode: string, day: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`bad sequence ${sequence}`);
  const yyMMdd = day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10);
  return `${agencyCode}-${yyMMdd}-${String(sequence).padStart(4, '0')}`;
}

const CODE_RE = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;

export function parseDossierCode(code: string): { agencyCode: string; day: string; sequence: number } | null {
  const m = CODE_RE.exec(code);
  if (!m) return null;
  const [, agencyCode, yy, mm, dd, seq] = m;
  return { agencyCode, day: `20${yy}-${mm}-${dd}`, sequence: Number(seq) };
}
