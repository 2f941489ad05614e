INSERT INTO device_snapshots
  (tenant_id, report_id, make, serial, site_id, model, address, seen_at, identity_read_at,
   printer_status, status_errors, status_read_at)
VALUES
  (:tenant, :reportId, :make, :serial, :site, :model, :address, :seenAt, :identityReadAt,
   :printerStatus, :statusErrors, :statusReadAt)
