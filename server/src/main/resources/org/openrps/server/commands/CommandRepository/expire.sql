UPDATE commands SET state = 'expired', finished_at = :now
WHERE state IN ('queued', 'delivered') AND expires_at <= :now
