SELECT name, value, oid, read_at
FROM meter_readings
WHERE tenant_id = :tenant AND make = :make AND serial = :serial
ORDER BY read_at, report_id, position
