-- The fleet's devices matching a group, each with whether a live Device Direct credential is bound
-- to it (a device without one cannot take a device command).
SELECT d.tenant_id, d.make, d.serial,
  EXISTS (SELECT 1 FROM agents a
          WHERE a.tenant_id = d.tenant_id AND a.kind = 'device' AND a.revoked_at IS NULL
            AND a.device_make = d.make AND a.device_serial = d.serial) AS reachable
FROM devices d
WHERE (:allTenants OR d.tenant_id = :scopeTenant)
  AND (:anyTenant OR d.tenant_id = :tenant)
  AND (:anySite OR d.site_id = :site)
  AND (:anyMake OR d.make = :make)
ORDER BY d.tenant_id, d.make, d.serial
LIMIT :limit
