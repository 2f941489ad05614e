SELECT name, value, oids, flags, server_flags, read_at, source, trusted_value, trusted_at
FROM device_meters
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant AND make = :make AND serial = :serial
ORDER BY name
