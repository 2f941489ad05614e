INSERT INTO device_alerts
  (tenant_id, make, serial, alert_index, code, alert_group, severity, training_level,
   description, first_seen_at, cleared_at, source)
VALUES
  (:tenant, :make, :serial, :alertIndex, :code, :alertGroup, :severity, :trainingLevel,
   :description, :seenAt, NULL, :source)
