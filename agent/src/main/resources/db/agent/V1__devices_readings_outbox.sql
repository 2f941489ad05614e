-- The agent's local store (SQLite). Times are ISO-8601 UTC text (Instant.toString()).

-- One row per physical device. Identity is the device, not its address:
-- device_key is 'serial:<make>|<serial>', or 'mac:<mac>' when the device has no serial.
CREATE TABLE device (
  id            INTEGER PRIMARY KEY,
  device_key    TEXT    NOT NULL UNIQUE,
  make          TEXT    NOT NULL,
  serial        TEXT,
  mac           TEXT,
  model         TEXT    NOT NULL,
  sys_object_id TEXT    NOT NULL,
  sys_name      TEXT,
  address       TEXT    NOT NULL,
  first_seen    TEXT    NOT NULL,
  last_seen     TEXT    NOT NULL
);

-- One row per device per poll: where it answered and what could not be read.
CREATE TABLE poll (
  id         INTEGER PRIMARY KEY,
  device_id  INTEGER NOT NULL REFERENCES device (id),
  address    TEXT    NOT NULL,
  polled_at  TEXT    NOT NULL,
  failures   TEXT    NOT NULL  -- one "what: reason" per line; empty when complete
);
CREATE INDEX poll_device ON poll (device_id, polled_at);

CREATE TABLE meter_reading (
  id         INTEGER PRIMARY KEY,
  poll_id    INTEGER NOT NULL REFERENCES poll (id),
  device_id  INTEGER NOT NULL REFERENCES device (id),
  name       TEXT    NOT NULL,
  value      INTEGER NOT NULL,
  oid        TEXT    NOT NULL,
  read_at    TEXT    NOT NULL
);
CREATE INDEX meter_reading_device ON meter_reading (device_id, name, read_at);

-- Levels as the device said them: -1 other, -2 unknown, -3 some remaining (RFC 3805).
CREATE TABLE supply_reading (
  id            INTEGER PRIMARY KEY,
  poll_id       INTEGER NOT NULL REFERENCES poll (id),
  device_id     INTEGER NOT NULL REFERENCES device (id),
  supply_index  INTEGER NOT NULL,
  description   TEXT    NOT NULL,
  type          TEXT    NOT NULL,
  supply_class  TEXT    NOT NULL,
  unit          TEXT    NOT NULL,
  max_capacity  INTEGER NOT NULL,
  level         INTEGER NOT NULL,
  read_at       TEXT    NOT NULL
);
CREATE INDEX supply_reading_device ON supply_reading (device_id, read_at);

CREATE TABLE status_reading (
  id             INTEGER PRIMARY KEY,
  poll_id        INTEGER NOT NULL REFERENCES poll (id),
  device_id      INTEGER NOT NULL REFERENCES device (id),
  printer_status TEXT    NOT NULL,
  errors         TEXT    NOT NULL,  -- comma-separated hrPrinterDetectedErrorState bit names
  read_at        TEXT    NOT NULL
);

-- Outbox: a report id is fixed when readings are first assigned to a report, and kept until the
-- server acknowledges it, so a re-send after a crash or a network error carries the same id.
CREATE TABLE outbox_report (
  report_id    TEXT PRIMARY KEY,
  created_at   TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_attempt TEXT,
  last_error   TEXT,
  acked_at     TEXT,          -- set only from the server's receipt
  receipt      TEXT,          -- the receipt, as JSON
  rejected_at  TEXT,          -- the server refused the content (4xx): kept, not re-sent
  rejection    TEXT
);

-- What the next sync will send, in wire form (DeviceSnapshot JSON), exactly as it will be sent.
CREATE TABLE outbox_item (
  id          INTEGER PRIMARY KEY,
  poll_id     INTEGER NOT NULL REFERENCES poll (id),
  device_id   INTEGER NOT NULL REFERENCES device (id),
  snapshot    TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  report_id   TEXT    REFERENCES outbox_report (report_id)
);
CREATE INDEX outbox_item_report ON outbox_item (report_id);
