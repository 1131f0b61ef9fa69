-- pgbench baseline for one dossier lifecycle: the SQL writes the engine makes
-- (counter intake with code counter, dossier row and its first event; then
-- forward ×4, complete and return, each locking the row, appending an event
-- and updating the projection), one transaction per HTTP request, issued
-- straight to PostgreSQL. bench/run.ts fills in the {{…}} placeholders.
\set n random(1, 2000000000)
BEGIN;
INSERT INTO dossier_code_counters (agency_id, day, last) VALUES ('{{RECEPTION}}', CURRENT_DATE, 1)
  ON CONFLICT (agency_id, day) DO UPDATE SET last = dossier_code_counters.last + 1;
INSERT INTO dossiers (id, code, status, channel, procedure_id, procedure_version_id, procedure_code, procedure_name, field_code, case_code, case_name,
  duration_amount, duration_unit, workflow, agency_id, reception_agency_id, current_agency_id, involved_agencies, current_step, step_started_at,
  applicant, applicant_name_search, components, submitted_at, received_at, clock_started_at, due_at, event_count, last_hash, version)
VALUES ('pgb-' || :client_id || '-' || :n, 'PGB-' || :client_id || '-' || :n, 2, 'counter', '{{PROC}}', '{{VERSION}}', 'X', 'Thủ tục', 'XAY_DUNG', 'C', 'Trường hợp',
  20, 'working_days', '{}'::jsonb, '{{AGENCY}}', '{{RECEPTION}}', '{{RECEPTION}}', ARRAY['{{RECEPTION}}', '{{AGENCY}}'], 'tiep-nhan', now(),
  '{"fullName":"Lê Thị Hồng","idNumber":"038190001234","phone":"0912345678","address":"Hạc Thành"}'::jsonb, 'le thi hong', '[{"name":"Đơn đề nghị"}]'::jsonb,
  now(), now(), now(), now() + interval '28 days', 1, repeat('a', 64), 1);
INSERT INTO dossier_events (dossier_id, seq, action, actor_id, actor_name, at, from_status, to_status, to_step, agency_id, data, prev_hash, hash)
VALUES ('pgb-' || :client_id || '-' || :n, 1, 'create', NULL, 'Cán bộ', now(), NULL, 2, 'tiep-nhan', '{{RECEPTION}}', '{"channel":"counter"}', repeat('0', 64), repeat('a', 64));
COMMIT;
BEGIN;
SELECT version FROM dossiers WHERE id = 'pgb-' || :client_id || '-' || :n FOR UPDATE;
INSERT INTO dossier_events (dossier_id, seq, action, at, from_status, to_status, from_step, to_step, agency_id, data, prev_hash, hash)
VALUES ('pgb-' || :client_id || '-' || :n, 2, 'forward', now(), 2, 4, 'tiep-nhan', 'tham-dinh', '{{AGENCY}}', '{"stepOutcome":{"step":"tiep-nhan","outcome":"early"}}', repeat('a', 64), repeat('b', 64));
UPDATE dossiers SET status = 4, current_step = 'tham-dinh', current_agency_id = '{{AGENCY}}', step_started_at = now(), event_count = 2, last_hash = repeat('b', 64), version = version + 1, updated_at = now() WHERE id = 'pgb-' || :client_id || '-' || :n;
COMMIT;
BEGIN;
SELECT version FROM dossiers WHERE id = 'pgb-' || :client_id || '-' || :n FOR UPDATE;
INSERT INTO dossier_events (dossier_id, seq, action, at, from_status, to_status, from_step, to_step, agency_id, data, prev_hash, hash)
VALUES ('pgb-' || :client_id || '-' || :n, 3, 'forward', now(), 4, 4, 'tham-dinh', 'xem-xet', '{{AGENCY}}', '{"stepOutcome":{"step":"tham-dinh","outcome":"early"}}', repeat('b', 64), repeat('c', 64));
UPDATE dossiers SET current_step = 'xem-xet', step_started_at = now(), event_count = 3, last_hash = repeat('c', 64), version = version + 1, updated_at = now() WHERE id = 'pgb-' || :client_id || '-' || :n;
COMMIT;
BEGIN;
SELECT version FROM dossiers WHERE id = 'pgb-' || :client_id || '-' || :n FOR UPDATE;
INSERT INTO dossier_events (dossier_id, seq, action, at, from_status, to_status, from_step, to_step, agency_id, data, prev_hash, hash)
VALUES ('pgb-' || :client_id || '-' || :n, 4, 'forward', now(), 4, 4, 'xem-xet', 'phe-duyet', '{{AGENCY}}', '{"stepOutcome":{"step":"xem-xet","outcome":"early"}}', repeat('c', 64), repeat('d', 64));
UPDATE dossiers SET current_step = 'phe-duyet', step_started_at = now(), event_count = 4, last_hash = repeat('d', 64), version = version + 1, updated_at = now() WHERE id = 'pgb-' || :client_id || '-' || :n;
COMMIT;
BEGIN;
SELECT version FROM dossiers WHERE id = 'pgb-' || :client_id || '-' || :n FOR UPDATE;
INSERT INTO dossier_events (dossier_id, seq, action, at, from_status, to_status, from_step, to_step, agency_id, data, prev_hash, hash)
VALUES ('pgb-' || :client_id || '-' || :n, 5, 'forward', now(), 4, 4, 'phe-duyet', 'tra-ket-qua', '{{AGENCY}}', '{"stepOutcome":{"step":"phe-duyet","outcome":"early"}}', repeat('d', 64), repeat('e', 64));
UPDATE dossiers SET current_step = 'tra-ket-qua', step_started_at = now(), event_count = 5, last_hash = repeat('e', 64), version = version + 1, updated_at = now() WHERE id = 'pgb-' || :client_id || '-' || :n;
COMMIT;
BEGIN;
SELECT version FROM dossiers WHERE id = 'pgb-' || :client_id || '-' || :n FOR UPDATE;
INSERT INTO dossier_events (dossier_id, seq, action, at, from_status, to_status, from_step, agency_id, data, prev_hash, hash)
VALUES ('pgb-' || :client_id || '-' || :n, 6, 'complete', now(), 4, 9, 'tra-ket-qua', '{{RECEPTION}}', '{"result":{"number":"125/GPXD","signer":"Đỗ Quang Vinh","signedOn":"2026-03-03"}}', repeat('e', 64), repeat('f', 64));
UPDATE dossiers SET status = 9, current_step = NULL, finished_at = now(), timeliness = 'early', result = '{"number":"125/GPXD"}', current_agency_id = '{{RECEPTION}}', event_count = 6, last_hash = repeat('f', 64), version = version + 1, updated_at = now() WHERE id = 'pgb-' || :client_id || '-' || :n;
COMMIT;
BEGIN;
SELECT version FROM dossiers WHERE id = 'pgb-' || :client_id || '-' || :n FOR UPDATE;
INSERT INTO dossier_events (dossier_id, seq, action, at, from_status, to_status, agency_id, data, prev_hash, hash)
VALUES ('pgb-' || :client_id || '-' || :n, 7, 'return', now(), 9, 10, '{{RECEPTION}}', '{"method":"counter"}', repeat('f', 64), repeat('1', 64));
UPDATE dossiers SET status = 10, returned_at = now(), return_info = '{"method":"counter"}', event_count = 7, last_hash = repeat('1', 64), version = version + 1, updated_at = now() WHERE id = 'pgb-' || :client_id || '-' || :n;
COMMIT;
