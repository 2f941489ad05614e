SELECT * FROM mail_outbox
WHERE (:allTenants OR tenant_id = :scopeTenant) AND state = 'failed'
ORDER BY next_attempt_at DESC, id
LIMIT :limit
