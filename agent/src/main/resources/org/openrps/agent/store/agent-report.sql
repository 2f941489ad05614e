-- Statements of the audit report (ReportQueries), by name: read-only. Each device's latest
-- readings, the posture of the credential sets, and the polls that tell whether it answers.

-- name: hasColumn
SELECT count(*) FROM pragma_table_info(:table) WHERE name = :column

-- Every device with its latest poll: when and how it answered.
-- name: devices
SELECT d.id, d.device_key, d.make, d.model, d.serial, d.mac, d.sys_name, d.address,
       d.first_seen, d.last_seen, p.polled_at, p.snmp_version, p.snmp_security
FROM device d
LEFT JOIN poll p ON p.id = (SELECT max(q.id) FROM poll q WHERE q.device_id = d.id)
ORDER BY d.make, d.model, d.serial, d.id

-- The latest reading of each meter of each device, with its integrity flags.
-- name: latestMeters
SELECT m.device_id, m.name, m.value, m.oid, m.read_at, m.flags
FROM meter_reading m
WHERE m.id IN (SELECT max(id) FROM meter_reading GROUP BY device_id, name)
ORDER BY m.device_id, m.name

-- The supplies of each device's latest poll that read them (levels as the device said them).
-- name: latestSupplies
SELECT s.device_id, s.supply_index, s.description, s.type, s.supply_class, s.unit,
       s.max_capacity, s.level, s.read_at
FROM device d
JOIN supply_reading s ON s.device_id = d.id
 AND s.poll_id = (SELECT max(x.poll_id) FROM supply_reading x WHERE x.device_id = d.id)
ORDER BY s.device_id, s.supply_index

-- name: latestStatus
SELECT s.device_id, s.printer_status, s.errors, s.read_at
FROM device d
JOIN status_reading s ON s.device_id = d.id
 AND s.poll_id = (SELECT max(x.poll_id) FROM status_reading x WHERE x.device_id = d.id)
ORDER BY s.device_id

-- The newest whole snapshot kept of each device: waiting in the outbox, or the base of its next
-- delta (the newest the server acknowledged). Devices without a serial have neither.
-- name: latestSnapshots
SELECT device_id, poll_id, snapshot FROM outbox_item
WHERE id IN (SELECT max(id) FROM outbox_item GROUP BY device_id)
UNION ALL
SELECT device_id, poll_id, snapshot FROM delta_base

-- name: answeringSets
SELECT address, set_name, answered_at, snmp_version, auth_protocol, priv_protocol
FROM credential_set

-- name: answeringSetsBeforeV11
SELECT address, set_name, answered_at, NULL AS snmp_version, NULL AS auth_protocol,
       NULL AS priv_protocol
FROM credential_set

-- name: pollRuns
SELECT started_at, ended_at, addresses, printers, out_of_scope, unreachable
FROM poll_run ORDER BY id

-- When each device answered, from the poll that starts at :from on.
-- name: pollTimes
SELECT device_id, polled_at FROM poll WHERE polled_at >= :from ORDER BY device_id, id
