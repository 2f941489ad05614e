-- Rows to send now, oldest first, that no other node is sending.
SELECT id FROM mail_outbox
WHERE state = 'pending' AND next_attempt_at <= :now AND claimed_until <= :now
ORDER BY next_attempt_at, id
LIMIT :limit
