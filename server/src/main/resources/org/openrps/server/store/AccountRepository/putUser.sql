INSERT INTO users (username, tenant_id, password_hash, updated_at)
VALUES (:username, :tenant, :hash, :now)
ON CONFLICT (username) DO UPDATE SET
  tenant_id = excluded.tenant_id,
  password_hash = excluded.password_hash,
  updated_at = excluded.updated_at
