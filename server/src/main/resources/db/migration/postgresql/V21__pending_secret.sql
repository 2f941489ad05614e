-- Gap-free secret rotation (ADR 0022): a rotation keeps the new secret's hash as pending next to
-- the current one; both are accepted until the first request with the new one promotes it (and
-- drops the old); a later rotation replaces a pending one. NULL = no rotation under way.
ALTER TABLE agents ADD COLUMN pending_secret_hash TEXT;
