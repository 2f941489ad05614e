-- An agent's open commands: queued for its client id in its tenant, not expired.
SELECT id, tenant_id, client_id, make, serial, type, params, created_at, created_by, expires_at, state,
  delivered_at, finished_at, result_message, result_details, applied_at
FROM commands
WHERE client_id = :clientId AND tenant_id = :tenant
  AND state IN ('queued', 'delivered') AND expires_at > :now
ORDER BY created_at, id
LIMIT :limit
