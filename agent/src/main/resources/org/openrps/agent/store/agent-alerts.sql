-- Statements of the agent's e-mail alerts (AlertStates), by name. Schema: V12__alert_mail.sql.

-- Each device with its newest full snapshot: from the outbox (not acknowledged yet) or, once the
-- server has it, from the base of its next delta (V9), whichever poll is newer.
-- name: devices
WITH snapshots AS (
  SELECT device_id, poll_id, snapshot FROM outbox_item
  UNION ALL
  SELECT device_id, poll_id, snapshot FROM delta_base
),
newest AS (
  SELECT device_id, snapshot,
         row_number() OVER (PARTITION BY device_id ORDER BY poll_id DESC) AS n
  FROM snapshots
)
SELECT d.device_key, d.make, d.model, d.serial, d.address, d.last_seen, s.snapshot
FROM device d LEFT JOIN newest s ON s.device_id = d.id AND s.n = 1
ORDER BY d.id

-- The last exchange with the server that went well: a sync that emptied the outbox, or an upload
-- the server acknowledged; and the first upload ever tried.
-- name: lastGoodUpload
SELECT max(attempted_at) FROM upload WHERE outcome IN ('acknowledged', 'duplicate')

-- name: firstUpload
SELECT min(attempted_at) FROM upload

-- name: lastSyncOk
SELECT value FROM agent_state WHERE name = 'last_sync_ok'

-- name: active
SELECT rule, subject, started_at, headline FROM alert_event ORDER BY rule, subject

-- name: forgetRule
DELETE FROM alert_event WHERE rule = :rule

-- name: start
INSERT INTO alert_event (rule, subject, started_at, headline)
VALUES (:rule, :subject, :startedAt, :headline)

-- name: clear
DELETE FROM alert_event WHERE rule = :rule AND subject = :subject

-- name: queue
INSERT INTO alert_mail (rule, subject, change, recipients, title, body, created_at)
VALUES (:rule, :subject, :change, :recipients, :title, :body, :createdAt)

-- Oldest first, so an event's end goes after its start; an e-mail that failed five times goes
-- after the others, so one the SMTP server keeps refusing never holds up the rest.
-- name: unsent
SELECT id, rule, subject, change, recipients, title, body, created_at, attempts, last_error
FROM alert_mail WHERE sent_at IS NULL ORDER BY attempts >= 5, id LIMIT :limit

-- name: sent
UPDATE alert_mail SET attempts = attempts + 1, last_error = NULL, sent_at = :at WHERE id = :id

-- name: failed
UPDATE alert_mail SET attempts = attempts + 1, last_error = :error WHERE id = :id

-- name: pruneSent
DELETE FROM alert_mail WHERE sent_at IS NOT NULL AND sent_at < :cutoff
