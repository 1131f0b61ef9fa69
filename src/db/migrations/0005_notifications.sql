-- Notifications to citizens (thông báo cho công dân): the outbox of e-mails
-- and text messages. A row is written in the same transaction as the dossier
-- action that causes it; the worker delivers it afterwards, with retries.

CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
  subject text,                                   -- e-mail only
  body text NOT NULL,                             -- plain text (the SMS itself, or the e-mail's text part)
  html text,                                      -- e-mail only
  template text NOT NULL,                         -- receipt, supplement, apology, result, refusal, stop, payment
  dossier_id text REFERENCES dossiers(id),
  event_seq integer,                              -- the dossier event that caused it
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL,
  locked_until timestamptz,                       -- lease of the worker sending it (status 'sending')
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  CHECK (channel = 'sms' OR subject IS NOT NULL),
  -- An action never notifies the same person twice on the same channel.
  UNIQUE (dossier_id, event_seq, channel, recipient)
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_status_idx ON outbox (status, created_at DESC);
CREATE INDEX outbox_dossier_idx ON outbox (dossier_id);
