SELECT id, tenant_id, make, serial, supply_index, description, part_number, quantity, site_id,
       state, reason, raised_at, level_percent, days_low, days_high, closed_at, closed_because
FROM supply_orders
WHERE (:allTenants OR tenant_id = :scopeTenant)
  AND (:anyState OR state = :state)
ORDER BY raised_at DESC, id
LIMIT :limit
