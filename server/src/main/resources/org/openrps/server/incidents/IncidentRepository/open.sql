SELECT tenant_id, make, serial, code, opened_at, absent_since
FROM incidents
WHERE closed_at IS NULL
