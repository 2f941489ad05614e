INSERT INTO incidents (tenant_id, make, serial, code, opened_at, severity, kind, description,
                       last_seen_at)
VALUES (:tenant, :make, :serial, :code, :openedAt, :severity, :kind, :description, :now)
