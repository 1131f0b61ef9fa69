// Temporary bridge until src/modules/calendar/service.ts lands.
import type { AppContext } from '../../context.ts';
import { createWorkCalendar, type WorkCalendar } from '../../kernel/calendar/index.ts';

let cached: WorkCalendar | null = null;
export async function getWorkCalendar(_ctx: AppContext, _agencyId: string | null): Promise<WorkCalendar> {
  cached ??= createWorkCalendar({ fromYear: 2000, toYear: 2100 });
  return cached;
}
