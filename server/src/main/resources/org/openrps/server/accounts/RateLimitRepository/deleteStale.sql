DELETE FROM rate_limits WHERE window_start < :cutoff
