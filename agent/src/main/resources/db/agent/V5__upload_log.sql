-- The upload log (issue 9 point 5): every attempt to upload a report, whatever came of it, with
-- the length and SHA-256 of the gzip body exactly as it went on the wire, so that an administrator
-- can see what the agent sent and compare it with the server's logs (openrps agent outbox).
-- A row is written in the same transaction as the outbox change the attempt caused
-- (acknowledge, reject, attempt failed): never one without the other.
-- Kept as long as readings (the retention policy, default 400 days), and as long as its report is
-- still in the outbox.
CREATE TABLE upload (
  id              INTEGER PRIMARY KEY,
  report_id       TEXT    NOT NULL,
  attempted_at    TEXT    NOT NULL,
  devices         INTEGER NOT NULL,
  bytes           INTEGER,           -- length of the gzip body; NULL when none was built
  sha256          TEXT,              -- SHA-256 of the gzip body, hex; NULL when none was built
  sent            INTEGER NOT NULL,  -- 0: TLS stopped it before any byte of the request left
  outcome         TEXT    NOT NULL
                  CHECK (outcome IN ('acknowledged', 'duplicate', 'refused', 'failed')),
  http_status     INTEGER,           -- NULL when no answer came
  receipt         TEXT,              -- the server's receipt, as JSON (acknowledged, duplicate)
  refusal_code    TEXT,              -- the server's error code (refused), e.g. report.invalid
  refusal_message TEXT,              -- the refusal as the agent showed it (refused)
  error           TEXT               -- what went wrong (failed)
);
CREATE INDEX upload_time ON upload (attempted_at);
CREATE INDEX upload_report ON upload (report_id);
