-- The client itself, authenticated, asks for a new secret: it is kept as pending next to the
-- current one (both work) until its first use; a pending one from an earlier rotation is replaced.
UPDATE agents SET pending_secret_hash = :hash, updated_at = :now
WHERE id = :id AND tenant_id = :tenant AND revoked_at IS NULL
