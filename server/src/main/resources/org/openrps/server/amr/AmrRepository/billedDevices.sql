-- The customer's devices at the cut-off: every device but those first seen after it.
SELECT d.make, d.serial
FROM devices d
WHERE d.tenant_id = :tenant
  AND COALESCE((SELECT MIN(s.seen_at) FROM device_snapshots s
                WHERE s.tenant_id = d.tenant_id AND s.make = d.make AND s.serial = d.serial),
               :cutOff) <= :cutOff
ORDER BY d.make, d.serial
