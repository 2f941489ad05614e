SELECT tenant_id, make, serial, supply_index, description, empty_at
FROM supply_misses
WHERE (:allTenants OR tenant_id = :scopeTenant)
ORDER BY empty_at DESC
LIMIT :limit
