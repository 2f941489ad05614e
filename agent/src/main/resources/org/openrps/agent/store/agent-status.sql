-- Statements of the agent's status (StatusQueries), by name: read-only, except notePollRun.

-- name: hasTable
SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :name

-- name: insertPollRun
INSERT INTO poll_run (started_at, ended_at, addresses, printers, out_of_scope, unreachable)
VALUES (:startedAt, :endedAt, :addresses, :printers, :outOfScope, :unreachable)

-- name: prunePollRuns
DELETE FROM poll_run WHERE id <= (SELECT max(id) FROM poll_run) - :keep

-- name: lastPollRun
SELECT started_at, ended_at, addresses, printers, out_of_scope, unreachable
FROM poll_run ORDER BY id DESC LIMIT 1

-- The last upload attempt, and the last one the server answered (an HTTP status came back).
-- name: lastUpload
SELECT report_id, attempted_at, devices, outcome, http_status,
       coalesce(refusal_message, error, '') AS message
FROM upload ORDER BY id DESC LIMIT 1

-- name: lastAnsweredUpload
SELECT report_id, attempted_at, devices, outcome, http_status,
       coalesce(refusal_message, error, '') AS message
FROM upload WHERE http_status IS NOT NULL ORDER BY id DESC LIMIT 1

-- What waits for the server: snapshots not in a report, or in a report made and not acknowledged
-- nor refused; their bytes as stored (the JSON that goes, before gzip) and the oldest poll.
-- name: backlog
SELECT count(*) AS readings,
       coalesce(sum(length(CAST(i.snapshot AS BLOB))), 0) AS bytes,
       min(p.polled_at) AS oldest
FROM outbox_item i
JOIN poll p ON p.id = i.poll_id
LEFT JOIN outbox_report r ON r.report_id = i.report_id
WHERE r.report_id IS NULL OR (r.acked_at IS NULL AND r.rejected_at IS NULL)

-- The same, besides the snapshots of report :report (the one that carries the count).
-- name: backlogBeyond
SELECT count(*) AS readings,
       coalesce(sum(length(CAST(i.snapshot AS BLOB))), 0) AS bytes,
       min(p.polled_at) AS oldest
FROM outbox_item i
JOIN poll p ON p.id = i.poll_id
LEFT JOIN outbox_report r ON r.report_id = i.report_id
WHERE (r.report_id IS NULL OR (r.acked_at IS NULL AND r.rejected_at IS NULL))
  AND (i.report_id IS NULL OR i.report_id <> :report)

-- name: refusedBacklog
SELECT count(DISTINCT r.report_id) AS reports, count(i.id) AS readings
FROM outbox_report r LEFT JOIN outbox_item i ON i.report_id = r.report_id
WHERE r.rejected_at IS NOT NULL AND r.acked_at IS NULL

-- Every device with its latest poll: where and when it answered, how, and what it could not read.
-- name: devicesWithLastPoll
SELECT d.device_key, d.make, d.model, d.serial, d.sys_name, d.address, d.first_seen, d.last_seen,
       p.polled_at, p.address AS poll_address, p.failures, p.snmp_version, p.snmp_security
FROM device d
LEFT JOIN poll p ON p.id = (SELECT max(q.id) FROM poll q WHERE q.device_id = d.id)
ORDER BY d.make, d.model, d.serial, d.id
