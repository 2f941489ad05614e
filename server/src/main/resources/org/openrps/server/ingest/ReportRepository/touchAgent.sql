UPDATE agents SET last_contact_at = :now, last_version = :version, devices_reported = :devices
WHERE id = :id
