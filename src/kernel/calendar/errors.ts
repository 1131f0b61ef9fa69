/**
 * The one error type the calendar kernel throws for bad input.
 *
 * `code` is stable and meant for callers (the HTTP layer maps it to a JSON
 * error): OUT_OF_RANGE for dates outside what the kernel supports (lunar
 * conversion and holiday rules 1900–2199, a WorkCalendar's own year
 * range), INVALID_INPUT for malformed values (no such date, negative or NaN
 * amounts, bad 'HH:mm', an unknown unit).
 */

export type CalendarErrorCode = 'OUT_OF_RANGE' | 'INVALID_INPUT';

export class CalendarRangeError extends RangeError {
  readonly code: CalendarErrorCode;

  constructor(code: CalendarErrorCode, message: string) {
    super(message);
    this.name = 'CalendarRangeError';
    this.code = code;
  }
}
