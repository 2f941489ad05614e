SELECT make, serial, alert_index, code, first_seen_at, source
FROM device_alerts
WHERE tenant_id = :tenant AND serial IN (<serials>) AND cleared_at IS NULL
