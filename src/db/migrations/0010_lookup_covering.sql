-- The public lookup and the dossier timeline read a dossier's events by
-- (dossier_id, seq). With the columns the public history shows in the same
-- index, that read is one index page instead of one heap page per event:
-- events of a live dossier are written days apart and lie on different pages,
-- which at ten million dossiers are rarely in memory. The unique constraint
-- keeps its name and its columns; only its index carries more.
ALTER TABLE dossier_events DROP CONSTRAINT dossier_events_dossier_id_seq_key;
ALTER TABLE dossier_events ADD CONSTRAINT dossier_events_dossier_id_seq_key UNIQUE (dossier_id, seq) INCLUDE (at, action, to_status, agency_id);
