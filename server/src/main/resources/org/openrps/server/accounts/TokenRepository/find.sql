-- Authentication: a revoked token is not found.
SELECT id, token_hash, tenant_id, role, name, created_by, created_at
FROM api_tokens WHERE id = :id AND revoked_at IS NULL
