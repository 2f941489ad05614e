UPDATE device_alerts SET cleared_at = :clearedAt
WHERE tenant_id = :tenant AND make = :make AND serial = :serial AND alert_index = :alertIndex
  AND code = :code AND first_seen_at = :firstSeenAt AND cleared_at IS NULL
