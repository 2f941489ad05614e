INSERT INTO alert_readings
  (tenant_id, report_id, make, serial, position, alert_index, severity, training_level,
   alert_group, code, description, read_at)
VALUES
  (:tenant, :reportId, :make, :serial, :position, :alertIndex, :severity, :trainingLevel,
   :alertGroup, :code, :description, :readAt)
