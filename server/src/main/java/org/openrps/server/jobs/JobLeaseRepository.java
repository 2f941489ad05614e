package org.openrps.server.jobs;

import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.Sql;

/**
 * Leases on periodic jobs, one row per job: the node that holds an unexpired lease runs the job.
 * The same rows work on SQLite and PostgreSQL, and time comes from the caller's clock.
 */
public final class JobLeaseRepository {

  private final Jdbi jdbi;

  public JobLeaseRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Takes (or extends) the lease unless another holder's lease is still running. */
  public boolean tryAcquire(String job, String holder, Instant now, Duration ttl) {
    return jdbi.withHandle(
        h -> {
          h.createUpdate(Sql.of(JobLeaseRepository.class, "ensure"))
              .bind("job", job)
              .bind("epoch", Sql.time(Instant.EPOCH))
              .execute();
          return h.createUpdate(Sql.of(JobLeaseRepository.class, "acquire"))
                  .bind("job", job)
                  .bind("holder", holder)
                  .bind("now", Sql.time(now))
                  .bind("until", Sql.time(now.plus(ttl)))
                  .execute()
              == 1;
        });
  }

  public void release(String job, String holder, Instant now) {
    jdbi.useHandle(
        h ->
            h.createUpdate(Sql.of(JobLeaseRepository.class, "release"))
                .bind("job", job)
                .bind("holder", holder)
                .bind("now", Sql.time(now))
                .execute());
  }
}
