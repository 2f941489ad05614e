-- Meter integrity, security posture and retention (issue 4).

-- Integrity findings against the previous reading of the same meter of the same device:
-- comma-separated 'wrapped', 'backwards', 'deviceReplaced'; empty when none. The value stays as
-- the device reported it.
ALTER TABLE meter_reading ADD COLUMN flags TEXT NOT NULL DEFAULT '';

-- How the device answered this poll: 'v1' / 'v2c' / 'v3', and 'community' or the v3 protocols.
ALTER TABLE poll ADD COLUMN snmp_version TEXT;
ALTER TABLE poll ADD COLUMN snmp_security TEXT;

-- Which device answered at an address before (a changed serial there is flagged).
CREATE INDEX poll_address ON poll (address, id);
-- The previous reading of a meter.
CREATE INDEX meter_reading_device_name ON meter_reading (device_id, name, id);
-- Retention sweeps by time.
CREATE INDEX poll_time ON poll (polled_at);
