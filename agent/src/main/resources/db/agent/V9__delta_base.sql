-- Issue 9 point 6 (ADR 0010): the base of each device's next delta. One row per device: the full
-- snapshot (wire JSON, as it went) of the newest poll of the device that the server acknowledged,
-- written in the transaction that takes the server's receipt. poll_id orders the polls of a device
-- (no reference: retention may prune that poll's readings; the base stays until a newer one).
CREATE TABLE delta_base (
  device_id  INTEGER PRIMARY KEY REFERENCES device (id),
  poll_id    INTEGER NOT NULL,
  snapshot   TEXT    NOT NULL
);
