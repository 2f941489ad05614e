UPDATE commands SET state = 'delivered', delivered_at = :now WHERE id = :id AND state = 'queued'
