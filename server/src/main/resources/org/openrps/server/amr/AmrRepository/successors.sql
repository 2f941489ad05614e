-- Devices another device took the place of: a different device answers at the address this one
-- had at its site, first seen after this one's last snapshot and no later than the cut-off (a swap).
SELECT d.make, d.serial, e.make AS new_make, e.serial AS new_serial, MIN(es.seen_at) AS since
FROM devices d
JOIN devices e
  ON e.tenant_id = d.tenant_id AND e.site_id = d.site_id AND e.address = d.address
 AND (e.make <> d.make OR e.serial <> d.serial)
JOIN device_snapshots es
  ON es.tenant_id = e.tenant_id AND es.make = e.make AND es.serial = e.serial
WHERE d.tenant_id = :tenant AND d.address IS NOT NULL AND d.address <> '' AND es.seen_at <= :cutOff
GROUP BY d.tenant_id, d.make, d.serial, e.make, e.serial
HAVING MIN(es.seen_at) > (SELECT MAX(s.seen_at) FROM device_snapshots s
                          WHERE s.tenant_id = d.tenant_id AND s.make = d.make
                            AND s.serial = d.serial)
