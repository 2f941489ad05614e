SELECT tenant_id, make, serial, code, severity, training_level, description, first_seen_at
FROM device_alerts
WHERE cleared_at IS NULL
