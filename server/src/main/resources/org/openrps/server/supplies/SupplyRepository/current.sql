SELECT supply_index, description, type, supply_class, unit, max_capacity, level, part_number,
       read_at, source
FROM device_supplies
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant AND make = :make AND serial = :serial
ORDER BY supply_index
