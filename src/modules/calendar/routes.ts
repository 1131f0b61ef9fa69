import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { zDate } from '../../http/zod-vi.ts';
import { requireAnyRole, requireUser } from '../auth/access.ts';
import {
  DAY_KINDS, DURATION_UNITS, calendarDays, computeDue, holidaysOf, lunarOf, officeHoursView, refreshCalendarData,
  revertSchedule, saveOfficeHours, saveSchedule, scheduleView,
} from './service.ts';

const tags = ['Lịch làm việc'];
const origin = z.enum(['override', 'official', 'rule']);
const zPeriod = z.object({ start: z.string(), end: z.string() });
const zLunar = z.object({
  day: z.number(),
  month: z.number(),
  year: z.number(),
  leap: z.boolean().describe('Tháng nhuận'),
  yearName: z.string().describe('Năm can chi, ví dụ Bính Ngọ'),
  label: z.string().describe('Ví dụ: mùng 1 tháng Giêng'),
});
const zHoliday = z.object({
  date: z.string(),
  name: z.string(),
  kind: z.enum(DAY_KINDS).describe('holiday: ngày lễ; tet: Tết Nguyên đán; compensatory: nghỉ bù; swap: nghỉ hoán đổi'),
  origin: origin.describe('override: quản trị viên sửa; official: lịch chính thức; rule: theo quy định'),
  source: z.string().describe('Căn cứ: văn bản, điều luật'),
  part: z.literal('afternoon').optional().describe('Chỉ nghỉ buổi chiều'),
  ruleId: z.string().optional(),
  holidayYear: z.number().optional().describe('Ngày thuộc lịch nghỉ của năm liền kề'),
});
const zBasis = z.object({
  year: z.number(),
  ruleIds: z.union([z.literal('all'), z.array(z.string())]),
  origin,
  source: z.string(),
  verified: z.boolean(),
  note: z.string().optional(),
});
const zOfficeHours = z.object({ periods: z.array(zPeriod), cutoff: z.string().nullable() });
const zAgencyRef = z.object({ id: z.string(), code: z.string(), name: z.string() });
const zDay = z.object({
  date: z.string(),
  weekday: z.number().describe('1 = thứ Hai … 7 = Chủ nhật'),
  lunar: zLunar,
  working: z.boolean(),
  periods: z.array(zPeriod),
  status: z.enum(['working', 'weekend', 'holiday', 'tet', 'compensatory', 'swap', 'working_weekend', 'half_day']),
  reason: z.string(),
  holiday: zHoliday.optional(),
});
const zDays = z.object({
  year: z.number(),
  month: z.number().optional(),
  agency: zAgencyRef.nullable(),
  officeHours: zOfficeHours,
  lunarYearName: z.string(),
  origin: z.enum(['override', 'official', 'rules']),
  days: z.array(zDay),
  basis: z.array(zBasis),
  workingDays: z.number(),
});
const zScheduledDay = z.object({
  date: zDate,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(DAY_KINDS),
  part: z.literal('afternoon').optional(),
});
const zBlockOut = z.object({
  replaces: z.union([z.literal('all'), z.array(z.string())]),
  days: z.array(z.object({ date: z.string(), name: z.string(), kind: z.enum(DAY_KINDS), part: z.literal('afternoon').optional() })),
  workingSaturdays: z.array(z.string()).optional(),
  source: z.string(),
  verified: z.boolean(),
  note: z.string().optional(),
});
const zBlockIn = z.object({
  replaces: z
    .union([z.literal('all'), z.array(z.string().max(60)).max(30)])
    .describe("'all': cả năm đúng như khối này; hoặc mã các ngày lễ được thay (tet-nguyen-dan, quoc-khanh, ...)"),
  days: z.array(zScheduledDay).max(120),
  workingSaturdays: z.array(zDate).max(30).optional().describe('Thứ Bảy (Chủ nhật) làm bù'),
  source: z.string().trim().min(3).max(2000).describe('Văn bản căn cứ: số, ngày, cơ quan ban hành'),
  verified: z.boolean().optional().describe('Đã đối chiếu với văn bản gốc'),
  note: z.string().max(2000).nullish(),
});
const zSchedule = z.object({
  year: z.number(),
  lunarYearName: z.string(),
  origin: z.enum(['override', 'official', 'rules']),
  version: z.number().describe('Gửi lại làm expectedVersion khi sửa hoặc khôi phục'),
  override: z.object({ blocks: z.array(zBlockOut), note: z.string().nullable() }).nullable(),
  lastChange: z.object({ version: z.number(), at: z.string(), by: z.string().nullable(), reverted: z.boolean() }).nullable(),
  official: z.object({ blocks: z.array(zBlockOut) }).nullable(),
  effective: z.object({ days: z.array(zHoliday), workingSaturdays: z.array(z.string()), basis: z.array(zBasis) }),
  rules: z.array(z.object({ id: z.string(), name: z.string(), legalBasis: z.string(), verified: z.boolean(), note: z.string().optional() })),
});
const zOfficeHoursView = z.object({
  agency: zAgencyRef,
  version: z.number().describe('Phiên bản của cơ quan (gửi lại khi sửa)'),
  own: zOfficeHours.nullable().describe('Giờ làm việc riêng; null: theo cơ quan cấp trên hoặc mặc định'),
  effective: zOfficeHours,
  inheritedFrom: zAgencyRef.nullable(),
  isDefault: z.boolean(),
  defaults: zOfficeHours,
});
const zYearParam = z.object({ year: z.string().regex(/^\d{1,4}$/, 'Năm phải là số, ví dụ 2026.') });
const yearOf = (s: string) => Number(s);
const zAgencyQuery = z.string().trim().min(1).max(100).optional().describe('Mã định danh điện tử hoặc id của cơ quan');

/**
 * The calendar routes. Registered without encapsulation (like fastify-plugin)
 * so that its onSend hook also sees the agency routes: after an agency is
 * created, moved or edited, the calendar snapshot is refreshed (see service.ts).
 */
export const calendarRoutes = (ctx: AppContext): FastifyPluginAsync => {
  const plugin: FastifyPluginAsync = async (app) => {
    // Read the data once now, outside any request, so that later calls need no query on PGlite.
    await refreshCalendarData(ctx).catch((err: unknown) => app.log.warn({ err }, 'calendar data not loaded yet'));
    app.addHook('onSend', async (req, reply, payload) => {
      const path = req.url.split('?')[0];
      if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400 && /^\/api\/v1\/agencies(\/|$)/.test(path)) {
        await refreshCalendarData(ctx).catch((err: unknown) => req.log.error({ err }, 'calendar data refresh failed'));
      }
      return payload;
    });

    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/calendar/lunar',
      {
        schema: {
          tags,
          summary: 'Đổi ngày dương lịch sang âm lịch (1900–2199)',
          querystring: z.object({ date: z.string().max(40).describe('YYYY-MM-DD') }),
          response: { 200: z.object({ date: z.string(), weekday: z.number(), lunar: zLunar }) },
        },
      },
      async (req) => lunarOf(req.query.date),
    );

    r.get(
      '/calendar/holidays',
      {
        schema: {
          tags,
          summary: 'Ngày nghỉ lễ, Tết và ngày làm bù của cán bộ, công chức trong một năm (1900–2199)',
          querystring: z.object({ year: z.string().max(10) }),
          response: {
            200: z.object({
              year: z.number(),
              origin: z.enum(['override', 'official', 'rules']),
              lunarYearName: z.string(),
              days: z.array(zHoliday),
              workingSaturdays: z.array(z.string()),
              basis: z.array(zBasis),
            }),
          },
        },
      },
      async (req) => holidaysOf(ctx, parseYear(req.query.year)),
    );

    r.get(
      '/calendar/due',
      {
        schema: {
          tags,
          summary: 'Tính ngày hẹn trả kết quả',
          description:
            'Thời điểm tiếp nhận (ISO 8601 có múi giờ) + thời hạn → ngày giờ hẹn trả, theo lịch nghỉ và giờ làm việc của cơ quan. ' +
            'Ví dụ: tiếp nhận thứ Hai 09:00, 5 ngày làm việc → 09:00 thứ Hai tuần sau.',
          querystring: z.object({
            from: z.string().max(60).describe('Ví dụ 2026-03-02T09:00:00+07:00'),
            amount: z.string().max(20),
            unit: z.string().max(20).describe(DURATION_UNITS.join(' | ')),
            agency: zAgencyQuery,
            cutoff: z.string().max(10).optional().describe('Giờ chốt HH:mm; mặc định theo cơ quan'),
          }),
          response: {
            200: z.object({
              from: z.string(),
              due: z.string(),
              clockStart: z.string().describe('Thời điểm bắt đầu tính thời hạn'),
              amount: z.number(),
              unit: z.enum(DURATION_UNITS),
              cutoff: z.string().nullable(),
              agency: zAgencyRef.nullable(),
              officeHours: zOfficeHours,
              workingDayHours: z.number(),
              calendarFingerprint: z.string(),
            }),
          },
        },
      },
      async (req) =>
        computeDue(ctx, {
          from: req.query.from,
          amount: req.query.amount,
          unit: req.query.unit as (typeof DURATION_UNITS)[number],
          ...(req.query.agency ? { agency: req.query.agency } : {}),
          ...(req.query.cutoff !== undefined ? { cutoff: req.query.cutoff } : {}),
        }),
    );

    r.get(
      '/calendar/month',
      {
        schema: {
          tags,
          summary: 'Các ngày của một tháng: âm lịch, làm việc hay nghỉ và lý do',
          querystring: z.object({ year: z.string().max(10), month: z.string().max(4), agency: zAgencyQuery }),
          response: { 200: zDays },
        },
      },
      async (req) => calendarDays(ctx, { year: parseYear(req.query.year), month: parseMonth(req.query.month), agency: req.query.agency }),
    );

    r.get(
      '/calendar/year',
      {
        schema: {
          tags,
          summary: 'Các ngày của cả năm: âm lịch, làm việc hay nghỉ và lý do',
          querystring: z.object({ year: z.string().max(10), agency: zAgencyQuery }),
          response: { 200: zDays },
        },
      },
      async (req) => calendarDays(ctx, { year: parseYear(req.query.year), agency: req.query.agency }),
    );

    r.get(
      '/calendar/schedules/:year',
      {
        schema: {
          tags,
          summary: 'Lịch nghỉ của một năm và nguồn gốc (quản trị viên sửa, lịch chính thức hay theo quy định)',
          params: zYearParam,
          response: { 200: zSchedule },
        },
      },
      async (req) => {
        requireAnyRole(req, ['admin']);
        return scheduleView(ctx, yearOf(req.params.year));
      },
    );

    r.put(
      '/calendar/schedules/:year',
      {
        schema: {
          tags,
          summary: 'Sửa lịch nghỉ của một năm (ưu tiên hơn lịch chính thức và quy định)',
          params: zYearParam,
          body: z.object({
            expectedVersion: z.number().int().min(0).describe('version đã đọc (0 nếu năm chưa từng được sửa)'),
            blocks: z.array(zBlockIn).min(1).max(20),
            note: z.string().max(2000).nullish(),
          }),
          response: { 200: zSchedule },
        },
      },
      async (req) => saveSchedule(ctx, requireAnyRole(req, ['admin']), yearOf(req.params.year), req.body, req.ip ?? null),
    );

    r.delete(
      '/calendar/schedules/:year',
      {
        schema: {
          tags,
          summary: 'Bỏ lịch đã sửa, trở về lịch chính thức hoặc theo quy định',
          params: zYearParam,
          querystring: z.object({ expectedVersion: z.string().regex(/^\d{1,9}$/, 'Phải là số nguyên không âm.').optional() }),
          response: { 200: zSchedule },
        },
      },
      async (req) =>
        revertSchedule(
          ctx,
          requireAnyRole(req, ['admin']),
          yearOf(req.params.year),
          req.query.expectedVersion === undefined ? undefined : Number(req.query.expectedVersion),
          req.ip ?? null,
        ),
    );

    r.get(
      '/agencies/:id/office-hours',
      {
        schema: {
          tags,
          summary: 'Giờ làm việc của cơ quan (riêng, kế thừa từ cấp trên hoặc mặc định)',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: zOfficeHoursView },
        },
      },
      async (req) => {
        requireUser(req);
        return officeHoursView(ctx, req.params.id);
      },
    );

    r.put(
      '/agencies/:id/office-hours',
      {
        schema: {
          tags,
          summary: 'Đặt giờ làm việc riêng của cơ quan (null: theo cơ quan cấp trên)',
          params: z.object({ id: z.string().max(100) }),
          body: z.object({
            version: z.number().int().min(1),
            officeHours: z
              .object({
                periods: z.array(z.object({ start: z.string().max(5), end: z.string().max(5) })).max(6),
                cutoff: z.string().max(5).nullish().describe('Giờ chốt HH:mm: hồ sơ nhận sau giờ này tính từ ngày làm việc tiếp theo'),
              })
              .nullable(),
          }),
          response: { 200: zOfficeHoursView },
        },
      },
      async (req) => saveOfficeHours(ctx, requireAnyRole(req, ['admin']), req.params.id, req.body, req.ip ?? null),
    );
  };
  // Same as fastify-plugin: no encapsulation (the onSend hook above must see the agency routes).
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
};

function parseYear(value: string): number {
  const text = value.trim();
  return /^-?\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
}

function parseMonth(value: string): number {
  const text = value.trim();
  return /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
}
