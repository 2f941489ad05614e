-- The agent's polls of its targets as a whole (issue 9 point 4, agent status): when each began and
-- ended and how many addresses answered as printers. The per-device rows stay in poll; this table
-- says how many of them one poll found. Written with the poll's readings; the last 1,000 are kept.
CREATE TABLE poll_run (
  id           INTEGER PRIMARY KEY,
  started_at   TEXT    NOT NULL,
  ended_at     TEXT    NOT NULL,
  addresses    INTEGER NOT NULL,
  printers     INTEGER NOT NULL,
  out_of_scope INTEGER NOT NULL,
  unreachable  INTEGER NOT NULL
);
