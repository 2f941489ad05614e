SELECT tenant_id, site_id, make, model, serial, address, last_seen, total_pages,
       lowest_supply_percent, printer_status, address_source, total_pages_source,
       lowest_supply_source, printer_status_source
FROM devices
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant AND make = :make AND serial = :serial
