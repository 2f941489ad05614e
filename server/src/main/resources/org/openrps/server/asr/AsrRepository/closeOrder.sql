UPDATE supply_orders
SET state = 'closed', closed_at = :closedAt, closed_because = :because
WHERE id = :id AND state = 'open'
