-- Only the provider's scope may add a customer: a customer scope matches no row here.
INSERT INTO tenants (id, name)
SELECT :id, :name WHERE :allTenants
ON CONFLICT (id) DO NOTHING
