INSERT INTO commands
  (id, tenant_id, client_id, make, serial, type, params, created_at, created_by, expires_at, state)
VALUES
  (:id, :tenant, :clientId, :make, :serial, :type, :params, :createdAt, :createdBy, :expiresAt,
   'queued')
