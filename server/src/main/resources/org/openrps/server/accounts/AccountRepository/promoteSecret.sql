-- The first request with the pending secret makes it the only one: the previous stops working.
UPDATE agents SET secret_hash = pending_secret_hash, pending_secret_hash = NULL, updated_at = :now
WHERE id = :id AND pending_secret_hash = :hash AND revoked_at IS NULL
