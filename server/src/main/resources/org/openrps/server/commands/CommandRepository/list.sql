-- Newest first, after the cursor (created_at, id) when one is given.
SELECT id, tenant_id, client_id, make, serial, type, params, created_at, created_by, expires_at, state,
  delivered_at, finished_at, result_message, result_details, applied_at
FROM commands
WHERE (:allTenants OR tenant_id = :scopeTenant)
  AND (:anyTenant OR tenant_id = :tenant)
  AND (:anyDevice OR (make = :make AND serial = :serial))
  AND (:anyState OR state = :state)
  AND (:anyAgent OR client_id = :agent)
  AND (:first OR created_at < :afterAt OR (created_at = :afterAt AND id < :afterId))
ORDER BY created_at DESC, id DESC
LIMIT :limit
