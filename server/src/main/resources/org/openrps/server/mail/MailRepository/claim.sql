-- Atomic on both engines: only one node's update matches.
UPDATE mail_outbox SET claimed_by = :node, claimed_until = :until
WHERE id = :id AND state = 'pending' AND next_attempt_at <= :now AND claimed_until <= :now
