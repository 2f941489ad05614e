-- PostgreSQL: the rows of insertSupply at once, same columns in the same order.
COPY supply_readings
  (tenant_id, report_id, make, serial, position, supply_index, description, type, supply_class,
   unit, max_capacity, level, read_at, part_number)
FROM STDIN (FORMAT csv)
