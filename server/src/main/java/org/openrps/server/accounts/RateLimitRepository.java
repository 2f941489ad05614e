package org.openrps.server.accounts;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.Sql;

/** Fixed-window counters in the database, so that every node counts against the same limit. */
public final class RateLimitRepository {

  private final Jdbi jdbi;

  public RateLimitRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Counts one hit in the bucket's window starting at {@code window}; returns the hits so far. */
  public int hit(String bucket, Instant window) {
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(RateLimitRepository.class, "hit"))
                .bind("bucket", bucket)
                .bind("window", Sql.time(window))
                .mapTo(Integer.class)
                .one());
  }

  /** The hits in the bucket's window starting at {@code window}, without counting one. */
  public int count(String bucket, Instant window) {
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(RateLimitRepository.class, "count"))
                .bind("bucket", bucket)
                .bind("window", Sql.time(window))
                .mapTo(Integer.class)
                .findOne()
                .orElse(0));
  }

  public int deleteStale(Instant cutoff) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(Sql.of(RateLimitRepository.class, "deleteStale"))
                .bind("cutoff", Sql.time(cutoff))
                .execute());
  }
}
