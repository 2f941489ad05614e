SELECT alert_index, code, alert_group, severity, training_level, description, first_seen_at,
       cleared_at, source
FROM device_alerts
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant AND make = :make AND serial = :serial
  AND (NOT :openOnly OR cleared_at IS NULL)
ORDER BY first_seen_at DESC, alert_index, code
LIMIT :limit
