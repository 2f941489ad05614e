-- A fault a Device Direct module reported (V20), once by code and raising time: a report that
-- knows when it cleared sets that; one that does not (it was still active then) leaves it.
INSERT INTO device_faults
  (tenant_id, make, serial, code, raised_at, description, severity, cleared_at, source)
VALUES
  (:tenant, :make, :serial, :code, :raisedAt, :description, :severity, :clearedAt, :source)
ON CONFLICT (tenant_id, make, serial, code, raised_at) DO UPDATE SET
  cleared_at = COALESCE(excluded.cleared_at, device_faults.cleared_at),
  description = excluded.description,
  severity = excluded.severity,
  source = excluded.source
