SELECT token_hash, username, tenant_id, csrf_token, created_at, expires_at
FROM sessions
WHERE token_hash = :hash AND expires_at > :now
