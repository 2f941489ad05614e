-- Users in the scope by name, never their hashes. A customer's scope does not see the provider's
-- admins, even those whose home tenant is that customer.
SELECT username, tenant_id, role, updated_at
FROM users
WHERE (:allTenants OR (tenant_id = :scopeTenant AND role <> 'provider_admin'))
  AND (:anyRole OR role = :role)
  AND username > :after
ORDER BY username
LIMIT :limit
