-- Each device of the report as stored before it: when it was last seen, and the meters of its
-- latest snapshot (none for a new device).
SELECT d.make, d.serial, d.last_seen, m.name, m.value, m.read_at
FROM devices d
LEFT JOIN meter_readings m
  ON m.tenant_id = d.tenant_id AND m.report_id = d.last_report_id
 AND m.make = d.make AND m.serial = d.serial
WHERE d.tenant_id = :tenant AND d.serial IN (<serials>)
