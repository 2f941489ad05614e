-- Whether the device has a live Device Direct credential bound to it in the tenant.
SELECT COUNT(*) FROM agents
WHERE tenant_id = :tenant AND kind = 'device' AND revoked_at IS NULL
  AND device_make = :make AND device_serial = :serial
