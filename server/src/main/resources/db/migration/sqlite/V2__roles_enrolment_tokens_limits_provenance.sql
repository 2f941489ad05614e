-- Issue 5: roles, agent enrolment and revocation, API tokens, shared rate limits and job
-- leases (so that nodes keep no state of their own), alert history, and per-field provenance
-- of the latest device state. SQLite dialect; instants are epoch milliseconds.

-- A user is a provider admin (sees every customer), a customer admin or a customer reader.
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'customer_admin';

-- Agents and Device Direct devices share the client table; a revoked client is refused at once.
ALTER TABLE agents ADD COLUMN kind TEXT NOT NULL DEFAULT 'agent';
ALTER TABLE agents ADD COLUMN revoked_at INTEGER;

-- Sessions take role and tenant from the user on every request; the copy here is not trusted.

-- One-time enrolment codes: only a SHA-256 of the code is kept.
CREATE TABLE enrol_codes (
  code_hash   TEXT    NOT NULL PRIMARY KEY,
  tenant_id   TEXT    NOT NULL,
  site_id     TEXT    NOT NULL,
  created_by  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER,
  agent_id    TEXT,
  FOREIGN KEY (tenant_id, site_id) REFERENCES sites (tenant_id, id)
);

-- API tokens for scripts: the token is "ort_<id>_<secret>"; only a SHA-256 of it is kept.
CREATE TABLE api_tokens (
  id          TEXT    NOT NULL PRIMARY KEY,
  token_hash  TEXT    NOT NULL,
  tenant_id   TEXT    NOT NULL REFERENCES tenants (id),
  role        TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  created_by  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);

-- Fixed-window counters shared by every node: logins per user and per address, uploads per agent.
CREATE TABLE rate_limits (
  bucket       TEXT    NOT NULL PRIMARY KEY,
  window_start INTEGER NOT NULL,
  hits         INTEGER NOT NULL
);

-- One row per periodic job: the node holding an unexpired lease runs it.
CREATE TABLE job_leases (
  job         TEXT    NOT NULL PRIMARY KEY,
  holder      TEXT    NOT NULL,
  until       INTEGER NOT NULL
);

INSERT INTO job_leases (job, holder, until) VALUES ('retention', '', 0);

-- Alerts per snapshot. The wire format carries none yet (only status errors); the table is ready.
CREATE TABLE alert_readings (
  tenant_id   TEXT    NOT NULL,
  report_id   TEXT    NOT NULL,
  make        TEXT    NOT NULL,
  serial      TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  code        TEXT    NOT NULL,
  severity    TEXT    NOT NULL,
  description TEXT    NOT NULL,
  read_at     INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, report_id, make, serial, position),
  FOREIGN KEY (tenant_id, report_id, make, serial)
    REFERENCES device_snapshots (tenant_id, report_id, make, serial)
);

-- Per-field provenance: each figure of the latest state keeps when it was read and by whom
-- ("agent:<id>" or "device:<id>"), so that the latest value of each field wins across sources.
ALTER TABLE devices ADD COLUMN address_at INTEGER;
ALTER TABLE devices ADD COLUMN address_source TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE devices ADD COLUMN total_pages_at INTEGER;
ALTER TABLE devices ADD COLUMN total_pages_source TEXT;
ALTER TABLE devices ADD COLUMN lowest_supply_at INTEGER;
ALTER TABLE devices ADD COLUMN lowest_supply_source TEXT;
ALTER TABLE devices ADD COLUMN printer_status_at INTEGER;
ALTER TABLE devices ADD COLUMN printer_status_source TEXT NOT NULL DEFAULT 'unknown';
UPDATE devices SET address_at = last_seen, printer_status_at = last_seen,
  total_pages_at = CASE WHEN total_pages IS NULL THEN NULL ELSE last_seen END,
  total_pages_source = CASE WHEN total_pages IS NULL THEN NULL ELSE 'unknown' END,
  lowest_supply_at = CASE WHEN lowest_supply_percent IS NULL THEN NULL ELSE last_seen END,
  lowest_supply_source = CASE WHEN lowest_supply_percent IS NULL THEN NULL ELSE 'unknown' END;

CREATE INDEX meter_readings_device ON meter_readings (tenant_id, make, serial, read_at);
CREATE INDEX device_snapshots_seen ON device_snapshots (seen_at);
CREATE INDEX agents_tenant ON agents (tenant_id, id);
CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id, id);
