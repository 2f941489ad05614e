-- Open incidents and those closed since :closedSince: open ones first, then closed, newest first.
SELECT tenant_id, make, serial, code, opened_at, severity, kind, description, last_seen_at,
       closed_at, returned
FROM incidents
WHERE (:allTenants OR tenant_id = :scopeTenant)
  AND (closed_at IS NULL OR closed_at >= :closedSince)
ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, opened_at DESC, make, serial, code
LIMIT :limit
