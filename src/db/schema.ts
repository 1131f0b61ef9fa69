/**
 * Drizzle view of the tables created by the SQL migrations in ./migrations.
 * The migrations are the source of truth; this file mirrors them for typed queries.
 */
import { bigserial, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Cơ quan, đơn vị. */
export const agencies = pgTable('agencies', {
  id: text('id').primaryKey(),
  parentId: text('parent_id'),
  name: text('name').notNull(),
  shortName: text('short_name'),
  code: text('code').notNull(),
  adminUnitCode: text('admin_unit_code'),
  level: text('level').notNull(),
  kind: text('kind').notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const agencySuccessions = pgTable(
  'agency_successions',
  {
    predecessorId: text('predecessor_id').notNull(),
    successorId: text('successor_id').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.predecessorId, t.successorId] })],
);

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull(),
  passwordHash: text('password_hash').notNull(),
  fullName: text('full_name').notNull(),
  email: text('email'),
  phone: text('phone'),
  idNumber: text('id_number'),
  active: boolean('active').notNull(),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const userGrants = pgTable('user_grants', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  role: text('role').notNull(),
  agencyId: text('agency_id'),
  createdAt: ts('created_at').notNull(),
});

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  lastSeenAt: ts('last_seen_at').notNull(),
  revokedAt: ts('revoked_at'),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  firstFailureAt: ts('first_failure_at'),
  lastFailureAt: ts('last_failure_at'),
  lockedUntil: ts('locked_until'),
});

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull().defaultNow(),
  type: text('type').notNull(),
  actorId: text('actor_id'),
  actorName: text('actor_name'),
  subject: text('subject'),
  ip: text('ip'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    key: text('key').notNull(),
    actorId: text('actor_id').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.key] })],
);

/** Lĩnh vực: a field of procedures. */
export const procedureFields = pgTable('procedure_fields', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

/** Thủ tục hành chính: the stable identity of a procedure. */
export const procedures = pgTable('procedures', {
  id: text('id').primaryKey(),
  code: text('code').notNull(),
  localCode: text('local_code'),
  publishedVersionId: text('published_version_id'),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** One version of a procedure's content (draft, published or archived). */
export const procedureVersions = pgTable('procedure_versions', {
  id: text('id').primaryKey(),
  procedureId: text('procedure_id').notNull(),
  number: integer('number').notNull(),
  status: text('status').notNull(),
  name: text('name').notNull(),
  fieldCode: text('field_code').notNull(),
  levels: text('levels').array().notNull(),
  agencyIds: text('agency_ids').array().notNull(),
  steps: text('steps'),
  submissionMeans: text('submission_means'),
  dossierComponents: jsonb('dossier_components')
    .$type<{ name: string; originals: number; copies: number; template?: string | null }[]>()
    .notNull(),
  timeLimit: text('time_limit'),
  applicants: text('applicants'),
  competentAgency: text('competent_agency'),
  result: text('result'),
  fees: jsonb('fees').$type<{ name: string; amount: number; note?: string | null }[]>().notNull(),
  legalBasis: text('legal_basis'),
  onlineType: text('online_type').notNull(),
  boundaryFree: boolean('boundary_free').notNull(),
  decisionNumber: text('decision_number'),
  decisionDate: date('decision_date', { mode: 'string' }),
  effectiveDate: date('effective_date', { mode: 'string' }),
  publishedAt: ts('published_at'),
  searchText: text('search_text').notNull(),
  createdBy: text('created_by'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** Trường hợp: a case of a procedure version with its legal duration. */
export const procedureCases = pgTable('procedure_cases', {
  id: text('id').primaryKey(),
  versionId: text('version_id').notNull(),
  position: integer('position').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  durationAmount: integer('duration_amount').notNull(),
  durationUnit: text('duration_unit').notNull(),
  sameDayCutoff: text('same_day_cutoff'),
});

/** Quy trình nội bộ of a case. */
export const procedureWorkflows = pgTable('procedure_workflows', {
  caseId: text('case_id').primaryKey(),
  definition: jsonb('definition').$type<import('../modules/procedures/workflow.ts').Workflow>().notNull(),
});

/** Lịch nghỉ do quản trị viên sửa: a year's holiday schedule override (blocks NULL = reverted). */
export const holidaySchedules = pgTable('holiday_schedules', {
  year: integer('year').primaryKey(),
  blocks: jsonb('blocks').$type<import('../kernel/calendar/index.ts').ScheduleBlock[]>(),
  note: text('note'),
  version: integer('version').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: ts('updated_at').notNull(),
});

/** Hộp thư đi: e-mails and text messages to citizens, delivered by the worker with retries. */
export const outbox = pgTable('outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channel: text('channel').$type<'email' | 'sms'>().notNull(),
  recipient: text('recipient').notNull(),
  subject: text('subject'),
  body: text('body').notNull(),
  html: text('html'),
  template: text('template').notNull(),
  dossierId: text('dossier_id'),
  eventSeq: integer('event_seq'),
  status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed'>().notNull(),
  attempts: integer('attempts').notNull(),
  nextAttemptAt: ts('next_attempt_at').notNull(),
  lockedUntil: ts('locked_until'),
  lastError: text('last_error'),
  createdAt: ts('created_at').notNull(),
  sentAt: ts('sent_at'),
});

/** Đánh giá mức độ hài lòng: one rating per finished dossier (by the owner's account or the receipt's QR code). */
export const dossierRatings = pgTable('dossier_ratings', {
  dossierId: text('dossier_id').primaryKey(),
  level: text('level').$type<'very_satisfied' | 'satisfied' | 'not_satisfied'>().notNull(),
  comment: text('comment'),
  byUserId: text('by_user_id'),
  via: text('via').$type<'account' | 'qr'>().notNull(),
  at: ts('at').notNull(),
});

/** Fixed-window counters throttling public endpoints per client address (failed lookups, registrations). */
export const publicThrottle = pgTable('public_throttle', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStartedAt: ts('window_started_at').notNull(),
});
