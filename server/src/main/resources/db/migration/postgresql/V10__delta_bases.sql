-- Issue 9 point 6 (ADR 0010): the base a sender's deltas (schema openrps.report/4) are made on.
-- One row per tenant, sender and device: the full snapshot of that device that the sender's
-- newest stored report held (by seen_at), as wire JSON (DeviceSnapshot), after the server's own
-- normalisation (device key, NULs). A delta names its base by seen_at; the server rebuilds the
-- full snapshot from this row and stores it like any other. PostgreSQL dialect.
CREATE TABLE delta_bases (
  tenant_id  TEXT NOT NULL,
  source     TEXT NOT NULL,  -- '<kind>:<client id>', as device_snapshots.source
  make       TEXT NOT NULL,
  serial     TEXT NOT NULL,
  seen_at    TIMESTAMPTZ NOT NULL,
  report_id  TEXT NOT NULL,
  snapshot   TEXT NOT NULL,
  PRIMARY KEY (tenant_id, source, serial, make)
);
