-- Tenant and role come from the user row, so that a change to the user applies at once.
SELECT s.token_hash, s.username, u.tenant_id, u.role, s.csrf_token, s.created_at, s.expires_at
FROM sessions s JOIN users u ON u.username = s.username
WHERE s.token_hash = :hash AND s.expires_at > :now
