/**
 * What the dossier engine tells citizens and officers: called in the same
 * transaction as every action taken by a person (not for demo data or
 * imports), so a notification is queued exactly when the action commits,
 * and never twice for one action.
 *
 * Citizens get an e-mail (when an address is known) and a text message for
 * the receipt, a supplement request, an apology with a new date, a result
 * ready to collect, a refusal, a stop and a payment request. Officers get
 * in-app alerts of what citizens did: an online submission, a supplement,
 * and a dossier assigned to them.
 */
import type { SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import type { DossierRow } from '../dossiers/repo.ts';
import { agencyTree } from '../calendar/service.ts';
import { localityOf } from '../slips/format.ts';
import { getSetting } from '../system/settings.ts';
import * as repo from './repo.ts';
import { renderEmail, renderSms, type Notice, type NoticeContext } from './templates.ts';

export interface DossierEventInfo {
  action: string;
  seq: number;
  at: Date;
  data: Record<string, unknown>;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const date = (v: unknown): Date | null => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);

/** The notice an action gives the citizen, if any. */
function noticeFor(d: DossierRow, e: DossierEventInfo): Notice | null {
  const x = e.data;
  switch (e.action) {
    case 'create':
    case 'accept':
      return d.code ? { template: 'receipt' } : null;
    case 'request_supplement': {
      const items = Array.isArray(x.items)
        ? (x.items as { name?: unknown; reason?: unknown }[]).map((i) => ({ name: text(i?.name) ?? '', reason: text(i?.reason) })).filter((i) => i.name)
        : [];
      return { template: 'supplement', items, reason: text(x.reason), stage: x.stage === 'reception' ? 'reception' : 'processing' };
    }
    case 'reschedule': {
      const newDueAt = date(x.newDueAt);
      return newDueAt ? { template: 'apology', previousDueAt: date(x.previousDueAt), newDueAt, reason: text(x.reason) ?? '' } : null;
    }
    case 'complete': {
      const r = (x.result ?? {}) as Record<string, unknown>;
      return { template: 'result', number: text(r.number), signedOn: text(r.signedOn) };
    }
    case 'refuse':
      return { template: 'refusal', reason: text(x.reason) ?? '' };
    case 'stop':
      return { template: 'stop', reason: text(x.reason) ?? '' };
    case 'request_payment':
      return typeof x.amount === 'number' ? { template: 'payment', amount: x.amount, description: text(x.description) ?? '' } : null;
    default:
      return null;
  }
}

/** "Tỉnh Thanh Hóa" → "tỉnh Thanh Hóa" inside a sentence. */
function inSentence(name: string): string {
  return /^(Tỉnh|Thành phố) /.test(name) ? name.charAt(0).toLocaleLowerCase('vi') + name.slice(1) : name;
}

/** "Sở Xây dựng" under "Ủy ban nhân dân tỉnh Thanh Hóa" → "Sở Xây dựng tỉnh Thanh Hóa"; a name that already says where stays. */
function withLocality(name: string, parentName: string | null): string {
  const loc = parentName ? localityOf(parentName) : null;
  if (!loc || localityOf(name) || name.toLocaleLowerCase('vi').includes(loc.place.toLocaleLowerCase('vi'))) return name;
  return `${name} ${loc.locality}`;
}

/** Where a notice speaks from: the province, the reception unit and the issuing agency. */
interface NoticeWhere {
  province: string | null;
  reception: { name: string; settings: Record<string, unknown> } | null;
  issuing: { name: string; parentName: string | null } | null;
}

function contextOf(ctx: AppContext, d: DossierRow, w: NoticeWhere): NoticeContext {
  const province = w.province;
  const reception = w.reception;
  const issuing = w.issuing;
  const s = reception?.settings ?? {};
  return {
    siteName: `Hệ thống thông tin giải quyết thủ tục hành chính${province ? ` ${inSentence(province)}` : ''}`,
    reception: {
      name: reception?.name ?? 'Bộ phận Một cửa',
      address: text(s.address) ?? text(s.place),
      phone: text(s.phone) ?? text(s.hotline),
    },
    agencyName: issuing ? withLocality(issuing.name, issuing.parentName) : (reception?.name ?? 'Cơ quan giải quyết'),
    applicantName: d.applicant.fullName,
    code: d.code,
    procedureName: d.procedure_name,
    channel: d.channel,
    submittedAt: d.submitted_at,
    receivedAt: d.received_at,
    dueAt: d.rescheduled_due_at ?? d.due_at,
    publicUrl: ctx.config.publicUrl,
  };
}

const EMAIL_RE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** Actions that may give the citizen a notice (see noticeFor). */
const NOTICE_ACTIONS = new Set(['create', 'accept', 'request_supplement', 'reschedule', 'complete', 'refuse', 'stop', 'request_payment']);

/** The citizen's messages for an event (e-mail when an address is known, and a text message). */
function messagesForCitizen(ctx: AppContext, d: DossierRow, e: DossierEventInfo, w: NoticeWhere, ownerEmail: string | null): repo.NewMessage[] {
  const notice = noticeFor(d, e);
  if (!notice) return [];
  const c = contextOf(ctx, d, w);
  const email = text(d.applicant.email) ?? text(ownerEmail);
  const base = { template: notice.template, dossierId: d.id, eventSeq: e.seq, at: e.at };
  const out: repo.NewMessage[] = [];
  if (email && EMAIL_RE.test(email) && email.length <= 320) {
    const m = renderEmail(c, notice);
    out.push({ ...base, channel: 'email', recipient: email.toLowerCase(), subject: m.subject, body: m.text, html: m.html });
  }
  const phone = (d.applicant.phone ?? '').replace(/[^\d+]/g, '');
  if (phone.replace(/\D/g, '').length >= 9) {
    out.push({ ...base, channel: 'sms', recipient: phone, subject: null, body: renderSms(c, notice), html: null });
  }
  return out;
}

/** Roles that hold a dossier at its current step (for "a supplement arrived"). */
function rolesAtStep(d: DossierRow): string[] {
  const step = d.current_step && d.workflow ? d.workflow.steps.find((s) => s.id === d.current_step) : null;
  if (step) return [step.role];
  return d.status === 1 ? ['reception'] : ['specialist', 'head'];
}

async function alertOfficers(tx: Tx, d: DossierRow, e: DossierEventInfo): Promise<void> {
  let kind: 'submitted' | 'supplement_received' | 'assigned';
  let users: string[];
  switch (e.action) {
    case 'submit':
      kind = 'submitted';
      users = await repo.officersAt(tx, d.reception_agency_id, ['reception']);
      break;
    case 'submit_supplement':
      kind = 'supplement_received';
      users = d.assignee_id ? [d.assignee_id] : await repo.officersAt(tx, d.current_agency_id, rolesAtStep(d));
      break;
    case 'assign':
    case 'forward':
      if (!d.assignee_id || !e.data.assignee) return;
      kind = 'assigned';
      users = [d.assignee_id];
      break;
    default:
      return;
  }
  // Nobody is told what they did themselves.
  const actor = await repo.eventActor(tx, d.id, e.seq);
  await repo.raiseAlerts(tx, users.filter((u) => u !== actor), d.id, kind, e.at);
}

/** The province's name (setting), read at most once a second per process. */
const provinceNames = new WeakMap<AppContext, { value: string | null; at: number }>();

async function provinceName(tx: Tx, ctx: AppContext): Promise<string | null> {
  const hit = provinceNames.get(ctx);
  if (hit && Date.now() - hit.at < 1000) return hit.value;
  const v = await getSetting<unknown>(tx, 'province_name');
  const value = typeof v === 'string' ? v : null;
  provinceNames.set(ctx, { value, at: Date.now() });
  return value;
}

/** Where a notice speaks from, read from the agency tree of the calendar snapshot (ADR 0004). */
async function noticeWhere(tx: Tx, ctx: AppContext, d: DossierRow): Promise<NoticeWhere> {
  const tree = await agencyTree(ctx, { tx, known: [d.reception_agency_id, d.agency_id] });
  const reception = tree.get(d.reception_agency_id);
  const chain = tree.ancestry(d.agency_id);
  // The agency that speaks for a unit to citizens: itself, or for a division the agency above it (at most 8 levels).
  const issuingId = chain.slice(0, 9).find((id) => tree.get(id)?.kind !== 'division');
  const issuing = issuingId ? tree.get(issuingId) : null;
  const parent = issuing?.parentId ? tree.get(issuing.parentId) : null;
  return {
    province: await provinceName(tx, ctx),
    reception: reception ? { name: reception.name, settings: reception.settings } : null,
    issuing: issuing ? { name: issuing.name, parentName: parent?.name ?? null } : null,
  };
}

export interface PreparedNotifications {
  /** The citizen's messages, as INSERT statements to run with the event (same transaction). */
  messages(e: DossierEventInfo): SQL[];
  /** The officers' alerts, once the event is written. */
  alerts(e: DossierEventInfo): Promise<void>;
}

/**
 * Reads what the notices of an action need (agencies, the owner's address)
 * before the event is known. The dossier engine calls it before taking the
 * day's code number, and writes the messages in the same statement as the
 * event, so that the lock on the number is held for as few round trips as
 * possible.
 */
export async function prepareDossierNotifications(tx: Tx, ctx: AppContext, d: DossierRow, action: string): Promise<PreparedNotifications> {
  const forCitizen = NOTICE_ACTIONS.has(action);
  const where = forCitizen ? await noticeWhere(tx, ctx, d) : null;
  const ownerEmail = forCitizen && !text(d.applicant.email) && d.owner_id ? await repo.userEmail(tx, d.owner_id) : null;
  return {
    messages: (e) => {
      const list = where ? messagesForCitizen(ctx, d, e, where, ownerEmail) : [];
      return list.length ? [repo.insertMessagesSql(list)] : [];
    },
    alerts: (e) => alertOfficers(tx, d, e),
  };
}

