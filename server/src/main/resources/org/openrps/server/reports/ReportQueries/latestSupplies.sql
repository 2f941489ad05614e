-- The supplies of each device's latest snapshot (devices.last_report_id), for every device in the
-- scope, in the device's order: the inventory names each device's lowest supply from them.
SELECT r.tenant_id, r.make, r.serial, r.supply_index, r.description, r.type, r.supply_class,
       r.unit, r.max_capacity, r.level, r.part_number, r.read_at
FROM devices d
JOIN supply_readings r
  ON r.tenant_id = d.tenant_id AND r.report_id = d.last_report_id
 AND r.make = d.make AND r.serial = d.serial
WHERE (:allTenants OR d.tenant_id = :scopeTenant)
ORDER BY r.tenant_id, r.make, r.serial, r.position
