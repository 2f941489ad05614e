SELECT tenant_id, agent_id, code, opened_at, severity, description, last_contact_at, closed_at
FROM agent_incidents
WHERE (:allTenants OR tenant_id = :scopeTenant)
  AND (NOT :openOnly OR closed_at IS NULL)
ORDER BY opened_at DESC, agent_id
LIMIT :limit
