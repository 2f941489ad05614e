UPDATE mail_outbox SET state = 'sent', sent_at = :now, attempts = attempts + 1, claimed_by = '',
  claimed_until = :epoch, last_error = NULL
WHERE id = :id AND claimed_by = :node
