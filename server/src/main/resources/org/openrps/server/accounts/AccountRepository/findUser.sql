SELECT username, tenant_id, role, password_hash FROM users WHERE username = :username
