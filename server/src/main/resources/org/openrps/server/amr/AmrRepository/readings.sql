SELECT make, serial, name, value, read_at, report_id, flags, server_flags
FROM meter_readings
WHERE tenant_id = :tenant AND read_at >= :from AND read_at <= :to
ORDER BY make, serial, name, read_at, report_id, position
