SELECT tenant_id, id, name FROM sites
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant AND id > :after
ORDER BY id
LIMIT :limit
