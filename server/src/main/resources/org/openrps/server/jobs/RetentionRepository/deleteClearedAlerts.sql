DELETE FROM device_alerts WHERE cleared_at IS NOT NULL AND cleared_at < :cutoff
