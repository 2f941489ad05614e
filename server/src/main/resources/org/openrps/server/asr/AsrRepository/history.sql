SELECT supply_index, description, type, supply_class, unit, max_capacity, level, part_number,
       read_at
FROM supply_readings
WHERE tenant_id = :tenant AND make = :make AND serial = :serial AND read_at >= :from
ORDER BY supply_index, read_at, report_id, position
