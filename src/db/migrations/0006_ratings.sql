-- Citizens online: satisfaction ratings (đánh giá mức độ hài lòng) of finished
-- dossiers, and per-key counters that throttle public endpoints (failed
-- public lookups, self-registrations) by client address.

-- One rating per dossier, by its owner's account or from the receipt's QR code.
CREATE TABLE dossier_ratings (
  dossier_id text PRIMARY KEY REFERENCES dossiers(id),
  level text NOT NULL CHECK (level IN ('very_satisfied', 'satisfied', 'not_satisfied')),
  comment text CHECK (comment IS NULL OR length(comment) <= 2000),
  by_user_id text REFERENCES users(id),
  via text NOT NULL CHECK (via IN ('account', 'qr')),
  at timestamptz NOT NULL
);
CREATE INDEX dossier_ratings_at_idx ON dossier_ratings (at);

-- Fixed-window counters: `count` events for `key` since `window_started_at`.
CREATE TABLE public_throttle (
  key text PRIMARY KEY,
  count integer NOT NULL CHECK (count >= 0),
  window_started_at timestamptz NOT NULL
);
CREATE INDEX public_throttle_window_idx ON public_throttle (window_started_at);
