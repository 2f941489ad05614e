INSERT INTO agents
  (id, tenant_id, site_id, secret_hash, updated_at, kind, revoked_at, device_make, device_serial,
   pending_secret_hash)
VALUES (:id, :tenant, :site, :hash, :now, :kind, NULL, :deviceMake, :deviceSerial, NULL)
ON CONFLICT (id) DO UPDATE SET
  tenant_id = excluded.tenant_id,
  site_id = excluded.site_id,
  secret_hash = excluded.secret_hash,
  updated_at = excluded.updated_at,
  kind = excluded.kind,
  revoked_at = NULL,
  device_make = excluded.device_make,
  device_serial = excluded.device_serial,
  pending_secret_hash = NULL
