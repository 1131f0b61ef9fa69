/**
 * Business calendar kernel (lịch làm việc): Vietnamese lunar calendar,
 * public holidays and official schedules, working time and due dates.
 * Pure functions and immutable data; no I/O, no clock, no host time zone.
 * See docs/calendar.md.
 */

export { CalendarRangeError, type CalendarErrorCode } from './errors.ts';
export {
  DAY_MS, VN_OFFSET_MS, type SolarDate, daysInMonth, epochDayFromIso, epochDayFromSolar, formatVn, isLeapYear,
  isValidSolarDate, isoFromEpochDay, isoFromSolar, isoWeekday, parseIsoDate, parseTimeOfDay, solarFromEpochDay,
  utcMsFromVn, vnEpochDay, vnInstant, vnMsOfDay,
} from './civil.ts';
export {
  LUNAR_MAX_YEAR, LUNAR_MIN_YEAR, type LunarDate, type LunarMonth, leapMonthOf, lunarDayLabel, lunarFromEpochDay,
  lunarMonthOfEpochDay, lunarToEpochDay, lunarToSolar, lunarYearMonths, lunarYearName, solarToLunar, tetDate,
} from './lunar.ts';
export {
  COMPENSATION_FROM, COMPENSATORY_BASIS, type DayPart, FIVE_DAY_WEEK_FROM, HOLIDAY_MAX_YEAR, HOLIDAY_MIN_YEAR,
  HOLIDAY_RULES, type HolidayBasis, type HolidayData, type HolidayDay, type HolidayDayKind, type HolidayRule,
  type HolidayYear, type ScheduleBlock, type ScheduledDay, type YearSchedule, holidaysForYear, isPublicServantRestDay,
} from './holidays.ts';
export { OFFICIAL_SCHEDULES } from './schedules.ts';
export {
  DEFAULT_OFFICE_PERIODS, DEFAULT_WORK_WEEK, SIX_DAY_WORK_WEEK, type DayInfo, type DueDateOptions, type DurationUnit, type Instant,
  type OfficePeriod, WorkCalendar, type WorkCalendarConfig, addWorkingTime, clockStart, createWorkCalendar,
  describeDay, dueDate, dueDateMs, isWorkingDay, nextWorkingDay, rebaseDueDate, resumeDue, workingTimeBetween,
} from './worktime.ts';
export { type DueDateBenchResult, benchDueDates } from './bench.ts';
