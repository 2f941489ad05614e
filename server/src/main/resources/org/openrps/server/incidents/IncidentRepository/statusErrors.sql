SELECT tenant_id, make, serial, status_errors, last_seen
FROM devices
WHERE status_errors <> '[]'
