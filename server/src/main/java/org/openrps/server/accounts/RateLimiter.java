package org.openrps.server.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.openrps.server.http.ApiException;

/**
 * Fixed-window limits counted in the database, so that every node of a cluster shares them. A
 * window is one minute of the injected clock.
 */
public final class RateLimiter {

  public static final Duration WINDOW = Duration.ofMinutes(1);

  private final RateLimitRepository repository;
  private final Clock clock;

  public RateLimiter(RateLimitRepository repository, Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Counts a hit in the bucket and refuses it with {@code code} (429) when the window already had
   * {@code perWindow} hits.
   */
  public void hit(String bucket, int perWindow, String code) {
    Instant now = clock.instant();
    long windowMillis = WINDOW.toMillis();
    Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
    int hits = repository.hit(bucket.length() > 200 ? bucket.substring(0, 200) : bucket, start);
    if (hits > perWindow) {
      long retry = Math.max(1, Duration.between(now, start.plus(WINDOW)).toSeconds());
      throw ApiException.rateLimited(code, retry);
    }
  }
}
