/** The working calendar of the agency a dossier belongs to (office hours, holidays, official schedules). */
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import type { WorkCalendar } from '../../kernel/calendar/index.ts';
import { getWorkCalendar as calendarOfAgency } from '../calendar/service.ts';

/** Inside a transaction, pass it: on PGlite a query outside the open transaction would wait for it forever. */
export function getWorkCalendar(ctx: AppContext, agencyId: string | null, tx?: Tx): Promise<WorkCalendar> {
  return calendarOfAgency(ctx, agencyId, tx ? { tx } : {});
}
