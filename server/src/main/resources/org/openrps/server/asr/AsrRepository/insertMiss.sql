INSERT INTO supply_misses (tenant_id, make, serial, supply_index, description, empty_at)
VALUES (:tenant, :make, :serial, :index, :description, :emptyAt)
ON CONFLICT DO NOTHING
