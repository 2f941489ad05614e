INSERT INTO agent_incidents (tenant_id, agent_id, code, opened_at, severity, description,
                             last_contact_at)
VALUES (:tenant, :agent, :code, :openedAt, :severity, :description, :lastContact)
ON CONFLICT DO NOTHING
