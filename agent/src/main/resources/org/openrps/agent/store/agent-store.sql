-- Statements of the agent store, by name. Schema: db/agent/V*__*.sql (Flyway).

-- name: upsertDevice
INSERT INTO device (device_key, make, serial, mac, model, sys_object_id, sys_name, address,
                    first_seen, last_seen)
VALUES (:key, :make, :serial, :mac, :model, :sysObjectId, :sysName, :address, :seen, :seen)
ON CONFLICT (device_key) DO UPDATE SET
  mac           = COALESCE(excluded.mac, device.mac),
  model         = excluded.model,
  sys_object_id = excluded.sys_object_id,
  sys_name      = COALESCE(excluded.sys_name, device.sys_name),
  address       = excluded.address,
  last_seen     = excluded.last_seen
RETURNING id

-- name: insertPoll
INSERT INTO poll (device_id, address, polled_at, failures, snmp_version, snmp_security)
VALUES (:deviceId, :address, :polledAt, :failures, :snmpVersion, :snmpSecurity)
RETURNING id

-- name: insertMeter
INSERT INTO meter_reading (poll_id, device_id, name, value, oid, read_at, flags)
VALUES (:pollId, :deviceId, :name, :value, :oid, :readAt, :flags)

-- name: deviceByKey
SELECT id, mac FROM device WHERE device_key = :key

-- name: lastDeviceAtAddress
SELECT d.id, d.device_key, d.mac FROM poll p JOIN device d ON d.id = p.device_id
WHERE p.address = :address
ORDER BY p.id DESC
LIMIT 1

-- name: previousMeter
SELECT value FROM meter_reading
WHERE device_id = :deviceId AND name = :name
ORDER BY id DESC
LIMIT 1

-- name: meterHistory
SELECT m.name, m.value, m.oid, m.read_at, m.flags FROM meter_reading m
WHERE m.device_id = :deviceId
ORDER BY m.id

-- Retention: readings older than the cutoff go, except what the outbox still holds and each
-- device's latest poll (the reference for the next integrity check).
-- name: pruneMeters
DELETE FROM meter_reading WHERE poll_id IN (
  SELECT p.id FROM poll p
  WHERE p.polled_at < :cutoff
    AND NOT EXISTS (SELECT 1 FROM outbox_item i WHERE i.poll_id = p.id)
    AND p.id <> (SELECT max(q.id) FROM poll q WHERE q.device_id = p.device_id))

-- name: pruneSupplies
DELETE FROM supply_reading WHERE poll_id IN (
  SELECT p.id FROM poll p
  WHERE p.polled_at < :cutoff
    AND NOT EXISTS (SELECT 1 FROM outbox_item i WHERE i.poll_id = p.id)
    AND p.id <> (SELECT max(q.id) FROM poll q WHERE q.device_id = p.device_id))

-- name: pruneStatus
DELETE FROM status_reading WHERE poll_id IN (
  SELECT p.id FROM poll p
  WHERE p.polled_at < :cutoff
    AND NOT EXISTS (SELECT 1 FROM outbox_item i WHERE i.poll_id = p.id)
    AND p.id <> (SELECT max(q.id) FROM poll q WHERE q.device_id = p.device_id))

-- name: prunePolls
DELETE FROM poll WHERE id IN (
  SELECT p.id FROM poll p
  WHERE p.polled_at < :cutoff
    AND NOT EXISTS (SELECT 1 FROM outbox_item i WHERE i.poll_id = p.id)
    AND p.id <> (SELECT max(q.id) FROM poll q WHERE q.device_id = p.device_id))

-- name: pruneReports
DELETE FROM outbox_report
WHERE (acked_at IS NOT NULL AND acked_at < :cutoff)
  AND NOT EXISTS (SELECT 1 FROM outbox_item i WHERE i.report_id = outbox_report.report_id)

-- name: insertSupply
INSERT INTO supply_reading (poll_id, device_id, supply_index, description, type, supply_class,
                            unit, max_capacity, level, read_at)
VALUES (:pollId, :deviceId, :index, :description, :type, :supplyClass, :unit, :maxCapacity,
        :level, :readAt)

-- name: insertStatus
INSERT INTO status_reading (poll_id, device_id, printer_status, errors, read_at)
VALUES (:pollId, :deviceId, :printerStatus, :errors, :readAt)

-- name: insertOutboxItem
INSERT INTO outbox_item (poll_id, device_id, snapshot, created_at)
VALUES (:pollId, :deviceId, :snapshot, :createdAt)

-- name: unackedReport
SELECT report_id, created_at FROM outbox_report
WHERE acked_at IS NULL AND rejected_at IS NULL
ORDER BY seq
LIMIT 1

-- name: insertReport
INSERT INTO outbox_report (report_id, created_at, seq)
VALUES (:reportId, :createdAt, COALESCE((SELECT max(seq) FROM outbox_report), 0) + 1)

-- A new report takes the oldest queued snapshot of each device (at most one per device, ADR 0008),
-- devices in the order their oldest snapshot was queued; later snapshots wait for later reports.
-- name: assignItems
UPDATE outbox_item SET report_id = :reportId
WHERE id IN (SELECT min(id) AS first FROM outbox_item WHERE report_id IS NULL
             GROUP BY device_id ORDER BY first LIMIT :limit)

-- name: reportItems
SELECT snapshot FROM outbox_item WHERE report_id = :reportId ORDER BY id

-- name: countUnassigned
SELECT count(*) FROM outbox_item WHERE report_id IS NULL

-- name: countPending
SELECT count(*) FROM outbox_item i
LEFT JOIN outbox_report r ON r.report_id = i.report_id
WHERE r.report_id IS NULL OR (r.acked_at IS NULL AND r.rejected_at IS NULL)

-- name: attemptFailed
UPDATE outbox_report SET attempts = attempts + 1, last_attempt = :at, last_error = :error
WHERE report_id = :reportId

-- name: acknowledge
UPDATE outbox_report
SET attempts = attempts + 1, last_attempt = :at, last_error = NULL, acked_at = :at,
    receipt = :receipt
WHERE report_id = :reportId AND acked_at IS NULL

-- name: deleteAckedItems
DELETE FROM outbox_item WHERE report_id = :reportId

-- name: reject
UPDATE outbox_report
SET attempts = attempts + 1, last_attempt = :at, last_error = :why, rejected_at = :at,
    rejection = :why, rejection_status = :status, rejection_code = :code,
    rejected_by_version = :version
WHERE report_id = :reportId

-- A refusal that another agent version got is tried again: the report goes back in the queue.
-- name: retryRefused
UPDATE outbox_report SET rejected_at = NULL
WHERE rejected_at IS NOT NULL AND acked_at IS NULL AND rejected_by_version IS NOT :version

-- name: refused
SELECT r.report_id, r.created_at, r.rejected_at, r.rejection_status, r.rejection_code,
       r.rejection, r.rejected_by_version,
       (SELECT count(*) FROM outbox_item i WHERE i.report_id = r.report_id) AS items
FROM outbox_report r WHERE r.rejected_at IS NOT NULL AND r.acked_at IS NULL ORDER BY r.seq

-- name: countRefusedItems
SELECT count(*) FROM outbox_item i JOIN outbox_report r ON r.report_id = i.report_id
WHERE r.rejected_at IS NOT NULL AND r.acked_at IS NULL

-- name: devices
SELECT id, device_key, make, serial, mac, model, address, first_seen, last_seen
FROM device ORDER BY id

-- name: reports
SELECT report_id, created_at, attempts, last_error, acked_at, rejected_at,
       (SELECT count(*) FROM outbox_item i WHERE i.report_id = r.report_id) AS items
FROM outbox_report r ORDER BY seq

-- name: countOpenReports
SELECT count(*) FROM outbox_report WHERE acked_at IS NULL AND rejected_at IS NULL

-- The upload log (V5): one row per attempt, written with the outbox change it caused.
-- name: insertUpload
INSERT INTO upload (report_id, attempted_at, devices, bytes, sha256, sent, outcome, http_status,
                    receipt, refusal_code, refusal_message, error)
VALUES (:reportId, :at, :devices, :bytes, :sha256, :sent, :outcome, :status, :receipt,
        :refusalCode, :refusalMessage, :error)

-- name: uploads
SELECT id, report_id, attempted_at, devices, bytes, sha256, sent, outcome, http_status, receipt,
       refusal_code, refusal_message, error
FROM upload ORDER BY id DESC LIMIT :limit

-- name: countUploads
SELECT count(*) FROM upload

-- name: hasUploadLog
SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'upload'

-- Uploads older than the cutoff go with the readings, unless their report is still in the outbox.
-- name: pruneUploads
DELETE FROM upload
WHERE attempted_at < :cutoff
  AND NOT EXISTS (SELECT 1 FROM outbox_report r WHERE r.report_id = upload.report_id)

-- name: putState
INSERT INTO agent_state (name, value) VALUES (:name, :value)
ON CONFLICT (name) DO UPDATE SET value = excluded.value

-- name: getState
SELECT value FROM agent_state WHERE name = :name

-- Site information (SiteFacts): the devices the store holds.
-- name: countDevices
SELECT count(*) FROM device

-- Site information: the bytes of the pages that hold the discovery data, the device and poll
-- tables with their indexes (SQLite's dbstat table; the pages, not only the rows' bytes).
-- name: discoveryDataBytes
SELECT coalesce(sum(pgsize), 0) FROM dbstat
WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name IN ('device', 'poll'))

-- Deltas (V9, ADR 0010): the snapshots of an acknowledged report become the bases of their
-- devices' next deltas, unless a newer poll of the device is the base already.
-- name: upsertBases
INSERT INTO delta_base (device_id, poll_id, snapshot)
SELECT device_id, poll_id, snapshot FROM outbox_item WHERE report_id = :reportId AND true
ON CONFLICT (device_id) DO UPDATE SET poll_id = excluded.poll_id, snapshot = excluded.snapshot
WHERE excluded.poll_id > delta_base.poll_id

-- The base of each snapshot of a report, if the server acknowledged one for its device.
-- name: reportBases
SELECT b.snapshot FROM outbox_item i JOIN delta_base b ON b.device_id = i.device_id
WHERE i.report_id = :reportId ORDER BY i.id

-- The credential set that last opened each address (V10).
-- The set's posture (V11) goes with its name; a caller that does not say writes NULL.
-- name: putCredentialSet
INSERT INTO credential_set (address, set_name, answered_at, snmp_version, auth_protocol,
                            priv_protocol)
VALUES (:address, :set, :at, :version, :auth, :priv)
ON CONFLICT (address) DO UPDATE SET set_name = excluded.set_name, answered_at = excluded.answered_at,
  snmp_version = excluded.snmp_version, auth_protocol = excluded.auth_protocol,
  priv_protocol = excluded.priv_protocol

-- name: credentialSets
SELECT address, set_name FROM credential_set
