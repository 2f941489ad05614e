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
    Instant start = windowStart(now);
    int hits = repository.hit(name(bucket), start);
    if (hits > perWindow) {
      throw refusal(now, start, code);
    }
  }

  /**
   * Refuses with {@code code} (429) when the bucket already counted {@code perWindow} hits in this
   * window; counts nothing. With {@link #count}, a limit on failures only: check before the
   * attempt, count after it failed. Attempts running at the same moment may each pass the check, so
   * the limit can be overshot by the number of concurrent attempts, never by more.
   */
  public void refuseIfOver(String bucket, int perWindow, String code) {
    Instant now = clock.instant();
    Instant start = windowStart(now);
    if (repository.count(name(bucket), start) >= perWindow) {
      throw refusal(now, start, code);
    }
  }

  /** Counts one hit (for {@link #refuseIfOver}: one failure) in the bucket's current window. */
  public void count(String bucket) {
    repository.hit(name(bucket), windowStart(clock.instant()));
  }

  private static Instant windowStart(Instant now) {
    long windowMillis = WINDOW.toMillis();
    return Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
  }

  private static String name(String bucket) {
    return bucket.length() > 200 ? bucket.substring(0, 200) : bucket;
  }

  private static ApiException refusal(Instant now, Instant start, String code) {
    long retry = Math.max(1, Duration.between(now, start.plus(WINDOW)).toSeconds());
    return ApiException.rateLimited(code, retry);
  }
}
