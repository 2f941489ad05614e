SELECT tenant_id, make, serial, code, opened_at, severity, kind, description, last_seen_at,
       closed_at, returned
FROM incidents
WHERE (:allTenants OR tenant_id = :scopeTenant)
  AND tenant_id = :tenant AND make = :make AND serial = :serial
ORDER BY opened_at DESC, code
LIMIT :limit
