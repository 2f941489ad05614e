-- Incidents (issue 11 point 3): a condition of a device (an open alert, a detected error state)
-- from when it was first seen to when it was closed, after it had stayed away for the hold-down.
-- One open incident per device and code; returned counts the times the condition came back
-- within the hold-down (flapping kept in one incident).
CREATE TABLE incidents (
  tenant_id     TEXT    NOT NULL,
  make          TEXT    NOT NULL,
  serial        TEXT    NOT NULL,
  code          TEXT    NOT NULL,
  opened_at     INTEGER NOT NULL,
  severity      TEXT    NOT NULL,
  kind          TEXT    NOT NULL,
  description   TEXT    NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  absent_since  INTEGER,
  closed_at     INTEGER,
  returned      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, make, serial, code, opened_at),
  FOREIGN KEY (tenant_id, make, serial) REFERENCES devices (tenant_id, make, serial)
);

CREATE UNIQUE INDEX incidents_one_open ON incidents (tenant_id, make, serial, code)
  WHERE closed_at IS NULL;
