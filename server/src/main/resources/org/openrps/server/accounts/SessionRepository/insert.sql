INSERT INTO sessions (token_hash, username, tenant_id, csrf_token, created_at, expires_at)
VALUES (:hash, :username, :tenant, :csrf, :created, :expires)
