INSERT INTO meter_readings
  (tenant_id, report_id, make, serial, position, name, value, oid, read_at, oids, flags,
   server_flags)
VALUES
  (:tenant, :reportId, :make, :serial, :position, :name, :value, :oid, :readAt, :oids, :flags,
   :serverFlags)
