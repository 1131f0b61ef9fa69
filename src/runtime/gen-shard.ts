/**
 * `motcua gen`, the per-dossier generator: one shard of the synthetic
 * province as COPY text. A shard is a fixed block of receipt days with a
 * fixed number of dossiers and its own random stream seeded from (seed,
 * shard), so the data depend on the seed only, never on how many workers
 * run the shards or in which order. Pure computation: no I/O, and only
 * kernel imports, so that a worker thread loads it quickly.
 *
 * Dossier codes are numbered per reception agency and Vietnam day. A shard
 * numbers the days of its own block from 1; an online dossier accepted after
 * the block's last day (on a day of a later shard) takes a number above
 * anything that later shard can give (its dossier count), in a range that
 * no other shard uses, so codes are unique whatever the shards.
 *
 * Hashes are exactly eventHash's (kernel/dossier/hash.ts): the canonical
 * JSON of an event is written directly, keys in sorted order.
 */
import { createHash } from 'node:crypto';
import { dueDateMs, type WorkCalendar } from '../kernel/calendar/index.ts';
import { formatDossierCode } from '../kernel/dossier/code.ts';
import { GENESIS_HASH } from '../kernel/dossier/hash.ts';
import { STATUS } from '../kernel/dossier/status.ts';
import { copyTextArray, copyValue } from '../modules/dossiers/bulk.ts';
import type { Workflow, WorkflowStep } from '../modules/procedures/workflow.ts';
import { rng as mulberry32 } from '../kernel/random/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VN_OFFSET = 7 * HOUR;

export const DOSSIER_COLUMNS = [
  'id', 'code', 'status', 'channel', 'procedure_id', 'procedure_version_id', 'procedure_code', 'procedure_name', 'field_code',
  'case_code', 'case_name', 'duration_amount', 'duration_unit', 'same_day_cutoff', 'workflow', 'agency_id', 'reception_agency_id',
  'current_agency_id', 'involved_agencies', 'current_step', 'step_started_at', 'applicant', 'applicant_name_search', 'id_last4', 'phone_last4',
  'components', 'submitted_at', 'received_at', 'clock_started_at', 'due_at', 'paused_at', 'resume_status', 'supplement_count', 'finished_at',
  'returned_at', 'timeliness', 'imported', 'event_count', 'last_hash', 'version', 'created_at', 'updated_at',
] as const;
export const EVENT_COLUMNS = [
  'dossier_id', 'seq', 'action', 'actor_id', 'actor_name', 'at', 'from_status', 'to_status', 'from_step', 'to_step', 'agency_id', 'data',
  'prev_hash', 'hash',
] as const;

export interface GenCase {
  procedureId: string;
  versionId: string;
  code: string;
  name: string;
  field: string;
  caseCode: string;
  caseName: string;
  amount: number;
  unit: 'working_days' | 'working_hours' | 'calendar_days';
  cutoff: string | null;
  workflow: Workflow | null;
  workflowJson: string;
  /** The forward path from the start step to an end step. */
  path: string[];
  agencies: { id: string; receptionId: string; receptionCode: string }[];
}

export interface GenActor {
  id: string;
  full_name: string;
  role: string;
}

export interface ShardSpec {
  index: number;
  /** Days [firstDay, endDay) of the plan's day list. */
  firstDay: number;
  endDay: number;
  /** Global number of the shard's first dossier, and how many it writes. */
  start: number;
  count: number;
}

/** Everything a shard needs (structured-cloneable, sent to worker threads). */
export interface GenPlan {
  seed: number;
  now: number;
  idBase: string;
  cases: GenCase[];
  /** Cumulative case weights (the field mix). */
  caseCum: number[];
  fieldMix: Record<string, { weight: number; late: number }>;
  otherField: { weight: number; late: number };
  surnames: readonly string[];
  middle: readonly string[];
  given: readonly string[];
  users: GenActor[];
  /** Receipt days (working days, YYYY-MM-DD) and their cumulative seasonal weights. */
  days: string[];
  dayCum: number[];
  shards: ShardSpec[];
}

/** A chunk of COPY text (UTF-8), as buffers. */
export interface ShardChunk {
  dossiers: Buffer[];
  events: Buffer[];
  count: number;
}

/**
 * COPY text written line by line into large buffers: cheaper than one long
 * string built with += (a rope that must be flattened and encoded at once).
 */
class TextOut {
  private buf = Buffer.allocUnsafe(1 << 20);
  private pos = 0;
  private parts: Buffer[] = [];

  write(s: string): void {
    if (this.pos + s.length * 3 > this.buf.length) this.next(s.length * 3);
    this.pos += this.buf.write(s, this.pos);
  }

  /** Bytes already encoded (constant parts of a row). */
  writeBytes(b: Buffer): void {
    if (this.pos + b.length > this.buf.length) this.next(b.length);
    this.pos += b.copy(this.buf, this.pos);
  }

  private next(need: number): void {
    if (this.pos > 0) this.parts.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(1 << 20, need));
    this.pos = 0;
  }

  /** The text written since the last take. */
  take(): Buffer[] {
    if (this.pos > 0) {
      this.parts.push(this.buf.subarray(0, this.pos));
      this.buf = this.buf.subarray(this.pos);
      this.pos = 0;
    }
    const p = this.parts;
    this.parts = [];
    return p;
  }
}

export interface ShardResult {
  /** Highest code sequence used per `receptionCode|day`. */
  counters: Map<string, number>;
  events: number;
}

/** The seed of a shard's random stream: a hash of (seed, shard). */
export function shardSeed(seed: number, shard: number): number {
  let h = (seed >>> 0) ^ Math.imul(shard + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Splits `dossiers` over `shardCount` blocks of consecutive days, each
 * dossier count proportional to the block's seasonal weight.
 */
export function planShards(dossiers: number, dayCum: number[], shardCount: number): ShardSpec[] {
  const d = dayCum.length;
  const s = Math.max(1, Math.min(shardCount, d));
  const total = d ? dayCum[d - 1] : 0;
  const cumAt = (i: number) => (i === 0 ? 0 : dayCum[i - 1]);
  const out: ShardSpec[] = [];
  let start = 0;
  for (let k = 0; k < s; k++) {
    const firstDay = Math.floor((k * d) / s);
    const endDay = Math.floor(((k + 1) * d) / s);
    const end = k === s - 1 ? dossiers : Math.floor((dossiers * cumAt(endDay)) / total);
    out.push({ index: k, firstDay, endDay, start, count: end - start });
    start = end;
  }
  return out;
}

// Fast ISO strings: instants are cut into a cached day prefix and a time of day.
const P2: string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const P3: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefix = new Map<number, string>();
const dayOf = (epochDay: number): string => {
  let s = dayPrefix.get(epochDay);
  if (s === undefined) {
    s = new Date(epochDay * DAY).toISOString().slice(0, 10);
    dayPrefix.set(epochDay, s);
  }
  return s;
};
/** Same as new Date(ms).toISOString() (years 1970–9999). */
export function isoOf(ms: number): string {
  const day = Math.floor(ms / DAY);
  let r = ms - day * DAY;
  const h = Math.floor(r / HOUR);
  r -= h * HOUR;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const s = Math.floor(r / 1000);
  return `${dayOf(day)}T${P2[h]}:${P2[m]}:${P2[s]}.${P3[r - s * 1000]}Z`;
}
/** Same as vnDay(new Date(ms)). */
const vnDayOf = (ms: number): string => dayOf(Math.floor((ms + VN_OFFSET) / DAY));

const J = JSON.stringify;
const N = '\\N';

/** Constant parts of a case's dossier rows and the workflow lookups. */
interface CaseRt {
  c: GenCase;
  /** The case's columns of a dossier row, tab-enclosed, in UTF-8. */
  cols: Buffer;
  steps: Map<string, WorkflowStep>;
  /** COPY text of each step id (and of null). */
  stepText: Map<string | null, string>;
}

/**
 * Generates one shard, yielding chunks of about `chunk` dossiers as COPY
 * text; returns the highest code number per agency and day, and the events.
 */
export function* generateShard(plan: GenPlan, cal: WorkCalendar, spec: ShardSpec, chunk = 250): Generator<ShardChunk, ShardResult> {
  const rand = mulberry32(shardSeed(plan.seed, spec.index));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const { now, cases, caseCum, days, dayCum, shards, users } = plan;
  const acc = caseCum[caseCum.length - 1];
  const rts: CaseRt[] = cases.map((c) => {
    const steps = new Map<string, WorkflowStep>();
    const stepText = new Map<string | null, string>([[null, N]]);
    for (const s of c.workflow?.steps ?? []) {
      steps.set(s.id, s);
      stepText.set(s.id, copyValue(s.id));
    }
    for (const p of c.path) if (!stepText.has(p)) stepText.set(p, copyValue(p));
    const cols = [
      c.procedureId, c.versionId, copyValue(c.code), copyValue(c.name), copyValue(c.field), copyValue(c.caseCode), copyValue(c.caseName),
      c.amount, c.unit, copyValue(c.cutoff), c.workflowJson === N ? N : copyValue(c.workflowJson),
    ].join('\t');
    return { c, cols: Buffer.from(`\t${cols}\t`, 'utf8'), steps, stepText };
  });
  const pickCase = () => {
    const r = rand() * acc;
    let lo = 0;
    let hi = caseCum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (caseCum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return rts[lo];
  };
  const cumBefore = spec.firstDay === 0 ? 0 : dayCum[spec.firstDay - 1];
  const blockWeight = dayCum[spec.endDay - 1] - cumBefore;
  const dayMs = days.map((d) => Date.parse(`${d}T00:00:00Z`));
  const pickDay = () => {
    const r = cumBefore + rand() * blockWeight;
    let lo = spec.firstDay;
    let hi = spec.endDay - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dayCum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Actors: the first user of each role (else the first user), as ids and COPY/JSON text.
  interface Actor { id: string; idJson: string; nameText: string }
  const actors = new Map<string, Actor>();
  const actorOf = (role: string): Actor => {
    let a = actors.get(role);
    if (!a) {
      const u = users.find((x) => x.role === role) ?? users[0];
      a = { id: u.id, idJson: J(u.id), nameText: copyValue(u.full_name) };
      actors.set(role, a);
    }
    return a;
  };
  const reception = actorOf('reception');
  // Code numbers: the shard owning a day, and the base of this shard's range on a later shard's days.
  const firstDayOf = shards.map((s) => days[s.firstDay]);
  const ownerOf = (day: string) => {
    let lo = 0;
    let hi = firstDayOf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firstDayOf[mid] <= day) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const baseOn = (owner: number) => {
    if (owner < spec.index) throw new Error(`gen: a dossier of shard ${spec.index} accepted on a day of shard ${owner}`);
    if (owner === spec.index) return 0;
    let base = shards[owner].count;
    for (let j = spec.index + 1; j < owner; j++) base += shards[j].count;
    return base;
  };
  const local = new Map<string, number>();
  const counters = new Map<string, number>();
  const after = (t: number, hours: number) => cal.addOfficeTimeMs(t, Math.round(Math.max(0.05, hours) * HOUR));
  const refuseData = `{"reason":${J('Thủ tục không thuộc thẩm quyền giải quyết của cơ quan.')}}`;
  const withdrawData = `{"reason":${J('Công dân không còn nhu cầu.')}}`;
  const stopData = `{"reason":${J('Hồ sơ thuộc trường hợp phải dừng giải quyết.')}}`;
  const supplementData = `{"items":[{"name":${J('Giấy tờ chứng minh bổ sung')},"reason":${J('Thông tin chưa thống nhất.')}}]}`;
  const signerJson = J('Lãnh đạo cơ quan');
  const address = J('tỉnh Thanh Hóa');
  const FOLD = new Map<string, string>();
  const fold = (s: string) => {
    let f = FOLD.get(s);
    if (f === undefined) {
      f = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
      FOLD.set(s, f);
    }
    return f;
  };
  const { fieldMix, otherField, surnames, middle, given } = plan;

  const dl = new TextOut();
  const el = new TextOut();
  let inChunk = 0;
  let events = 0;
  for (let k = 0; k < spec.count; k++) {
    const n = spec.start + k;
    const id = `${plan.idBase}-g${String(n).padStart(9, '0')}`;
    const idJson = J(id);
    const rt = pickCase();
    const c = rt.c;
    const ag = pick(c.agencies);
    const mix = fieldMix[c.field] ?? otherField;
    const r = rand();
    const channel = r < 0.38 ? 'online' : r < 0.92 ? 'counter' : 'postal';
    const dayIx = pickDay();
    const minutes = 7 * 60 + 30 + Math.floor(rand() * 8 * 60); // 07:30–15:30
    const submitted = dayMs[dayIx] - 7 * HOUR + (minutes >= 11 * 60 + 30 ? minutes + 120 : minutes) * 60_000;
    const fullName = `${pick(surnames)} ${pick(middle)} ${pick(given)}`;
    const idNumber = `038${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
    const phone = `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
    // The history, as a list of events (cut at now: later actions have not happened yet).
    let status: number = STATUS.NEW;
    let step: string | null = null;
    let t = submitted;
    let received: number | null = null;
    let clockStart: number | null = null;
    let due: number | null = null;
    let finished: number | null = null;
    let returned: number | null = null;
    let paused: number | null = null;
    let supplements = 0;
    let code: string | null = null;
    let stepStarted: number | null = null;
    let prev = GENESIS_HASH;
    let seq = 0;
    let stopped = false;
    const involved = new Set([ag.receptionId, ag.id]);
    // Where a step puts the dossier (as stepAgency in modules/dossiers/service.ts).
    const stepAgency = (s: WorkflowStep | null) => (s?.agencyId ? s.agencyId : s?.role === 'reception' ? ag.receptionId : ag.id);
    const stepObj = (s: string | null) => (s && c.workflow ? rt.steps.get(s) ?? null : null);
    let current = ag.receptionId;
    const push = (action: string, at: number, to: number, toStep: string | null, actor: Actor | null, data: string) => {
      if (at > now) {
        stopped = true;
        return false;
      }
      seq++;
      const atIso = isoOf(at);
      const from = seq === 1 ? 'null' : String(status);
      const canonical = `{"action":"${action}","actorId":${actor ? actor.idJson : 'null'},"at":"${atIso}","data":${data},"dossierId":${idJson},"fromStatus":${from},"seq":${seq},"toStatus":${to}}`;
      const h = createHash('sha256').update(`${prev}\n${canonical}`).digest('hex');
      el.write(`${id}\t${seq}\t${action}\t${actor ? actor.id : N}\t${actor ? actor.nameText : N}\t${atIso}\t${seq === 1 ? N : status}\t${to}\t${rt.stepText.get(step) ?? copyValue(step)}\t${rt.stepText.get(toStep) ?? copyValue(toStep)}\t${current}\t${copyValue(data)}\t${prev}\t${h}\n`);
      prev = h;
      status = to;
      if (toStep !== step) stepStarted = at;
      step = toStep;
      t = at;
      return true;
    };
    const accept = (at: number) => {
      received = at;
      const d = vnDayOf(at);
      const key = `${ag.receptionCode}|${d}`;
      const localNo = (local.get(key) ?? 0) + 1;
      local.set(key, localNo);
      const seqNo = baseOn(ownerOf(d)) + localNo;
      counters.set(key, seqNo);
      code = formatDossierCode(ag.receptionCode, d, seqNo);
      const o = c.cutoff ? { cutoff: c.cutoff } : {};
      clockStart = dueDateMs(at, 0, c.unit, cal, o);
      due = c.amount > 0 || c.unit !== 'calendar_days' ? dueDateMs(at, c.amount, c.unit, cal, o) : clockStart;
    };
    // Submission (online: new; counter and postal: accepted at once).
    if (channel === 'online') {
      push('create', submitted, STATUS.NEW, null, null, '{"channel":"online"}');
      const q = rand();
      if (q < 0.03) {
        push('refuse', after(t, 2 + rand() * 6), STATUS.REFUSED, null, reception, refuseData);
        finished = status === STATUS.REFUSED ? t : null;
      } else if (q > 0.99) {
        if (push('withdraw', after(t, 1 + rand() * 8), STATUS.WITHDRAWN, null, null, withdrawData)) finished = t;
      } else if (submitted > now - 3 * DAY && rand() < 0.3) {
        // Filed in the last days and not yet looked at: still new.
      } else {
        const at = after(t, 0.5 + rand() * 6);
        if (at <= now) {
          accept(at);
          current = stepAgency(stepObj(c.path[0] ?? null));
          push('accept', at, STATUS.RECEIVED, c.path[0] ?? null, reception, `{"code":${J(code)}}`);
        } else stopped = true;
      }
    } else {
      accept(submitted);
      current = stepAgency(stepObj(c.path[0] ?? null));
      push('create', submitted, STATUS.RECEIVED, c.path[0] ?? null, reception, `{"channel":"${channel}","code":${J(code)}}`);
    }
    if (status === STATUS.RECEIVED && !stopped) {
      const late = rand() < mix.late;
      const legal = Math.max(1, (due! - received!) / HOUR);
      const perStep = legal / Math.max(1, c.path.length);
      for (let i = 1; i < c.path.length && !stopped; i++) {
        const factor = late ? 1.1 + rand() * 0.8 : 0.2 + rand() * 0.6;
        const nextStep = c.path[i];
        const so = stepObj(nextStep);
        const nextAgency = stepAgency(so);
        const actor = actorOf(stepObj(step)?.role ?? 'specialist');
        const at = after(t, perStep * factor);
        if (at > now) {
          stopped = true;
          break;
        }
        current = nextAgency;
        involved.add(current);
        push('forward', at, STATUS.PROCESSING, nextStep, actor, '{}');
        if (i === 1 && rand() < 0.06 && supplements < 2) {
          if (!push('request_supplement', after(t, 1 + rand() * 8), STATUS.SUPPLEMENT, step, actor, supplementData)) {
            paused = null;
            break;
          }
          paused = t;
          supplements++;
          if (!push('submit_supplement', after(t, 4 + rand() * 30), STATUS.PROCESSING, step, null, '{}')) break;
          paused = null;
        }
      }
      if (!stopped && (status as number) === STATUS.PROCESSING && rand() < 0.004) {
        if (push('stop', after(t, 2 + rand() * 8), STATUS.STOPPED, null, actorOf('leader'), stopData)) finished = t;
      }
      if (!stopped && ((status as number) === STATUS.PROCESSING || ((status as number) === STATUS.RECEIVED && c.path.length <= 1))) {
        const at = after(t, late ? perStep * (1.2 + rand()) : perStep * (0.1 + rand() * 0.5));
        const result = `{"result":{"number":"${100 + (n % 900)}/QĐ","signedOn":"${vnDayOf(at)}","signer":${signerJson}}}`;
        if (push('complete', at, STATUS.DONE, null, actorOf('clerk'), result)) {
          finished = t;
          current = ag.receptionId;
          const method = channel === 'online' ? 'electronic' : channel === 'postal' ? 'post' : 'counter';
          if (push('return', after(t, rand() * 16), STATUS.RETURNED, null, reception, `{"method":"${method}"}`)) returned = t;
        }
      }
    }
    involved.add(current);
    const open = status === STATUS.RECEIVED || status === STATUS.PROCESSING || status === STATUS.SUPPLEMENT || status === STATUS.PAYMENT;
    let timeliness: string = N;
    if (received !== null && finished !== null && status !== STATUS.REFUSED) {
      // As timelinessOf (kernel/dossier/timeliness.ts).
      if (due === null) timeliness = 'on_time';
      else {
        const f = vnDayOf(finished);
        const dd = vnDayOf(due);
        timeliness = f < dd ? 'early' : f === dd ? 'on_time' : 'late';
      }
    }
    const iso = (x: number | null) => (x === null ? N : isoOf(x));
    const applicant = `{"fullName":${J(fullName)},"idNumber":"${idNumber}","phone":"${phone}","address":${address}}`;
    dl.write(`${id}\t${code === null ? N : copyValue(code)}\t${status}\t${channel}`);
    dl.writeBytes(rt.cols);
    dl.write(`${ag.id}\t${ag.receptionId}\t${current}\t${copyTextArray([...involved])}\t${open ? rt.stepText.get(step) ?? copyValue(step) : N}\t${open && stepStarted ? iso(stepStarted) : N}\t${copyValue(applicant)}\t${copyValue(fold(fullName))}\t${idNumber.slice(-4)}\t${phone.slice(-4)}\t[]\t${iso(submitted)}\t${iso(received)}\t${iso(clockStart)}\t${iso(due)}\t${iso(paused)}\t${paused ? STATUS.PROCESSING : N}\t${supplements}\t${iso(finished)}\t${iso(returned)}\t${timeliness}\tf\t${seq}\t${prev}\t${seq}\t${iso(submitted)}\t${isoOf(t)}\n`);
    events += seq;
    if (++inChunk >= chunk) {
      yield { dossiers: dl.take(), events: el.take(), count: inChunk };
      inChunk = 0;
    }
  }
  if (inChunk > 0) yield { dossiers: dl.take(), events: el.take(), count: inChunk };
  return { counters, events };
}
