INSERT INTO api_tokens (id, token_hash, tenant_id, role, name, created_by, created_at, revoked_at)
SELECT :id, :hash, t.id, :role, :name, :createdBy, :now, NULL
FROM tenants t
WHERE (:allTenants OR t.id = :scopeTenant) AND t.id = :tenant
