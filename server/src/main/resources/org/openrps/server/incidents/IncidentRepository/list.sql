SELECT tenant_id, make, serial, code, opened_at, severity, kind, description, last_seen_at,
       closed_at, returned
FROM incidents
WHERE (:allTenants OR tenant_id = :scopeTenant)
  AND (NOT :openOnly OR closed_at IS NULL)
ORDER BY opened_at DESC, make, serial, code
LIMIT :limit
