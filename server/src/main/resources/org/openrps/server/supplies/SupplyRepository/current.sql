-- The supplies of the device's latest snapshot with supplies (V20 supplies_report_id).
SELECT r.supply_index, r.description, r.type, r.supply_class, r.unit, r.max_capacity, r.level,
       r.part_number, r.read_at, s.source
FROM devices d
JOIN device_snapshots s
  ON s.tenant_id = d.tenant_id AND s.report_id = COALESCE(d.supplies_report_id, d.last_report_id)
 AND s.make = d.make AND s.serial = d.serial
JOIN supply_readings r
  ON r.tenant_id = s.tenant_id AND r.report_id = s.report_id
 AND r.make = s.make AND r.serial = s.serial
WHERE (:allTenants OR d.tenant_id = :scopeTenant) AND d.tenant_id = :tenant AND d.make = :make AND d.serial = :serial
ORDER BY r.supply_index, r.position
