INSERT INTO agents (id, tenant_id, site_id, secret_hash, updated_at)
VALUES (:id, :tenant, :site, :hash, :now)
ON CONFLICT (id) DO UPDATE SET
  tenant_id = excluded.tenant_id,
  site_id = excluded.site_id,
  secret_hash = excluded.secret_hash,
  updated_at = excluded.updated_at
