-- PostgreSQL: the rows of insertSnapshot at once, same columns in the same order.
COPY device_snapshots
  (tenant_id, report_id, make, serial, site_id, model, address, seen_at, identity_read_at,
   printer_status, status_errors, status_read_at, source, sys_object_id, mac, firmware, sys_name,
   location, device_status, uptime_seconds, snmp_version, snmp_security)
FROM STDIN (FORMAT csv)
