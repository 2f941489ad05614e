INSERT INTO device_supplies
  (tenant_id, make, serial, supply_index, description, type, supply_class, unit, max_capacity,
   level, part_number, read_at, source)
VALUES
  (:tenant, :make, :serial, :supplyIndex, :description, :type, :supplyClass, :unit, :maxCapacity,
   :level, :partNumber, :readAt, :source)
ON CONFLICT (tenant_id, make, serial, supply_index) DO UPDATE SET
  description = excluded.description,
  type = excluded.type,
  supply_class = excluded.supply_class,
  unit = excluded.unit,
  max_capacity = excluded.max_capacity,
  level = excluded.level,
  part_number = excluded.part_number,
  read_at = excluded.read_at,
  source = excluded.source
WHERE excluded.read_at >= device_supplies.read_at
