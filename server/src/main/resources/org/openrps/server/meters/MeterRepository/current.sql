-- The meters of the device's latest snapshot with meters (V20 meters_report_id; no copy is kept:
-- the history is the truth), each
-- with the last value that neither the source nor the server flagged.
SELECT m.name, m.value, m.oids, m.flags, m.server_flags, m.read_at, s.source,
       CASE WHEN m.flags = '' AND m.server_flags = '' THEN m.value ELSE (
         SELECT t.value FROM meter_readings t
         WHERE t.tenant_id = m.tenant_id AND t.make = m.make AND t.serial = m.serial
           AND t.name = m.name AND t.flags = '' AND t.server_flags = ''
         ORDER BY t.read_at DESC LIMIT 1) END AS trusted_value,
       CASE WHEN m.flags = '' AND m.server_flags = '' THEN m.read_at ELSE (
         SELECT t.read_at FROM meter_readings t
         WHERE t.tenant_id = m.tenant_id AND t.make = m.make AND t.serial = m.serial
           AND t.name = m.name AND t.flags = '' AND t.server_flags = ''
         ORDER BY t.read_at DESC LIMIT 1) END AS trusted_at
FROM devices d
JOIN device_snapshots s
  ON s.tenant_id = d.tenant_id AND s.report_id = COALESCE(d.meters_report_id, d.last_report_id)
 AND s.make = d.make AND s.serial = d.serial
JOIN meter_readings m
  ON m.tenant_id = s.tenant_id AND m.report_id = s.report_id
 AND m.make = s.make AND m.serial = s.serial
WHERE (:allTenants OR d.tenant_id = :scopeTenant) AND d.tenant_id = :tenant AND d.make = :make AND d.serial = :serial
ORDER BY m.name, m.position
