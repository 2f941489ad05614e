UPDATE mail_outbox SET state = :state, attempts = attempts + 1, next_attempt_at = :next,
  last_error = :error, claimed_by = '', claimed_until = :epoch
WHERE id = :id AND claimed_by = :node
