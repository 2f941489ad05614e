SELECT id, token_hash, tenant_id, role, name, created_by, created_at
FROM api_tokens
WHERE (:allTenants OR tenant_id = :scopeTenant) AND revoked_at IS NULL AND id > :after
ORDER BY id
LIMIT :limit
