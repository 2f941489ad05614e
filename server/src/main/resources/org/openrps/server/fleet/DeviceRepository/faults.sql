-- The faults a device's module reported (V20), the newest raised first.
SELECT code, raised_at, description, severity, cleared_at, source
FROM device_faults
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant AND make = :make AND serial = :serial
ORDER BY raised_at DESC, code
LIMIT :limit
