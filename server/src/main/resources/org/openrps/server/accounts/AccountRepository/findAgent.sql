-- Authentication: a revoked client is not found, so it is refused at once (nothing is cached).
SELECT id, kind, tenant_id, site_id, secret_hash, device_make, device_serial, pending_secret_hash
FROM agents WHERE id = :id AND revoked_at IS NULL
