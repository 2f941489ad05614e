-- Issue 10 point 3 (ADR 0013): the names people use and the serial's flag (schema openrps.report/5),
-- on the device's latest state. make stays the make of the device key; manufacturer is who made the
-- device under its current name, brand the name on it. serial_disagreement is the wire JSON of every
-- source with its serial (the reported one first) when the sources disagreed in the latest identity,
-- else NULL. Devices reported before /5 keep NULLs until their next report. PostgreSQL dialect.
ALTER TABLE devices ADD COLUMN manufacturer TEXT;
ALTER TABLE devices ADD COLUMN brand TEXT;
ALTER TABLE devices ADD COLUMN serial_disagreement TEXT;
