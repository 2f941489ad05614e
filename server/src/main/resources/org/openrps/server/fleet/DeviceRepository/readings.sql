SELECT report_id, seen_at, address, printer_status, status_errors
FROM device_snapshots
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant AND make = :make AND serial = :serial
  AND (seen_at > :afterAt OR (seen_at = :afterAt AND report_id > :afterReport))
ORDER BY seen_at, report_id
LIMIT :limit
