INSERT INTO meter_readings
  (tenant_id, report_id, make, serial, position, name, value, oid, read_at)
VALUES
  (:tenant, :reportId, :make, :serial, :position, :name, :value, :oid, :readAt)
