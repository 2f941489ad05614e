-- OpenRPS server schema, PostgreSQL dialect. Instants are timestamptz.
-- Every device, report and reading key starts with the tenant; the site is kept beside it.

CREATE TABLE tenants (
  id          TEXT    NOT NULL PRIMARY KEY,
  name        TEXT    NOT NULL
);

CREATE TABLE sites (
  tenant_id   TEXT    NOT NULL REFERENCES tenants (id),
  id          TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

INSERT INTO tenants (id, name) VALUES ('default', 'Default tenant');
INSERT INTO sites (tenant_id, id, name) VALUES ('default', 'default', 'Default site');

-- An agent logs in with its id alone, so ids are unique across tenants.
CREATE TABLE agents (
  id          TEXT    NOT NULL PRIMARY KEY,
  tenant_id   TEXT    NOT NULL,
  site_id     TEXT    NOT NULL,
  secret_hash TEXT    NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL,
  FOREIGN KEY (tenant_id, site_id) REFERENCES sites (tenant_id, id)
);

CREATE TABLE users (
  username      TEXT    NOT NULL PRIMARY KEY,
  tenant_id     TEXT    NOT NULL REFERENCES tenants (id),
  password_hash TEXT    NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL
);

-- Only a hash of the session token is stored.
CREATE TABLE sessions (
  token_hash  TEXT    NOT NULL PRIMARY KEY,
  username    TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  tenant_id   TEXT    NOT NULL REFERENCES tenants (id),
  csrf_token  TEXT    NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  expires_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX sessions_expires ON sessions (expires_at);

-- The primary key is the idempotency key: a report id is stored once per tenant.
CREATE TABLE reports (
  tenant_id      TEXT    NOT NULL REFERENCES tenants (id),
  report_id      TEXT    NOT NULL,
  site_id        TEXT    NOT NULL,
  source_kind    TEXT    NOT NULL,
  source_id      TEXT    NOT NULL,
  source_version TEXT    NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL,
  received_at    TIMESTAMPTZ NOT NULL,
  device_count   INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, report_id),
  FOREIGN KEY (tenant_id, site_id) REFERENCES sites (tenant_id, id)
);

-- Latest state per device.
CREATE TABLE devices (
  tenant_id             TEXT    NOT NULL REFERENCES tenants (id),
  make                  TEXT    NOT NULL,
  serial                TEXT    NOT NULL,
  site_id               TEXT    NOT NULL,
  model                 TEXT    NOT NULL,
  sys_object_id         TEXT    NOT NULL,
  mac                   TEXT,
  firmware              TEXT,
  sys_name              TEXT,
  address               TEXT    NOT NULL,
  last_seen             TIMESTAMPTZ NOT NULL,
  total_pages           BIGINT,
  lowest_supply_percent DOUBLE PRECISION,
  printer_status        TEXT    NOT NULL,
  last_report_id        TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, make, serial),
  FOREIGN KEY (tenant_id, site_id) REFERENCES sites (tenant_id, id)
);

-- History: one row per device per report, and its readings.
CREATE TABLE device_snapshots (
  tenant_id        TEXT    NOT NULL,
  report_id        TEXT    NOT NULL,
  make             TEXT    NOT NULL,
  serial           TEXT    NOT NULL,
  site_id          TEXT    NOT NULL,
  model            TEXT    NOT NULL,
  address          TEXT    NOT NULL,
  seen_at          TIMESTAMPTZ NOT NULL,
  identity_read_at TIMESTAMPTZ NOT NULL,
  printer_status   TEXT    NOT NULL,
  status_errors    TEXT    NOT NULL,
  status_read_at   TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, report_id, make, serial),
  FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, report_id)
);

CREATE INDEX device_snapshots_device ON device_snapshots (tenant_id, make, serial, seen_at);

CREATE TABLE meter_readings (
  tenant_id   TEXT    NOT NULL,
  report_id   TEXT    NOT NULL,
  make        TEXT    NOT NULL,
  serial      TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  name        TEXT    NOT NULL,
  value       BIGINT NOT NULL,
  oid         TEXT    NOT NULL,
  read_at     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, report_id, make, serial, position),
  FOREIGN KEY (tenant_id, report_id, make, serial)
    REFERENCES device_snapshots (tenant_id, report_id, make, serial)
);

CREATE TABLE supply_readings (
  tenant_id    TEXT    NOT NULL,
  report_id    TEXT    NOT NULL,
  make         TEXT    NOT NULL,
  serial       TEXT    NOT NULL,
  position     INTEGER NOT NULL,
  supply_index INTEGER NOT NULL,
  description  TEXT    NOT NULL,
  type         TEXT    NOT NULL,
  supply_class TEXT    NOT NULL,
  unit         TEXT    NOT NULL,
  max_capacity INTEGER NOT NULL,
  level        INTEGER NOT NULL,
  read_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, report_id, make, serial, position),
  FOREIGN KEY (tenant_id, report_id, make, serial)
    REFERENCES device_snapshots (tenant_id, report_id, make, serial)
);
