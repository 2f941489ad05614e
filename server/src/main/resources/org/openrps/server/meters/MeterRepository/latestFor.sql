SELECT make, serial, name, value, read_at
FROM device_meters
WHERE tenant_id = :tenant AND serial IN (<serials>)
