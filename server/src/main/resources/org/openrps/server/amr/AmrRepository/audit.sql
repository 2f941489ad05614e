SELECT at, username, action, subject, before_text, after_text, reason
FROM amr_audit
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant
ORDER BY at DESC, subject
LIMIT :limit
