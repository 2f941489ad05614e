SELECT report_id, position, supply_index, description, type, supply_class, unit, max_capacity,
       level, part_number, read_at
FROM supply_readings
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant AND make = :make AND serial = :serial
  AND (:anyIndex OR supply_index = :supplyIndex)
  AND (read_at > :afterAt
       OR (read_at = :afterAt AND (report_id > :afterReport
           OR (report_id = :afterReport AND position > :afterPosition))))
ORDER BY read_at, report_id, position
LIMIT :limit
