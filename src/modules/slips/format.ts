/**
 * Formatting for the printed slips (phiếu): Vietnam time (UTC+7) whatever the
 * server's time zone, Vietnamese wording of dates and durations, agency names
 * as official headers print them, and the public lookup address of a dossier.
 * Pure functions.
 */

const VN_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock parts of an instant in Vietnam. */
export function vnParts(at: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const t = new Date(at.getTime() + VN_OFFSET_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes() };
}

/** dd/MM/yyyy in Vietnam time. */
export function vnDate(at: Date): string {
  const p = vnParts(at);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** HH:mm dd/MM/yyyy in Vietnam time. */
export function vnDateTime(at: Date): string {
  const p = vnParts(at);
  return `${pad(p.hour)}:${pad(p.minute)} ${vnDate(at)}`;
}

/** "09 giờ 30 phút, ngày 02/03/2026", as the forms ask for times. */
export function vnClock(at: Date): string {
  const p = vnParts(at);
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ngày ${vnDate(at)}`;
}

/**
 * The date line of an administrative document: "ngày 05 tháng 02 năm 2026",
 * days below 10 and the months 1 and 2 written with a leading zero (Decree 30/2020).
 */
export function vnDateWords(at: Date): string {
  const p = vnParts(at);
  const month = p.month <= 2 ? pad(p.month) : String(p.month);
  return `ngày ${pad(p.day)} tháng ${month} năm ${p.year}`;
}

const UNIT_NAMES: Record<string, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
};

/** The legal duration of a case: "20 ngày làm việc". */
export function durationText(amount: number, unit: string): string {
  if (!amount) return 'Giải quyết trong ngày';
  return `${amount < 10 ? pad(amount) : amount} ${UNIT_NAMES[unit] ?? 'ngày'}`;
}

/** "Ông/Bà"-style count with a leading zero under ten: "01 bộ". */
export const count2 = (n: number) => (n < 10 ? pad(n) : String(n));

const LOCALITY_RE = /^(?:(?:ủy|uỷ) ban nhân dân|ubnd)\s+((?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+(.+))$/iu;

/** For "Ủy ban nhân dân tỉnh Thanh Hóa": the locality "tỉnh Thanh Hóa" and the place name "Thanh Hóa". */
export function localityOf(committeeName: string): { locality: string; place: string } | null {
  const m = LOCALITY_RE.exec(committeeName.trim());
  return m ? { locality: m[1], place: m[2] } : null;
}

/**
 * The issuing unit's name as printed under its parent in a header: the
 * locality its parent already names is dropped ("Trung tâm Phục vụ hành chính
 * công tỉnh Thanh Hóa" under "Ủy ban nhân dân tỉnh Thanh Hóa" prints
 * "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG").
 */
export function unitHeaderName(unitName: string, parentName: string | null): string {
  let name = unitName.trim();
  const loc = parentName ? localityOf(parentName) : null;
  if (loc) {
    const suffix = ` ${loc.locality}`;
    if (name.toLowerCase().endsWith(suffix.toLowerCase()) && name.length > suffix.length) name = name.slice(0, -suffix.length);
  }
  return name.toLocaleUpperCase('vi');
}

/** The public lookup page of a dossier, the address its QR code carries. */
export function lookupUrl(base: string, code: string): string {
  return `${base.replace(/\/+$/, '')}/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`;
}

const HOST_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The base address printed on slips: the configured public address, or the
 * origin the request came to (a malformed Host falls back to localhost).
 */
export function publicBase(configured: string | null, protocol: string, host: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  const proto = protocol === 'https' ? 'https' : 'http';
  const h = host && HOST_RE.test(host) ? host : 'localhost';
  return `${proto}://${h}`;
}
