package org.openrps.server.jobs;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.Sql;

/**
 * Deletes history older than a cutoff, for every tenant (a system job, not a user's request). The
 * latest state of each device and the report rows (the idempotency keys) stay.
 */
public final class RetentionRepository {

  /** Rows deleted by one run; {@code alerts} counts alert readings and alerts cleared before. */
  public record Deleted(int snapshots, int meters, int supplies, int alerts) {}

  private final Jdbi jdbi;

  public RetentionRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  public Deleted deleteHistoryBefore(Instant cutoff) {
    return jdbi.inTransaction(
        h -> {
          int alerts = delete(h, "deleteAlerts", cutoff) + delete(h, "deleteClearedAlerts", cutoff);
          int meters = delete(h, "deleteMeters", cutoff);
          int supplies = delete(h, "deleteSupplies", cutoff);
          int snapshots = delete(h, "deleteSnapshots", cutoff);
          return new Deleted(snapshots, meters, supplies, alerts);
        });
  }

  private static int delete(org.jdbi.v3.core.Handle h, String statement, Instant cutoff) {
    return h.createUpdate(Sql.of(RetentionRepository.class, statement))
        .bind("cutoff", Sql.time(cutoff))
        .execute();
  }
}
