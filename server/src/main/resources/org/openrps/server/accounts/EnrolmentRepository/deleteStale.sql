DELETE FROM enrol_codes WHERE expires_at < :cutoff
