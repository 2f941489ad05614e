-- Statements of the command journal (CommandLog) and the remote configuration (ConfigOverrides).

-- name: hasTable
SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :name

-- name: findCommand
SELECT command_id, type, received_at, state, outcome, message, details, applied_at, reported_at
FROM command_log WHERE command_id = :id

-- name: beginCommand
INSERT INTO command_log (command_id, type, received_at, state)
VALUES (:id, :type, :at, 'applying')
ON CONFLICT (command_id) DO NOTHING

-- name: finishCommand
UPDATE command_log
SET state = 'finished', outcome = :outcome, message = :message, details = :details,
    applied_at = :appliedAt
WHERE command_id = :id

-- name: reportedCommand
UPDATE command_log SET reported_at = :at WHERE command_id = :id

-- name: interruptedCommands
SELECT command_id, type, received_at, state, outcome, message, details, applied_at, reported_at
FROM command_log WHERE state = 'applying' ORDER BY received_at, command_id

-- name: unreportedCommands
SELECT command_id, type, received_at, state, outcome, message, details, applied_at, reported_at
FROM command_log WHERE state = 'finished' AND reported_at IS NULL ORDER BY received_at, command_id

-- name: recentCommands
SELECT command_id, type, received_at, state, outcome, message, details, applied_at, reported_at
FROM command_log ORDER BY received_at DESC, command_id DESC LIMIT :limit

-- name: overrides
SELECT name, value FROM config_override ORDER BY name

-- name: clearOverrides
DELETE FROM config_override

-- name: putOverride
INSERT INTO config_override (name, value) VALUES (:name, :value)

-- name: logChange
INSERT INTO config_change (at, command_id, outcome, summary)
VALUES (:at, :commandId, :outcome, :summary)

-- name: recentChanges
SELECT at, command_id, outcome, summary FROM config_change ORDER BY id DESC LIMIT :limit
