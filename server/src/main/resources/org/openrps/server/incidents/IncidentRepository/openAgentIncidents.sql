SELECT i.tenant_id, i.agent_id, i.code, i.severity, i.description, a.last_contact_at
FROM agent_incidents i
LEFT JOIN agents a ON a.id = i.agent_id
WHERE i.closed_at IS NULL
