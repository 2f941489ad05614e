SELECT tenant_id, make, serial, code, opened_at, absent_since, severity, kind, description
FROM incidents
WHERE closed_at IS NULL
