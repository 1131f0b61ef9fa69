-- Biểu 06 from a rollup instead of a scan of every dossier (docs/adr/0005).
--
-- Every cell of Biểu 06 for a period [F, T] is a difference of counts "how
-- many dossiers have day X on or before a date", over five days of a dossier
-- counted in the report (received, status not 1 or 3):
--   R  = received_day                       (channel online or not)
--   E  = finish_day                         (class: early, on time, late)
--   O  = greatest(due_day + 1, R)           (from this day it is overdue if still open)
--   OE = greatest(due_day + 1, R, E)        (from this day it no longer counts as overdue-open)
-- With C_m(X) = #(m ≤ X):
--   carried over   = C_R(F-1) − C_E(F-1)
--   online, direct = C_R,ch(T) − C_R,ch(F-1)
--   early, on time, late = C_E,class(T) − C_E,class(F-1)
--   open at T      = C_R(T) − C_E(T);  overdue = C_O(T) − C_OE(T);  within = open − overdue
-- which holds because a dossier never finishes before it is received (the
-- check below; the import and the engine keep it). The report reads those
-- counts per agency and field at three grains (year, month, day) so that any
-- C(X) is a sum of a few thousand rows, plus the changes not yet folded.
--
-- Writers never touch a shared counter row: a trigger appends each change of
-- a dossier's contribution (−old, +new) to bieu06_pending, and the worker
-- folds pending rows into bieu06_rollup (bieu06_fold). The report adds both,
-- in one statement, so it is exact at any moment.

ALTER TABLE dossiers ADD CONSTRAINT dossiers_finish_after_receipt CHECK (finish_day >= received_day);

CREATE FUNCTION bieu06_class(e date, d date) RETURNS smallint LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN e IS NULL THEN NULL WHEN d IS NULL OR e = d THEN 0 WHEN e < d THEN -1 ELSE 1 END::smallint $$;
CREATE FUNCTION bieu06_o(r date, d date) RETURNS date LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN d IS NULL THEN NULL ELSE greatest(d + 1, r) END $$;
CREATE FUNCTION bieu06_oe(r date, e date, d date) RETURNS date LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN d IS NULL OR e IS NULL THEN NULL ELSE greatest(d + 1, r, e) END $$;

-- A dossier's contribution, signed: +1 when it starts to count or changes, −1 for what it was.
CREATE TABLE bieu06_pending (
  agency_id text NOT NULL,
  field_code text NOT NULL,
  sign smallint NOT NULL,
  r_day date NOT NULL,
  online boolean NOT NULL,
  e_day date,
  fin_class smallint,
  o_day date,
  oe_day date
);

-- Counts by the day on which each measure happens, per agency and field, at
-- grain 'y' (period = 1 January), 'm' (first of the month) and 'd' (the day).
CREATE TABLE bieu06_rollup (
  grain char(1) NOT NULL CHECK (grain IN ('y', 'm', 'd')),
  period date NOT NULL,
  agency_id text NOT NULL,
  field_code text NOT NULL,
  recv_online integer NOT NULL DEFAULT 0,
  recv_direct integer NOT NULL DEFAULT 0,
  fin_early integer NOT NULL DEFAULT 0,
  fin_on_time integer NOT NULL DEFAULT 0,
  fin_late integer NOT NULL DEFAULT 0,
  od_start integer NOT NULL DEFAULT 0,
  od_end integer NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, period, agency_id, field_code)
);

-- Adds contributions to the rollup at its three grains, in one statement; `source` is a query (or
-- DELETE … RETURNING) yielding rows shaped like bieu06_pending. Returns how many it added.
CREATE FUNCTION bieu06_add(source text) RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE
  n bigint;
BEGIN
  EXECUTE format($q$
  WITH f AS (%s),
  m AS (
    SELECT agency_id, field_code, r_day AS day, CASE WHEN online THEN sign ELSE 0 END AS recv_online,
           CASE WHEN online THEN 0 ELSE sign END AS recv_direct, 0 AS fin_early, 0 AS fin_on_time, 0 AS fin_late, 0 AS od_start, 0 AS od_end FROM f
    UNION ALL
    SELECT agency_id, field_code, e_day, 0, 0, CASE WHEN fin_class = -1 THEN sign ELSE 0 END, CASE WHEN fin_class = 0 THEN sign ELSE 0 END,
           CASE WHEN fin_class = 1 THEN sign ELSE 0 END, 0, 0 FROM f WHERE e_day IS NOT NULL
    UNION ALL
    SELECT agency_id, field_code, o_day, 0, 0, 0, 0, 0, sign, 0 FROM f WHERE o_day IS NOT NULL
    UNION ALL
    SELECT agency_id, field_code, oe_day, 0, 0, 0, 0, 0, 0, sign FROM f WHERE oe_day IS NOT NULL
  ),
  days AS (
    SELECT agency_id, field_code, day, sum(recv_online) AS recv_online, sum(recv_direct) AS recv_direct, sum(fin_early) AS fin_early,
           sum(fin_on_time) AS fin_on_time, sum(fin_late) AS fin_late, sum(od_start) AS od_start, sum(od_end) AS od_end
      FROM m GROUP BY 1, 2, 3
  ),
  up AS (
    INSERT INTO bieu06_rollup AS r (grain, period, agency_id, field_code, recv_online, recv_direct, fin_early, fin_on_time, fin_late, od_start, od_end)
    SELECT g.grain, g.period, days.agency_id, days.field_code, sum(recv_online), sum(recv_direct), sum(fin_early), sum(fin_on_time), sum(fin_late), sum(od_start), sum(od_end)
      FROM days CROSS JOIN LATERAL (VALUES ('d', days.day), ('m', date_trunc('month', days.day)::date), ('y', date_trunc('year', days.day)::date)) AS g(grain, period)
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2 -- rows of one grain and period side by side: a report reads few pages
    ON CONFLICT (grain, period, agency_id, field_code) DO UPDATE SET
      recv_online = r.recv_online + excluded.recv_online, recv_direct = r.recv_direct + excluded.recv_direct,
      fin_early = r.fin_early + excluded.fin_early, fin_on_time = r.fin_on_time + excluded.fin_on_time,
      fin_late = r.fin_late + excluded.fin_late, od_start = r.od_start + excluded.od_start, od_end = r.od_end + excluded.od_end
  )
  SELECT count(*) FROM f$q$, source) INTO n;
  RETURN n;
END $fn$;

-- The worker's step: moves every pending change it can see into the rollup, in one statement.
-- Rows appended meanwhile by other transactions are not visible to the DELETE and wait for the next fold.
CREATE FUNCTION bieu06_fold() RETURNS bigint LANGUAGE sql AS $$ SELECT bieu06_add('DELETE FROM bieu06_pending RETURNING *') $$;

-- Recomputes the rollup from the dossiers (after a bulk load with the triggers off, or to repair).
CREATE FUNCTION bieu06_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE bieu06_rollup, bieu06_pending IN EXCLUSIVE MODE;
  DELETE FROM bieu06_pending;
  DELETE FROM bieu06_rollup;
  PERFORM set_config('work_mem', '256MB', true);
  PERFORM bieu06_add($q$SELECT agency_id, field_code, 1::smallint AS sign, received_day AS r_day, channel = 'online' AS online, finish_day AS e_day,
      bieu06_class(finish_day, due_day) AS fin_class, bieu06_o(received_day, due_day) AS o_day, bieu06_oe(received_day, finish_day, due_day) AS oe_day
    FROM dossiers WHERE received_day IS NOT NULL AND status NOT IN (1, 3)$q$);
END $$;

CREATE FUNCTION bieu06_track_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO bieu06_pending
  SELECT agency_id, field_code, 1, received_day, channel = 'online', finish_day, bieu06_class(finish_day, due_day),
         bieu06_o(received_day, due_day), bieu06_oe(received_day, finish_day, due_day)
    FROM inserted WHERE received_day IS NOT NULL AND status NOT IN (1, 3);
  RETURN NULL;
END $$;

CREATE FUNCTION bieu06_track_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was boolean := OLD.received_day IS NOT NULL AND OLD.status NOT IN (1, 3);
  now_in boolean := NEW.received_day IS NOT NULL AND NEW.status NOT IN (1, 3);
BEGIN
  IF was AND now_in AND OLD.agency_id = NEW.agency_id AND OLD.field_code = NEW.field_code
     AND OLD.received_day = NEW.received_day AND (OLD.channel = 'online') = (NEW.channel = 'online')
     AND OLD.finish_day IS NOT DISTINCT FROM NEW.finish_day AND OLD.due_day IS NOT DISTINCT FROM NEW.due_day THEN
    RETURN NULL;
  END IF;
  IF was THEN
    INSERT INTO bieu06_pending VALUES (OLD.agency_id, OLD.field_code, -1, OLD.received_day, OLD.channel = 'online', OLD.finish_day,
      bieu06_class(OLD.finish_day, OLD.due_day), bieu06_o(OLD.received_day, OLD.due_day), bieu06_oe(OLD.received_day, OLD.finish_day, OLD.due_day));
  END IF;
  IF now_in THEN
    INSERT INTO bieu06_pending VALUES (NEW.agency_id, NEW.field_code, 1, NEW.received_day, NEW.channel = 'online', NEW.finish_day,
      bieu06_class(NEW.finish_day, NEW.due_day), bieu06_o(NEW.received_day, NEW.due_day), bieu06_oe(NEW.received_day, NEW.finish_day, NEW.due_day));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER bieu06_track_insert AFTER INSERT ON dossiers REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION bieu06_track_insert();
-- Most actions (assign, forward, send back) change none of these: the WHEN clause,
-- evaluated without calling the function, lets them pass at no cost.
CREATE TRIGGER bieu06_track_change AFTER UPDATE ON dossiers FOR EACH ROW
  WHEN (OLD.agency_id IS DISTINCT FROM NEW.agency_id OR OLD.field_code IS DISTINCT FROM NEW.field_code
        OR OLD.received_day IS DISTINCT FROM NEW.received_day OR OLD.finish_day IS DISTINCT FROM NEW.finish_day
        OR OLD.due_day IS DISTINCT FROM NEW.due_day OR OLD.channel IS DISTINCT FROM NEW.channel
        OR (OLD.status IN (1, 3)) IS DISTINCT FROM (NEW.status IN (1, 3)))
  EXECUTE FUNCTION bieu06_track_change();
-- No delete trigger: a dossier is never deleted (its append-only events refer to it).

SELECT bieu06_rebuild();
