SELECT tenant_id, make, serial, site_id
FROM devices
ORDER BY tenant_id, make, serial
