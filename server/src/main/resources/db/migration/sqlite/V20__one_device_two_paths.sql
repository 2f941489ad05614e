-- One device seen by an agent and by its own Device Direct module (ADR 0020): each group of the
-- latest state keeps the source that gave it and when that source read it, so a report older
-- than what is held for a group leaves that group alone, and a report that lacks a group (an
-- agent sends no diagnostics) keeps the other source's. Identity and status already have theirs
-- (identity_read_at/_source, printer_status_at/_source).
ALTER TABLE devices ADD COLUMN meters_at INTEGER;
ALTER TABLE devices ADD COLUMN meters_source TEXT;
-- the snapshot the current meters are read from (was last_report_id)
ALTER TABLE devices ADD COLUMN meters_report_id TEXT;
ALTER TABLE devices ADD COLUMN supplies_at INTEGER;
ALTER TABLE devices ADD COLUMN supplies_source TEXT;
ALTER TABLE devices ADD COLUMN supplies_report_id TEXT;
ALTER TABLE devices ADD COLUMN alerts_at INTEGER;
ALTER TABLE devices ADD COLUMN alerts_source TEXT;
-- input trays and installed options, one group
ALTER TABLE devices ADD COLUMN inputs_at INTEGER;
ALTER TABLE devices ADD COLUMN inputs_source TEXT;
-- a Device Direct module's latest diagnostics as wire JSON (schema openrps.report/6)
ALTER TABLE devices ADD COLUMN diagnostics TEXT;
ALTER TABLE devices ADD COLUMN diagnostics_at INTEGER;
ALTER TABLE devices ADD COLUMN diagnostics_source TEXT;

-- What devices stored before had come from their latest snapshot, whole.
UPDATE devices SET
  meters_at = last_seen, meters_source = address_source, meters_report_id = last_report_id,
  supplies_at = last_seen, supplies_source = address_source, supplies_report_id = last_report_id,
  alerts_at = last_seen, alerts_source = address_source,
  inputs_at = last_seen, inputs_source = address_source;

-- Faults a Device Direct module reported, active or in its failure history: each once, by its
-- code and the time it was raised, with the time it cleared once known.
CREATE TABLE device_faults (
  tenant_id    TEXT    NOT NULL,
  make         TEXT    NOT NULL,
  serial       TEXT    NOT NULL,
  code         TEXT    NOT NULL,
  raised_at    INTEGER     NOT NULL,
  description  TEXT    NOT NULL,
  severity     TEXT    NOT NULL,
  cleared_at   INTEGER,
  source       TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, make, serial, code, raised_at),
  FOREIGN KEY (tenant_id, make, serial) REFERENCES devices (tenant_id, make, serial)
);
