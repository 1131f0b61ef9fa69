-- The dossier engine: dossiers (hồ sơ) as a projection of their append-only
-- event log, the per-agency daily code counters, stored files and uploads.

CREATE TABLE dossiers (
  id text PRIMARY KEY,
  code text UNIQUE,                               -- Mã hồ sơ, set at acceptance
  status smallint NOT NULL CHECK (status BETWEEN 1 AND 10),
  channel text NOT NULL CHECK (channel IN ('counter', 'online', 'postal')),
  procedure_id text NOT NULL REFERENCES procedures(id),
  procedure_version_id text NOT NULL REFERENCES procedure_versions(id),
  procedure_code text NOT NULL,
  procedure_name text NOT NULL,
  field_code text NOT NULL,
  case_code text NOT NULL,
  case_name text NOT NULL,
  duration_amount integer NOT NULL,
  duration_unit text NOT NULL,
  same_day_cutoff text,
  workflow jsonb,                                 -- the case's workflow as received (the version keeps it too)
  agency_id text NOT NULL REFERENCES agencies(id),           -- cơ quan giải quyết (competent agency)
  reception_agency_id text NOT NULL REFERENCES agencies(id), -- bộ phận một cửa that receives and returns
  current_agency_id text NOT NULL REFERENCES agencies(id),   -- where the dossier is now
  involved_agencies text[] NOT NULL,              -- every agency that has held it (scopes)
  current_step text,
  assignee_id text REFERENCES users(id),
  step_started_at timestamptz,
  step_due_at timestamptz,
  applicant jsonb NOT NULL,                       -- chủ hồ sơ: fullName, idNumber, phone, email, address
  authorised jsonb,                               -- người được ủy quyền
  applicant_name_search text NOT NULL DEFAULT '', -- folded, for search
  id_last4 text,
  phone_last4 text,
  owner_id text REFERENCES users(id),             -- the citizen account that filed it (online)
  components jsonb NOT NULL DEFAULT '[]'::jsonb,
  submitted_at timestamptz NOT NULL,              -- ngày nộp
  received_at timestamptz,                        -- ngày tiếp nhận (accepted)
  clock_started_at timestamptz,
  due_at timestamptz,                             -- ngày hẹn trả in force
  rescheduled_due_at timestamptz,                 -- new return date of the apology (Mẫu 04)
  paused_at timestamptz,
  resume_status smallint,
  supplement_count integer NOT NULL DEFAULT 0,
  rescheduled boolean NOT NULL DEFAULT false,
  finished_at timestamptz,                        -- processing ended (9, 8, 7, 3)
  returned_at timestamptz,
  timeliness text CHECK (timeliness IN ('early', 'on_time', 'late')),
  result jsonb,
  return_info jsonb,
  warned_at timestamptz,
  imported boolean NOT NULL DEFAULT false,
  event_count integer NOT NULL DEFAULT 0,
  last_hash text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossiers_agency_status_idx ON dossiers (agency_id, status);
CREATE INDEX dossiers_current_agency_idx ON dossiers (current_agency_id, status);
CREATE INDEX dossiers_reception_agency_idx ON dossiers (reception_agency_id, status);
CREATE INDEX dossiers_involved_idx ON dossiers USING gin (involved_agencies);
CREATE INDEX dossiers_assignee_idx ON dossiers (assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX dossiers_owner_idx ON dossiers (owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX dossiers_due_open_idx ON dossiers (due_at) WHERE status IN (2, 4, 5, 6);
CREATE INDEX dossiers_received_idx ON dossiers (received_at);
CREATE INDEX dossiers_finished_idx ON dossiers (finished_at);
CREATE INDEX dossiers_submitted_idx ON dossiers (submitted_at DESC);

-- The event log: one row per action, never updated or deleted.
CREATE TABLE dossier_events (
  id bigserial PRIMARY KEY,
  dossier_id text NOT NULL REFERENCES dossiers(id),
  seq integer NOT NULL CHECK (seq >= 1),
  action text NOT NULL,
  actor_id text,
  actor_name text,
  at timestamptz NOT NULL,
  from_status smallint,
  to_status smallint NOT NULL,
  from_step text,
  to_step text,
  agency_id text,                                 -- where the dossier is after the action
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (dossier_id, seq)
);
CREATE INDEX dossier_events_at_idx ON dossier_events (at);
CREATE INDEX dossier_events_actor_idx ON dossier_events (actor_id, at);

-- The database itself refuses to change or remove an event, whatever role the application runs as.
CREATE FUNCTION dossier_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dossier_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE OR DELETE ON dossier_events
  FOR EACH ROW EXECUTE FUNCTION dossier_events_append_only();

-- Daily dossier-code sequence per receiving agency (Vietnam day). A counter
-- row is incremented in the accepting transaction, so a rolled-back
-- acceptance gives its number back: never duplicated, never skipped.
CREATE TABLE dossier_code_counters (
  agency_id text NOT NULL REFERENCES agencies(id),
  day date NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (agency_id, day)
);

-- Stored files, once each, by SHA-256 (the bytes live in the files folder).
CREATE TABLE files (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  mime text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Who uploaded which file (a file may be attached only by someone who uploaded it).
CREATE TABLE file_uploads (
  sha256 text NOT NULL REFERENCES files(sha256),
  user_id text NOT NULL REFERENCES users(id),
  name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sha256, user_id)
);

-- Files attached to a dossier: dossier components, supplements and results.
CREATE TABLE dossier_files (
  dossier_id text NOT NULL REFERENCES dossiers(id),
  sha256 text NOT NULL REFERENCES files(sha256),
  kind text NOT NULL CHECK (kind IN ('component', 'supplement', 'result')),
  name text NOT NULL,
  component_index integer,
  event_seq integer NOT NULL,
  PRIMARY KEY (dossier_id, sha256, kind)
);

-- Deadline warnings and other alerts for officers (in-app).
CREATE TABLE dossier_alerts (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  dossier_id text NOT NULL REFERENCES dossiers(id),
  kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue', 'supplement_received', 'assigned', 'submitted')),
  at timestamptz NOT NULL,
  read_at timestamptz,
  UNIQUE (user_id, dossier_id, kind)
);
CREATE INDEX dossier_alerts_user_idx ON dossier_alerts (user_id, read_at);
