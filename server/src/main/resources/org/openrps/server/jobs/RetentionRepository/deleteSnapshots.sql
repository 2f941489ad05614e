DELETE FROM device_snapshots WHERE seen_at < :cutoff
