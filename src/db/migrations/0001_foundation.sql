-- Foundation: agencies (effective-dated tree), people, roles, sessions, login
-- throttling, audit log, settings.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

-- Cơ quan, đơn vị: an effective-dated tree.
CREATE TABLE agencies (
  id text PRIMARY KEY,
  parent_id text REFERENCES agencies(id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 300),
  short_name text,
  code text NOT NULL,
  admin_unit_code text CHECK (admin_unit_code IS NULL OR admin_unit_code ~ '^([0-9]{2}|[0-9]{3}|[0-9]{5})$'),
  level text NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune')),
  kind text NOT NULL CHECK (kind IN ('people_committee', 'department', 'service_center', 'one_stop', 'division', 'branch', 'other')),
  valid_from date NOT NULL DEFAULT DATE '1900-01-01',
  valid_to date,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX agencies_code_key ON agencies (code);
CREATE INDEX agencies_parent_idx ON agencies (parent_id);

-- Which units a merged or renamed unit came from.
CREATE TABLE agency_successions (
  predecessor_id text NOT NULL REFERENCES agencies(id),
  successor_id text NOT NULL REFERENCES agencies(id),
  effective_date date NOT NULL,
  note text,
  PRIMARY KEY (predecessor_id, successor_id),
  CHECK (predecessor_id <> successor_id)
);
CREATE INDEX agency_successions_successor_idx ON agency_successions (successor_id);

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  password_hash text NOT NULL,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  email text,
  phone text,
  id_number text,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (username);

-- A role granted to a person, within an agency subtree (NULL: system-wide,
-- only for citizen, reform, supervisor and admin).
CREATE TABLE user_grants (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('citizen', 'reception', 'specialist', 'head', 'leader', 'clerk', 'reform', 'supervisor', 'admin')),
  agency_id text REFERENCES agencies(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX user_grants_unique ON user_grants (user_id, role, coalesce(agency_id, ''));
CREATE INDEX user_grants_agency_idx ON user_grants (agency_id);

-- Server-side sessions; the id is the SHA-256 of the token the client holds.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Failed logins per username (known or not, so answers do not reveal which exist).
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  first_failure_at timestamptz,
  last_failure_at timestamptz,
  locked_until timestamptz
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  type text NOT NULL,
  actor_id text,
  actor_name text,
  subject text,
  ip text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_type_idx ON audit_log (type, at DESC);

-- Key/value settings of the installation (province name, demo flags, ...).
CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Idempotency keys: a retried mutating request returns the first answer.
CREATE TABLE idempotency_keys (
  key text NOT NULL,
  actor_id text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, key)
);
