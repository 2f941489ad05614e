-- A Device Direct device's open commands: queued for its key in its tenant, not expired.
SELECT id, tenant_id, client_id, make, serial, type, params, created_at, created_by, expires_at, state,
  delivered_at, finished_at, result_message, result_details, applied_at
FROM commands
WHERE tenant_id = :tenant AND client_id IS NULL AND make = :make AND serial = :serial
  AND state IN ('queued', 'delivered') AND expires_at > :now
ORDER BY created_at, id
LIMIT :limit
