INSERT INTO users (username, tenant_id, password_hash, updated_at, role)
VALUES (:username, :tenant, :hash, :now, :role)
ON CONFLICT (username) DO UPDATE SET
  tenant_id = excluded.tenant_id,
  password_hash = excluded.password_hash,
  updated_at = excluded.updated_at,
  role = excluded.role
