-- The client itself, authenticated with its current secret, replaces it.
UPDATE agents SET secret_hash = :hash, updated_at = :now
WHERE id = :id AND tenant_id = :tenant AND revoked_at IS NULL
