import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueDate, rebaseDueDate } from '../../kernel/calendar/index.ts';
import { bearer, testEnv, type TestEnv } from '../../testing/harness.ts';
import { getWorkCalendar } from './service.ts';

let env: TestEnv;
let admin: string;
let officer: string;
beforeAll(async () => {
  env = await testEnv();
  admin = await env.login('admin');
  officer = await env.login('tiepnhan.tinh');
});
afterAll(async () => env.close());

const get = (url: string, token?: string) => env.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });
const put = (url: string, token: string, payload: object) => env.app.inject({ method: 'PUT', url, headers: bearer(token), payload });
const del = (url: string, token: string) => env.app.inject({ method: 'DELETE', url, headers: bearer(token) });
const post = (url: string, token: string, payload: object) => env.app.inject({ method: 'POST', url, headers: bearer(token), payload });
const due = (q: Record<string, string>) => get(`/api/v1/calendar/due?${new URLSearchParams(q)}`);

async function expect400(res: Awaited<ReturnType<typeof get>>, field: string) {
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json();
  expect(body.error.code).toBe('VALIDATION_ERROR');
  expect(body.error.message).toMatch(/[àáảãạăâđêôơưịọ]/); // Vietnamese, for a person
  expect(JSON.stringify(body.error.details)).toContain(field);
}

describe('GET /api/v1/calendar/lunar (no login)', () => {
  it('gives the lunar date with its can-chi year: 17/02/2026 is mùng 1 Tết Bính Ngọ', async () => {
    const res = await get('/api/v1/calendar/lunar?date=2026-02-17');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      date: '2026-02-17', weekday: 2, lunar: { day: 1, month: 1, year: 2026, leap: false, yearName: 'Bính Ngọ', label: 'mùng 1 tháng Giêng' },
    });
  });

  it('answers at both ends of the range and marks leap months', async () => {
    expect((await get('/api/v1/calendar/lunar?date=1900-01-01')).statusCode).toBe(200);
    expect((await get('/api/v1/calendar/lunar?date=2199-12-31')).statusCode).toBe(200);
    // 2025 has a leap 6th month (tháng Sáu nhuận) starting 25/07/2025.
    expect((await get('/api/v1/calendar/lunar?date=2025-07-25')).json().lunar).toMatchObject({ day: 1, month: 6, leap: true });
  });

  it('refuses a day that does not exist, a malformed date and a year outside 1900–2199', async () => {
    await expect400(await get('/api/v1/calendar/lunar?date=2026-02-30'), 'date');
    await expect400(await get('/api/v1/calendar/lunar?date=17/02/2026'), 'date');
    await expect400(await get('/api/v1/calendar/lunar?date=1899-12-31'), 'date');
    await expect400(await get('/api/v1/calendar/lunar?date=2200-01-01'), 'date');
    const missing = await get('/api/v1/calendar/lunar');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_ERROR');
  });
});

describe('GET /api/v1/calendar/holidays (no login)', () => {
  it('Tết Bính Ngọ 2026: the five Tết days 16–20/02, with the official source, and the Saturdays worked', async () => {
    const res = await get('/api/v1/calendar/holidays?year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2026, origin: 'official', lunarYearName: 'Bính Ngọ' });
    const tet = body.days.filter((d: { kind: string }) => d.kind === 'tet');
    expect(tet.map((d: { date: string }) => d.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(tet[1]).toMatchObject({ name: 'Tết Nguyên đán (mùng 1 tháng Giêng)', origin: 'official', source: expect.stringContaining('9441/TB-BNV') });
    expect(body.workingSaturdays).toEqual(['2026-01-10', '2026-08-22']);
    // A weekend holiday is listed too: Giỗ Tổ on Sunday 26/04/2026, compensated on Monday 27/04.
    expect(body.days.find((d: { date: string }) => d.date === '2026-04-26')).toMatchObject({ kind: 'holiday', origin: 'rule' });
    expect(body.days.find((d: { date: string }) => d.date === '2026-04-27')).toMatchObject({ kind: 'compensatory' });
  });

  it('answers for 1900 and 2199, with the basis of each rule', async () => {
    const y1900 = await get('/api/v1/calendar/holidays?year=1900');
    expect(y1900.statusCode).toBe(200);
    expect(y1900.json().days[0]).toMatchObject({ date: '1900-01-01', name: 'Tết Dương lịch' });
    expect(y1900.json().basis.every((b: { verified: boolean }) => b.verified === false)).toBe(true);
    const y2199 = await get('/api/v1/calendar/holidays?year=2199');
    expect(y2199.statusCode).toBe(200);
    expect(y2199.json().origin).toBe('rules');
    expect(y2199.json().days.filter((d: { kind: string }) => d.kind === 'tet')).toHaveLength(5);
  });

  it('refuses 1899, 2200 and a year that is not a number', async () => {
    await expect400(await get('/api/v1/calendar/holidays?year=1899'), 'year');
    await expect400(await get('/api/v1/calendar/holidays?year=2200'), 'year');
    await expect400(await get('/api/v1/calendar/holidays?year=hai-nghin'), 'year');
  });
});

describe('GET /api/v1/calendar/due (no login)', () => {
  it('received Monday 09:00 with 5 working days → the next Monday 09:00, rendered at +07:00', async () => {
    const res = await due({ from: '2026-03-02T09:00:00+07:00', amount: '5', unit: 'working_days' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ from: '2026-03-02T09:00:00+07:00', due: '2026-03-09T09:00:00+07:00', agency: null });
    // The same instant written in UTC gives the same answer.
    expect((await due({ from: '2026-03-02T02:00:00Z', amount: '5', unit: 'working_days' })).json().due).toBe('2026-03-09T09:00:00+07:00');
  });

  it('accepts an unencoded "+" of the offset (read as a space in a query string)', async () => {
    const res = await get('/api/v1/calendar/due?from=2026-03-02T09:00:00+07:00&amount=5&unit=working_days');
    expect(res.statusCode).toBe(200);
    expect(res.json().due).toBe('2026-03-09T09:00:00+07:00');
  });

  it('skips Tết 2026 and counts a Saturday worked', async () => {
    // Friday 13/02/2026 09:00 + 1 working day: the break runs 14–22/02, so Monday 23/02 09:00.
    expect((await due({ from: '2026-02-13T09:00:00+07:00', amount: '1', unit: 'working_days' })).json().due).toBe('2026-02-23T09:00:00+07:00');
    // Friday 09/01/2026 09:00 + 1 working day → Saturday 10/01, worked in exchange for 02/01.
    expect((await due({ from: '2026-01-09T09:00:00+07:00', amount: '1', unit: 'working_days' })).json().due).toBe('2026-01-10T09:00:00+07:00');
  });

  it('working hours, calendar days and a cut-off', async () => {
    expect((await due({ from: '2026-03-02T16:00:00+07:00', amount: '2', unit: 'working_hours' })).json().due).toBe('2026-03-03T08:00:00+07:00');
    // 10 calendar days from Monday 02/03 → Thursday 12/03, end of office hours.
    expect((await due({ from: '2026-03-02T09:00:00+07:00', amount: '10', unit: 'calendar_days' })).json().due).toBe('2026-03-12T17:00:00+07:00');
    const late = await due({ from: '2026-03-02T15:30:00+07:00', amount: '0', unit: 'working_days', cutoff: '15:00' });
    expect(late.json()).toMatchObject({ due: '2026-03-03T07:00:00+07:00', cutoff: '15:00' });
  });

  it('answers at both ends of the range', async () => {
    expect((await due({ from: '1900-01-02T09:00:00+07:00', amount: '1', unit: 'working_days' })).statusCode).toBe(200);
    expect((await due({ from: '2199-12-02T09:00:00+07:00', amount: '5', unit: 'working_days' })).json().due).toBe('2199-12-09T09:00:00+07:00');
  });

  it('refuses bad input with 400 naming the field, never 500', async () => {
    await expect400(await due({ from: '2026-02-30T09:00:00+07:00', amount: '5', unit: 'working_days' }), 'from');
    await expect400(await due({ from: '2026-03-02T09:00:00', amount: '5', unit: 'working_days' }), 'from');
    await expect400(await due({ from: 'hôm nay', amount: '5', unit: 'working_days' }), 'from');
    await expect400(await due({ from: '2200-01-01T09:00:00+07:00', amount: '5', unit: 'working_days' }), 'from');
    await expect400(await due({ from: '1899-12-31T09:00:00+07:00', amount: '5', unit: 'working_days' }), 'from');
    await expect400(await due({ from: '2026-03-02T09:00:00+07:00', amount: '-1', unit: 'working_days' }), 'amount');
    await expect400(await due({ from: '2026-03-02T09:00:00+07:00', amount: 'năm', unit: 'working_days' }), 'amount');
    await expect400(await due({ from: '2026-03-02T09:00:00+07:00', amount: '1.5', unit: 'calendar_days' }), 'amount');
    await expect400(await due({ from: '2026-03-02T09:00:00+07:00', amount: '5', unit: 'weeks' }), 'unit');
    await expect400(await due({ from: '2026-03-02T09:00:00+07:00', amount: '5', unit: 'working_days', cutoff: '25:00' }), 'cutoff');
    await expect400(await due({ from: '2026-03-02T09:00:00+07:00', amount: '5', unit: 'working_days', agency: 'khong-co' }), 'agency');
    // Past the end of the calendar: 400, not 500.
    await expect400(await due({ from: '2199-12-30T09:00:00+07:00', amount: '30', unit: 'working_days' }), 'amount');
  });
});

describe('GET /api/v1/calendar/month and /year (no login)', () => {
  it('each day of February 2026 with its lunar date, whether it is worked, and why', async () => {
    const res = await get('/api/v1/calendar/month?year=2026&month=2');
    expect(res.statusCode).toBe(200);
    const days = res.json().days as Array<{ date: string; working: boolean; status: string; reason: string; lunar: { day: number; month: number } }>;
    expect(days).toHaveLength(28);
    const byDate = new Map(days.map((d) => [d.date, d]));
    expect(byDate.get('2026-02-17')).toMatchObject({ working: false, status: 'tet', lunar: { day: 1, month: 1 } });
    expect(byDate.get('2026-02-14')).toMatchObject({ working: false, status: 'weekend', reason: 'Nghỉ hằng tuần' });
    expect(byDate.get('2026-02-23')).toMatchObject({ working: true, status: 'working' });
    const jan = await get('/api/v1/calendar/month?year=2026&month=1');
    expect(jan.json().days.find((d: { date: string }) => d.date === '2026-01-10')).toMatchObject({ working: true, status: 'working_weekend' });
  });

  it('a whole year in one answer; a bad month is refused', async () => {
    const res = await get('/api/v1/calendar/year?year=2024');
    expect(res.statusCode).toBe(200);
    expect(res.json().days).toHaveLength(366);
    await expect400(await get('/api/v1/calendar/month?year=2026&month=13'), 'month');
  });
});

describe('holiday schedule overrides (admin)', () => {
  const year2027 = (expectedVersion: number, extra: object[] = []) => ({
    expectedVersion,
    note: 'Theo thông báo của UBND tỉnh',
    blocks: [
      {
        replaces: [],
        source: 'Quyết định 99/QĐ-UBND ngày 01/3/2027 của UBND tỉnh (giả định cho kiểm thử)',
        verified: true,
        days: [{ date: '2027-03-10', name: 'Ngày hội văn hóa của tỉnh', kind: 'holiday' }, ...extra],
      },
    ],
  });

  it('a non-admin is refused (403), and so is an anonymous caller (401)', async () => {
    expect((await put('/api/v1/calendar/schedules/2027', officer, year2027(0))).statusCode).toBe(403);
    expect((await get('/api/v1/calendar/schedules/2027', officer)).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'PUT', url: '/api/v1/calendar/schedules/2027', payload: year2027(0) })).statusCode).toBe(401);
    expect((await del('/api/v1/calendar/schedules/2027', officer)).statusCode).toBe(403);
  });

  it('shows the effective schedule of a year with its origin and the rules in force', async () => {
    const res = await get('/api/v1/calendar/schedules/2026', admin);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2026, origin: 'official', version: 0, override: null });
    expect(body.official.blocks.length).toBeGreaterThan(0);
    expect(body.rules.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['tet-nguyen-dan', 'quoc-khanh']));
    expect((await get('/api/v1/calendar/schedules/2200', admin)).statusCode).toBe(400);
  });

  it('an override changes /holidays and /due; a stale version is refused; reverting restores the rules', async () => {
    const before = await due({ from: '2027-03-09T09:00:00+07:00', amount: '2', unit: 'working_days' });
    expect(before.json().due).toBe('2027-03-11T09:00:00+07:00');

    const saved = await put('/api/v1/calendar/schedules/2027', admin, year2027(0));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ year: 2027, origin: 'override', version: 1, override: { note: 'Theo thông báo của UBND tỉnh' } });

    const holidays = (await get('/api/v1/calendar/holidays?year=2027')).json();
    expect(holidays.origin).toBe('override');
    expect(holidays.days.find((d: { date: string }) => d.date === '2027-03-10')).toMatchObject({
      name: 'Ngày hội văn hóa của tỉnh', kind: 'holiday', origin: 'override', source: expect.stringContaining('99/QĐ-UBND'),
    });
    // The other holidays of 2027 still follow the rules (replaces: []).
    expect(holidays.days.some((d: { kind: string }) => d.kind === 'tet')).toBe(true);
    expect((await due({ from: '2027-03-09T09:00:00+07:00', amount: '2', unit: 'working_days' })).json().due).toBe('2027-03-12T09:00:00+07:00');

    // A second edit from the same stale copy is refused, not silently overwritten.
    const stale = await put('/api/v1/calendar/schedules/2027', admin, year2027(0));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');

    const edited = await put('/api/v1/calendar/schedules/2027', admin, year2027(1, [{ date: '2027-03-11', name: 'Ngày hội văn hóa của tỉnh (ngày 2)', kind: 'holiday' }]));
    expect(edited.json().version).toBe(2);
    expect((await due({ from: '2027-03-09T09:00:00+07:00', amount: '2', unit: 'working_days' })).json().due).toBe('2027-03-15T09:00:00+07:00');

    expect((await del('/api/v1/calendar/schedules/2027?expectedVersion=1', admin)).statusCode).toBe(409);
    const reverted = await del('/api/v1/calendar/schedules/2027?expectedVersion=2', admin);
    expect(reverted.statusCode).toBe(200);
    expect(reverted.json()).toMatchObject({ origin: 'rules', override: null, version: 3, lastChange: { reverted: true } });
    expect((await due({ from: '2027-03-09T09:00:00+07:00', amount: '2', unit: 'working_days' })).json().due).toBe('2027-03-11T09:00:00+07:00');
    expect((await get('/api/v1/calendar/holidays?year=2027')).json().days.some((d: { date: string }) => d.date === '2027-03-10')).toBe(false);

    const audit = await get('/api/v1/audit?pageSize=50', admin);
    const types = audit.json().items.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'holiday_schedule_saved')).toHaveLength(2);
    expect(types).toContain('holiday_schedule_reverted');
  });

  it('an override can replace an official holiday: moving Quốc khánh 2026 drops the shipped swap', async () => {
    const res = await put('/api/v1/calendar/schedules/2026', admin, {
      expectedVersion: 0,
      blocks: [{
        replaces: ['quoc-khanh'], source: 'Văn bản điều chỉnh (giả định cho kiểm thử)', verified: false,
        days: [{ date: '2026-09-02', name: 'Quốc khánh (2/9)', kind: 'holiday' }, { date: '2026-09-03', name: 'Quốc khánh – ngày liền kề', kind: 'holiday' }],
      }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const h = (await get('/api/v1/calendar/holidays?year=2026')).json();
    expect(h.workingSaturdays).toEqual(['2026-01-10']);
    expect(h.days.some((d: { date: string }) => d.date === '2026-08-31')).toBe(false);
    // Tết still comes from the official schedule.
    expect(h.days.find((d: { date: string }) => d.date === '2026-02-17')).toMatchObject({ origin: 'official' });
    expect((await del('/api/v1/calendar/schedules/2026?expectedVersion=1', admin)).statusCode).toBe(200);
    expect((await get('/api/v1/calendar/holidays?year=2026')).json().workingSaturdays).toEqual(['2026-01-10', '2026-08-22']);
  });

  it('refuses dates far from the year, duplicates, nameless days, weekday "Saturdays" and unknown rule ids', async () => {
    const block = (b: object) => ({ expectedVersion: 0, blocks: [{ replaces: [], source: 'Văn bản thử nghiệm', days: [], ...b }] });
    const cases: Array<[object, string]> = [
      [block({ days: [{ date: '2030-03-10', name: 'Xa quá', kind: 'holiday' }] }), 'blocks.0.days.0.date'],
      [block({ days: [{ date: '2028-03-10', name: 'A', kind: 'holiday' }, { date: '2028-03-10', name: 'B', kind: 'holiday' }] }), 'blocks.0.days.1.date'],
      [block({ days: [{ date: '2028-03-10', name: '  ', kind: 'holiday' }] }), 'name'],
      [block({ days: [{ date: '2028-02-30', name: 'Không có ngày này', kind: 'holiday' }] }), 'date'],
      [block({ workingSaturdays: ['2028-03-08'] }), 'blocks.0.workingSaturdays.0'],
      [block({ days: [{ date: '2028-03-11', name: 'A', kind: 'swap' }], workingSaturdays: ['2028-03-11'] }), 'blocks.0.workingSaturdays.0'],
      [block({ replaces: ['khong-co'] }), 'blocks.0.replaces.0'],
      [block({ source: '' }), 'source'],
    ];
    for (const [payload, field] of cases) {
      const res = await put('/api/v1/calendar/schedules/2028', admin, payload);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
      expect(JSON.stringify(res.json().error.details)).toContain(field);
    }
    expect((await get('/api/v1/calendar/schedules/2028', admin)).json().version).toBe(0);
  });
});

describe('office hours per agency', () => {
  const hacThanh = 'ag-p-hac-thanh';
  const hacThanhCentre = '000.01.60.H56'; // Trung tâm Phục vụ hành chính công phường Hạc Thành, a child

  it('default hours, inherited by every agency that sets none', async () => {
    const res = await get(`/api/v1/agencies/${hacThanhCentre}/office-hours`, officer);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      own: null, isDefault: true, inheritedFrom: null,
      effective: { periods: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], cutoff: null },
    });
  });

  it('office hours set on a ward change /due for it and for its units, not for others', async () => {
    const view = (await get(`/api/v1/agencies/${hacThanh}/office-hours`, admin)).json();
    const refused = await put(`/api/v1/agencies/${hacThanh}/office-hours`, officer, { version: view.version, officeHours: null });
    expect(refused.statusCode).toBe(403);

    const res = await put(`/api/v1/agencies/${hacThanh}/office-hours`, admin, {
      version: view.version,
      officeHours: { periods: [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:30' }], cutoff: '16:00' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ own: { cutoff: '16:00' }, isDefault: false });

    const child = (await get(`/api/v1/agencies/${hacThanhCentre}/office-hours`, officer)).json();
    expect(child).toMatchObject({ own: null, inheritedFrom: { id: hacThanh }, effective: { cutoff: '16:00' } });

    // Monday 02/03/2026 at 07:15: before the ward opens; 1 working day of 8 h → the same day at 17:30.
    const forWard = await due({ from: '2026-03-02T07:15:00+07:00', amount: '1', unit: 'working_days', agency: hacThanhCentre });
    expect(forWard.json()).toMatchObject({ due: '2026-03-02T17:30:00+07:00', clockStart: '2026-03-02T07:30:00+07:00', agency: { code: hacThanhCentre } });
    // Received at 16:30, after the ward's cut-off: the clock starts the next morning.
    expect((await due({ from: '2026-03-02T16:30:00+07:00', amount: '0', unit: 'working_days', agency: hacThanh })).json().due).toBe('2026-03-03T07:30:00+07:00');
    // Elsewhere nothing changed: 07:15 is inside the default hours (from 07:00).
    expect((await due({ from: '2026-03-02T07:15:00+07:00', amount: '1', unit: 'working_days', agency: '000.00.20.H56' })).json().due).toBe('2026-03-03T07:15:00+07:00');

    // A stale version is refused; null brings the inherited hours back.
    expect((await put(`/api/v1/agencies/${hacThanh}/office-hours`, admin, { version: view.version, officeHours: null })).statusCode).toBe(409);
    const cleared = await put(`/api/v1/agencies/${hacThanh}/office-hours`, admin, { version: res.json().version, officeHours: null });
    expect(cleared.json()).toMatchObject({ own: null, isDefault: true });
    expect((await due({ from: '2026-03-02T07:15:00+07:00', amount: '1', unit: 'working_days', agency: hacThanhCentre })).json().due).toBe('2026-03-03T07:15:00+07:00');
  });

  it('a unit created later under an agency with office hours inherits them at once', async () => {
    const province = (await get('/api/v1/agencies/ag-so-tu-phap/office-hours', admin)).json();
    await put('/api/v1/agencies/ag-so-tu-phap/office-hours', admin, {
      version: province.version, officeHours: { periods: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] },
    });
    const created = await post('/api/v1/agencies', admin, {
      name: 'Phòng Hành chính tư pháp', code: '000.20.20.H56', parentId: 'ag-so-tu-phap', level: 'province', kind: 'division',
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await due({ from: '2026-03-02T07:15:00+07:00', amount: '0', unit: 'working_hours', agency: '000.20.20.H56' });
    expect(res.json().due).toBe('2026-03-02T08:00:00+07:00');
  });

  it('refuses overlapping or unordered periods and a cut-off outside the day', async () => {
    const view = (await get(`/api/v1/agencies/${hacThanh}/office-hours`, admin)).json();
    const bad = async (officeHours: object, field: string) => {
      const res = await put(`/api/v1/agencies/${hacThanh}/office-hours`, admin, { version: view.version, officeHours });
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().error.details)).toContain(field);
    };
    await bad({ periods: [{ start: '07:00', end: '12:00' }, { start: '11:00', end: '17:00' }] }, 'officeHours.periods.1.start');
    await bad({ periods: [{ start: '13:30', end: '17:00' }, { start: '07:00', end: '11:30' }] }, 'officeHours.periods.1.start');
    await bad({ periods: [{ start: '11:30', end: '07:00' }] }, 'officeHours.periods.0.end');
    await bad({ periods: [{ start: '7h', end: '11:30' }] }, 'officeHours.periods.0.start');
    await bad({ periods: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], cutoff: '18:00' }, 'officeHours.cutoff');
    await bad({ periods: [] }, 'officeHours.periods');
    expect((await put('/api/v1/agencies/khong-co/office-hours', admin, { version: 1, officeHours: null })).statusCode).toBe(404);
  });
});

describe('a promised due date never moves by itself (docs/calendar.md §3.3)', () => {
  it('changing the holidays after a due date was computed and stored leaves the stored value; only an explicit recomputation moves it', async () => {
    const agency = 'ag-x-hoang-hoa-tt';
    const received = new Date('2028-06-05T02:00:00Z'); // Monday 05/06/2028 09:00
    const oldCal = await getWorkCalendar(env.ctx, agency);
    const stored = { due: dueDate(received, 3, 'working_days', oldCal).toISOString(), fingerprint: oldCal.fingerprint };
    expect(stored.due).toBe('2028-06-08T02:00:00.000Z'); // Thursday 08/06 09:00

    const res = await put('/api/v1/calendar/schedules/2028', admin, {
      expectedVersion: 0,
      blocks: [{ replaces: [], source: 'Quyết định nghỉ đột xuất (giả định cho kiểm thử)', days: [{ date: '2028-06-06', name: 'Nghỉ đột xuất', kind: 'holiday' }] }],
    });
    expect(res.statusCode, res.body).toBe(200);

    const newCal = await getWorkCalendar(env.ctx, agency);
    expect(newCal.fingerprint).not.toBe(stored.fingerprint);
    // What was stored is untouched; the calendar object it came from still says the same.
    expect(stored.due).toBe('2028-06-08T02:00:00.000Z');
    expect(dueDate(received, 3, 'working_days', oldCal).toISOString()).toBe(stored.due);
    // A dossier received now gets the new calendar…
    expect(dueDate(received, 3, 'working_days', newCal).toISOString()).toBe('2028-06-09T02:00:00.000Z');
    // …and an officer who decides to move the promise gets the proposal, never an earlier date.
    expect(rebaseDueDate(received, new Date(stored.due), oldCal, newCal)).toEqual({ due: new Date('2028-06-09T02:00:00.000Z'), changed: true });
    expect((await del('/api/v1/calendar/schedules/2028', admin)).statusCode).toBe(200);
  });

  it('getWorkCalendar may be called inside another module’s transaction', async () => {
    const fingerprint = await env.ctx.db.transaction(async () => (await getWorkCalendar(env.ctx, 'ag-p-sam-son-tt')).fingerprint);
    expect(fingerprint).toBe((await getWorkCalendar(env.ctx, null)).fingerprint);
  });
});
