SELECT id, tenant_id, site_id, secret_hash FROM agents WHERE id = :id
