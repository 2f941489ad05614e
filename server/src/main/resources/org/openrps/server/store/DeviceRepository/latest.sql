SELECT tenant_id, site_id, make, model, serial, address, last_seen, total_pages,
       lowest_supply_percent, printer_status
FROM devices
WHERE tenant_id = :tenant
ORDER BY make, serial
