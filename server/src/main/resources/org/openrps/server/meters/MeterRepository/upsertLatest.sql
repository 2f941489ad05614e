-- The latest reading of a meter wins by reading time, whoever sent it; the trusted value moves
-- only with a reading nobody flagged.
INSERT INTO device_meters
  (tenant_id, make, serial, name, value, oids, flags, server_flags, read_at, source,
   trusted_value, trusted_at)
VALUES
  (:tenant, :make, :serial, :name, :value, :oids, :flags, :serverFlags, :readAt, :source,
   :trustedValue, :trustedAt)
ON CONFLICT (tenant_id, make, serial, name) DO UPDATE SET
  value = excluded.value,
  oids = excluded.oids,
  flags = excluded.flags,
  server_flags = excluded.server_flags,
  read_at = excluded.read_at,
  source = excluded.source,
  trusted_value = COALESCE(excluded.trusted_value, device_meters.trusted_value),
  trusted_at = COALESCE(excluded.trusted_at, device_meters.trusted_at)
WHERE excluded.read_at >= device_meters.read_at
