-- Issue 13 (audit reports): the security posture of the credential set that last opened each
-- address, never its secret: the SNMP version and, for v3, the authentication and privacy
-- protocols by their configuration names (none, md5, sha1, sha256 ... / none, des, aes128 ...).
-- NULL where a row is from before V11 (or written by a caller that did not say): the report then
-- takes the posture from the device's latest poll.
ALTER TABLE credential_set ADD COLUMN snmp_version TEXT
  CHECK (snmp_version IS NULL OR snmp_version IN ('v1', 'v2c', 'v3'));
ALTER TABLE credential_set ADD COLUMN auth_protocol TEXT;  -- v3 only; NULL for v1/v2c
ALTER TABLE credential_set ADD COLUMN priv_protocol TEXT;  -- v3 only; NULL for v1/v2c

-- The report reads each device's latest supplies and status by poll.
CREATE INDEX supply_reading_device_poll ON supply_reading (device_id, poll_id);
CREATE INDEX status_reading_device_poll ON status_reading (device_id, poll_id);
