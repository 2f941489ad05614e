-- A live agent's tenant, when it is in the scope.
SELECT tenant_id FROM agents
WHERE id = :id AND kind = 'agent' AND revoked_at IS NULL AND (:allTenants OR tenant_id = :scopeTenant)
