-- Issue 8: every field the wire carries is kept, with its reading time and source; the latest
-- meters, supplies and alerts of each device get tables of their own (alerts with the time they
-- cleared); agents show their last contact. SQLite dialect; instants are epoch milliseconds.

ALTER TABLE agents ADD COLUMN last_contact_at INTEGER;
ALTER TABLE agents ADD COLUMN last_version TEXT;
ALTER TABLE agents ADD COLUMN devices_reported INTEGER NOT NULL DEFAULT 0;

-- History: each snapshot keeps identity, status and SNMP posture as read, and its source.
ALTER TABLE device_snapshots ADD COLUMN source TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE device_snapshots ADD COLUMN sys_object_id TEXT;
ALTER TABLE device_snapshots ADD COLUMN mac TEXT;
ALTER TABLE device_snapshots ADD COLUMN firmware TEXT;
ALTER TABLE device_snapshots ADD COLUMN sys_name TEXT;
ALTER TABLE device_snapshots ADD COLUMN location TEXT;
ALTER TABLE device_snapshots ADD COLUMN device_status TEXT;
ALTER TABLE device_snapshots ADD COLUMN uptime_seconds INTEGER;
ALTER TABLE device_snapshots ADD COLUMN snmp_version TEXT;
ALTER TABLE device_snapshots ADD COLUMN snmp_security TEXT;

-- Meters: every OID a value came from (space-separated), the source's integrity flags and the
-- server's own (comma-separated; empty when none).
ALTER TABLE meter_readings ADD COLUMN oids TEXT NOT NULL DEFAULT '';
ALTER TABLE meter_readings ADD COLUMN flags TEXT NOT NULL DEFAULT '';
ALTER TABLE meter_readings ADD COLUMN server_flags TEXT NOT NULL DEFAULT '';
UPDATE meter_readings SET oids = oid;

ALTER TABLE supply_readings ADD COLUMN part_number TEXT;

-- Latest state: the fields a snapshot carries once per device.
ALTER TABLE devices ADD COLUMN location TEXT;
ALTER TABLE devices ADD COLUMN device_status TEXT;
ALTER TABLE devices ADD COLUMN uptime_seconds INTEGER;
ALTER TABLE devices ADD COLUMN status_errors TEXT NOT NULL DEFAULT '[]';
ALTER TABLE devices ADD COLUMN snmp_version TEXT;
ALTER TABLE devices ADD COLUMN snmp_security TEXT;
ALTER TABLE devices ADD COLUMN inputs TEXT NOT NULL DEFAULT '[]';
ALTER TABLE devices ADD COLUMN options TEXT NOT NULL DEFAULT '[]';
ALTER TABLE devices ADD COLUMN identity_read_at INTEGER;
ALTER TABLE devices ADD COLUMN identity_source TEXT;

-- The latest reading of each meter of a device, and the last one nobody flagged: a flagged value
-- is shown beside the trusted one, never instead of it.
CREATE TABLE device_meters (
  tenant_id     TEXT    NOT NULL,
  make          TEXT    NOT NULL,
  serial        TEXT    NOT NULL,
  name          TEXT    NOT NULL,
  value         INTEGER  NOT NULL,
  oids          TEXT    NOT NULL,
  flags         TEXT    NOT NULL,
  server_flags  TEXT    NOT NULL,
  read_at       INTEGER NOT NULL,
  source        TEXT    NOT NULL,
  trusted_value INTEGER,
  trusted_at    INTEGER,
  PRIMARY KEY (tenant_id, make, serial, name),
  FOREIGN KEY (tenant_id, make, serial) REFERENCES devices (tenant_id, make, serial)
);

-- The latest reading of each supply position of a device.
CREATE TABLE device_supplies (
  tenant_id    TEXT    NOT NULL,
  make         TEXT    NOT NULL,
  serial       TEXT    NOT NULL,
  supply_index INTEGER NOT NULL,
  description  TEXT    NOT NULL,
  type         TEXT    NOT NULL,
  supply_class TEXT    NOT NULL,
  unit         TEXT    NOT NULL,
  max_capacity INTEGER NOT NULL,
  level        INTEGER NOT NULL,
  part_number  TEXT,
  read_at      INTEGER NOT NULL,
  source       TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, make, serial, supply_index),
  FOREIGN KEY (tenant_id, make, serial) REFERENCES devices (tenant_id, make, serial)
);

-- Alerts as the device raised them: one row from the first snapshot that showed the alert to
-- the first that did not (cleared_at), or open (cleared_at NULL).
CREATE TABLE device_alerts (
  tenant_id      TEXT    NOT NULL,
  make           TEXT    NOT NULL,
  serial         TEXT    NOT NULL,
  alert_index    INTEGER NOT NULL,
  code           TEXT    NOT NULL,
  alert_group    TEXT    NOT NULL,
  severity       TEXT    NOT NULL,
  training_level TEXT    NOT NULL,
  description    TEXT    NOT NULL,
  first_seen_at  INTEGER NOT NULL,
  cleared_at     INTEGER,
  source         TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, make, serial, alert_index, code, first_seen_at),
  FOREIGN KEY (tenant_id, make, serial) REFERENCES devices (tenant_id, make, serial)
);

CREATE INDEX device_alerts_open ON device_alerts (tenant_id, make, serial) WHERE cleared_at IS NULL;
CREATE INDEX devices_serial ON devices (tenant_id, serial);
CREATE INDEX supply_readings_device ON supply_readings (tenant_id, make, serial, read_at);
