SELECT username, tenant_id, password_hash FROM users WHERE username = :username
