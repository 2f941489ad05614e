UPDATE agent_incidents
SET closed_at = :closedAt
WHERE agent_id = :agent AND code = :code AND closed_at IS NULL
