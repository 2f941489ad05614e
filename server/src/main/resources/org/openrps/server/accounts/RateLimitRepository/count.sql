SELECT hits FROM rate_limits WHERE bucket = :bucket AND window_start = :window
