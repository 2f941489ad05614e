-- What the agent's schedule and status need to know across restarts: when it last polled, when it
-- last talked to the server and when a sync last emptied the outbox. One row per name; the value
-- is an ISO-8601 UTC instant.
CREATE TABLE agent_state (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
