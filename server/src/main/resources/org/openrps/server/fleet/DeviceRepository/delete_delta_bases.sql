DELETE FROM delta_bases
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant AND make = :make AND serial = :serial
