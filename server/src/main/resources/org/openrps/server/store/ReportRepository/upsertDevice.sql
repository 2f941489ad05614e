-- Latest state per device. A report older than what is stored does not roll the state back;
-- a figure the new snapshot lacks (no total, no supply with a known level) keeps its old value.
INSERT INTO devices
  (tenant_id, make, serial, site_id, model, sys_object_id, mac, firmware, sys_name, address,
   last_seen, total_pages, lowest_supply_percent, printer_status, last_report_id)
VALUES
  (:tenant, :make, :serial, :site, :model, :sysObjectId, :mac, :firmware, :sysName, :address,
   :lastSeen, :totalPages, :lowestSupply, :printerStatus, :reportId)
ON CONFLICT (tenant_id, make, serial) DO UPDATE SET
  site_id = excluded.site_id,
  model = excluded.model,
  sys_object_id = excluded.sys_object_id,
  mac = COALESCE(excluded.mac, devices.mac),
  firmware = COALESCE(excluded.firmware, devices.firmware),
  sys_name = COALESCE(excluded.sys_name, devices.sys_name),
  address = excluded.address,
  last_seen = excluded.last_seen,
  total_pages = COALESCE(excluded.total_pages, devices.total_pages),
  lowest_supply_percent = COALESCE(excluded.lowest_supply_percent, devices.lowest_supply_percent),
  printer_status = excluded.printer_status,
  last_report_id = excluded.last_report_id
WHERE devices.last_seen <= excluded.last_seen
