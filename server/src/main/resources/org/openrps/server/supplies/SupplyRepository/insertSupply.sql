INSERT INTO supply_readings
  (tenant_id, report_id, make, serial, position, supply_index, description, type, supply_class,
   unit, max_capacity, level, read_at, part_number)
VALUES
  (:tenant, :reportId, :make, :serial, :position, :supplyIndex, :description, :type, :supplyClass,
   :unit, :maxCapacity, :level, :readAt, :partNumber)
