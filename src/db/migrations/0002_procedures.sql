-- The procedure catalogue: fields (lĩnh vực), procedures (thủ tục hành chính)
-- with versions, their cases (trường hợp) and each case's internal workflow.

-- Lĩnh vực.
CREATE TABLE procedure_fields (
  code text PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 40),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 300)
);

-- Thủ tục hành chính: the stable identity; the content lives in versions.
CREATE TABLE procedures (
  id text PRIMARY KEY,
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  local_code text,
  published_version_id text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX procedures_code_key ON procedures (code, coalesce(local_code, ''));

-- One version of a procedure: the seven components of Decree 63/2010 Art. 8 and more.
CREATE TABLE procedure_versions (
  id text PRIMARY KEY,
  procedure_id text NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 1000),
  field_code text NOT NULL REFERENCES procedure_fields(code),
  levels text[] NOT NULL DEFAULT '{}',
  agency_ids text[] NOT NULL DEFAULT '{}',
  steps text,                -- Trình tự thực hiện
  submission_means text,     -- Cách thức thực hiện
  dossier_components jsonb NOT NULL DEFAULT '[]'::jsonb, -- Thành phần, số lượng hồ sơ
  time_limit text,           -- Thời hạn giải quyết
  applicants text,           -- Đối tượng thực hiện
  competent_agency text,     -- Cơ quan thực hiện (có thẩm quyền quyết định)
  result text,               -- Kết quả thực hiện
  fees jsonb NOT NULL DEFAULT '[]'::jsonb,
  legal_basis text,
  online_type text NOT NULL DEFAULT 'none' CHECK (online_type IN ('full', 'partial', 'none')),
  boundary_free boolean NOT NULL DEFAULT false,
  decision_number text,
  decision_date date,
  effective_date date,
  published_at timestamptz,
  -- Accent-stripped, lower-case name and code, computed by the service (unaccent is not IMMUTABLE).
  search_text text NOT NULL DEFAULT '',
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (procedure_id, number),
  CHECK (levels <@ ARRAY['province', 'commune', 'central']::text[])
);
CREATE UNIQUE INDEX procedure_versions_one_published ON procedure_versions (procedure_id) WHERE status = 'published';
CREATE UNIQUE INDEX procedure_versions_one_draft ON procedure_versions (procedure_id) WHERE status = 'draft';
CREATE INDEX procedure_versions_field_idx ON procedure_versions (field_code);
CREATE INDEX procedure_versions_search_idx ON procedure_versions USING gin (search_text public.gin_trgm_ops);

ALTER TABLE procedures ADD CONSTRAINT procedures_published_version_fk
  FOREIGN KEY (published_version_id) REFERENCES procedure_versions(id);

-- Trường hợp: a case of a version with its legal duration.
CREATE TABLE procedure_cases (
  id text PRIMARY KEY,
  version_id text NOT NULL REFERENCES procedure_versions(id) ON DELETE CASCADE,
  position integer NOT NULL DEFAULT 0,
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  duration_amount integer NOT NULL CHECK (duration_amount >= 0),
  duration_unit text NOT NULL CHECK (duration_unit IN ('working_days', 'working_hours', 'calendar_days')),
  same_day_cutoff text CHECK (same_day_cutoff IS NULL OR same_day_cutoff ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  UNIQUE (version_id, code)
);

-- Quy trình nội bộ of a case: { steps, transitions, start, ends }.
CREATE TABLE procedure_workflows (
  case_id text PRIMARY KEY REFERENCES procedure_cases(id) ON DELETE CASCADE,
  definition jsonb NOT NULL
);
