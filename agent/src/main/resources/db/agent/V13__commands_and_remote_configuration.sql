-- The command channel and remote configuration (ADR 0023).
--
-- command_log: every command the agent took from the server, by its id: the at-most-once journal.
-- A row is written (state 'applying') before the command acts and finished with its result after;
-- a row still 'applying' at start was cut short by a crash and is reported failed, never applied
-- again. reported_at: when the server took the result (NULL: send it again at the next contact).
CREATE TABLE command_log (
  command_id  TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  received_at TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('applying', 'finished')),
  outcome     TEXT CHECK (outcome IN ('done', 'failed')),
  message     TEXT,
  details     TEXT,
  applied_at  TEXT,
  reported_at TEXT
);

-- The settings the server set, on top of the agent's own configuration file: one row per key, in the
-- form of the configuration file (poll-every, sync-at, targets, exclude, alert.1, ...). The last good
-- configuration: a refused change never reaches this table.
CREATE TABLE config_override (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Every configuration change the server asked for, applied or refused, with what changed or why not.
CREATE TABLE config_change (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  command_id TEXT,
  outcome    TEXT NOT NULL CHECK (outcome IN ('applied', 'refused')),
  summary    TEXT NOT NULL
);
