-- A Device Direct credential is bound to the one device it enrolled as (its key: make and
-- normalised serial); an agent's columns stay NULL.
ALTER TABLE agents ADD COLUMN device_make TEXT;
ALTER TABLE agents ADD COLUMN device_serial TEXT;

CREATE INDEX agents_bound_device ON agents (tenant_id, device_make, device_serial)
  WHERE device_make IS NOT NULL;

-- The command channel (ADR 19): commands queued for an agent (client_id; make and serial name the
-- device to re-read, if any) or for a Device Direct device (make and serial, client_id NULL: the
-- device's live credential fetches it, a re-enrolled module included), fetched at the client's
-- next contact, answered once. Ids are random and unguessable.
CREATE TABLE commands (
  id               TEXT    NOT NULL PRIMARY KEY,
  tenant_id        TEXT    NOT NULL REFERENCES tenants (id),
  client_id        TEXT,
  make             TEXT,
  serial           TEXT,
  type             TEXT    NOT NULL,
  params           TEXT    NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL,
  created_by       TEXT    NOT NULL,
  expires_at       TIMESTAMPTZ NOT NULL,
  state            TEXT    NOT NULL,
  delivered_at     TIMESTAMPTZ,
  finished_at      TIMESTAMPTZ,
  result_message   TEXT,
  result_details   TEXT,
  applied_at       TIMESTAMPTZ
);

CREATE INDEX commands_fetch ON commands (client_id, state, created_at);
CREATE INDEX commands_tenant ON commands (tenant_id, created_at);
CREATE INDEX commands_device ON commands (tenant_id, make, serial, created_at);
CREATE INDEX commands_open ON commands (expires_at) WHERE state IN ('queued', 'delivered');
