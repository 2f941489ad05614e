SELECT id, name FROM tenants
WHERE (:allTenants OR id = :scopeTenant) AND id > :after
ORDER BY id
LIMIT :limit
