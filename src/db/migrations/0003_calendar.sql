-- The working-day calendar (lịch làm việc): administrators' overrides of a
-- year's holiday schedule. The shipped official schedules and the statutory
-- rules live in code (src/kernel/calendar); a row here wins over both for its
-- year. Office hours of an agency live in agencies.settings->'officeHours'.

CREATE TABLE holiday_schedules (
  year integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2199),
  -- The kernel's ScheduleBlock[]; NULL once reverted to the official schedule
  -- or the rules (the row stays so that its version keeps increasing).
  blocks jsonb CHECK (blocks IS NULL OR jsonb_typeof(blocks) = 'array'),
  note text,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
