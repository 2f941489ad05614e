-- PostgreSQL: the rows of insertMeter at once, same columns in the same order.
COPY meter_readings
  (tenant_id, report_id, make, serial, position, name, value, oid, read_at, oids, flags,
   server_flags)
FROM STDIN (FORMAT csv)
