-- Each device of the report as stored before it: when it was last seen, and the values of its
-- latest meters (see V8).
SELECT make, serial, last_seen, latest_meters
FROM devices
WHERE tenant_id = :tenant AND serial IN (<serials>)
