-- Report days of a dossier in Vietnam time (UTC+7, no daylight saving since
-- 1975), stored so that Biểu 06 and the indices group and filter on plain
-- dates with indexes: the receipt day, the finish day (processing ended:
-- result issued, stopped, withdrawn; the return day when no separate finish
-- time exists) and the due day.
ALTER TABLE dossiers
  ADD COLUMN received_day date GENERATED ALWAYS AS (((received_at AT TIME ZONE 'UTC') + interval '7 hours')::date) STORED,
  ADD COLUMN finish_day date GENERATED ALWAYS AS (((coalesce(finished_at, returned_at) AT TIME ZONE 'UTC') + interval '7 hours')::date) STORED,
  ADD COLUMN due_day date GENERATED ALWAYS AS (((due_at AT TIME ZONE 'UTC') + interval '7 hours')::date) STORED;

-- What Biểu 06 reads, in one index (index-only scans over a period).
CREATE INDEX dossiers_report_idx ON dossiers (received_day, finish_day)
  INCLUDE (status, channel, due_day, field_code, agency_id)
  WHERE received_day IS NOT NULL AND status NOT IN (1, 3);
