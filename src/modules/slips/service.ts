/**
 * Printed slips of a dossier (phiếu, giấy tờ in): the official forms as PDF,
 * for whoever may read the dossier.
 */
import type { AppContext } from '../../context.ts';
import { AppError, errors } from '../../http/errors.ts';
import type { Principal } from '../auth/access.ts';
import * as dossierRepo from '../dossiers/repo.ts';
import { maySee } from '../dossiers/service.ts';
import { FORMS, SLIP_FORMS, type SlipForm, type SlipModel } from './forms.ts';
import { lookupUrl } from './format.ts';
import { SlipWriter } from './pdf.ts';
import * as repo from './repo.ts';

export { SLIP_FORMS, type SlipForm };

export interface Slip {
  filename: string;
  body: Buffer;
}

const isForm = (f: string): f is SlipForm => (SLIP_FORMS as readonly string[]).includes(f);

/**
 * Renders one form for a dossier. Unknown form → 404 UNKNOWN_SLIP; a dossier
 * the person may not read → 404; a form that does not apply to the dossier's
 * state → 409 SLIP_NOT_AVAILABLE.
 */
export async function renderSlip(ctx: AppContext, p: Principal, idOrCode: string, form: string, base: string): Promise<Slip> {
  if (!isForm(form)) {
    throw new AppError(404, 'UNKNOWN_SLIP', `Không có mẫu phiếu "${form}". Các mẫu: ${SLIP_FORMS.join(', ')}.`, { forms: [...SLIP_FORMS] });
  }
  const spec = FORMS[form];
  const model = await ctx.db.transaction(async (tx): Promise<SlipModel> => {
    const d = await dossierRepo.findDossier(tx, idOrCode);
    if (!d || !(await maySee(tx, p, d))) throw errors.notFound('Không tìm thấy hồ sơ.');
    const events = await dossierRepo.listEvents(tx, d.id);
    const why = spec.unavailable(d, events);
    if (why) throw new AppError(409, 'SLIP_NOT_AVAILABLE', why, { form, status: d.status });
    const agencyIds = [d.agency_id, d.reception_agency_id, d.current_agency_id, ...d.involved_agencies];
    for (const e of events) {
      if (e.agency_id) agencyIds.push(e.agency_id);
      const out = e.data.stepOutcome as { agencyId?: unknown } | undefined;
      if (typeof out?.agencyId === 'string') agencyIds.push(out.agencyId);
    }
    return {
      d,
      events,
      agencies: await repo.agenciesWithAncestors(tx, agencyIds),
      contacts: await repo.contacts(tx, events.map((e) => e.actor_id).filter((x): x is string => !!x)),
      lookupUrl: d.code ? lookupUrl(base, d.code) : null,
    };
  });
  const { d } = model;
  const w = new SlipWriter({
    title: `${spec.name}${d.code ? ` – ${d.code}` : ''}`,
    subject: `Mẫu số ${spec.number}: ${spec.name}`,
    author: model.agencies.get(d.reception_agency_id)?.name ?? 'motcua',
  });
  spec.render(w, model);
  return { filename: `${d.code ?? d.id}_${form}.pdf`, body: await w.finish({ pageNumbers: spec.pageNumbers }) };
}
