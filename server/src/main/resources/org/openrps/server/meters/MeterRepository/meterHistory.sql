SELECT report_id, position, name, value, oid, oids, flags, server_flags, read_at
FROM meter_readings
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant AND make = :make AND serial = :serial
  AND (read_at > :afterAt
       OR (read_at = :afterAt AND (report_id > :afterReport
           OR (report_id = :afterReport AND position > :afterPosition))))
ORDER BY read_at, report_id, position
LIMIT :limit
