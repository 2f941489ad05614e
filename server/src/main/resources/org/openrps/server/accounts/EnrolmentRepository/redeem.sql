-- Single use, race-safe: the row changes once; a second concurrent redeem finds used_at set.
UPDATE enrol_codes SET used_at = :now, agent_id = :agentId
WHERE code_hash = :hash AND used_at IS NULL AND expires_at > :now
RETURNING tenant_id, site_id
