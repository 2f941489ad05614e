SELECT id, tenant_id, last_contact_at
FROM agents
WHERE kind = 'agent' AND revoked_at IS NULL
  AND last_contact_at IS NOT NULL AND last_contact_at < :before
