SELECT tenant_id, kind, delivery, recipients FROM mail_settings
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant
ORDER BY kind
