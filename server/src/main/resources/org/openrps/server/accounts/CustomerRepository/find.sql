SELECT id, name FROM tenants WHERE (:allTenants OR id = :scopeTenant) AND id = :id
