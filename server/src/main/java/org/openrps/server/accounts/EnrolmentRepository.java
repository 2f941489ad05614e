package org.openrps.server.accounts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;

/** One-time enrolment codes (hashes only) and their exchange for a client credential. */
public final class EnrolmentRepository {

  /** Where a redeemed code puts its client. */
  public record Placement(TenantId tenant, SiteId site) {}

  private final Jdbi jdbi;

  public EnrolmentRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Stores a code for the site if the site is in the scope; false when it is not. */
  public boolean insert(
      Scope scope,
      TenantId tenant,
      SiteId site,
      String codeHash,
      String createdBy,
      Instant now,
      Instant expires) {
    return jdbi.withHandle(
            h ->
                Scope.bind(h.createUpdate(Sql.of(EnrolmentRepository.class, "insert")), scope)
                    .bind("hash", codeHash)
                    .bind("tenant", tenant.value())
                    .bind("site", site.value())
                    .bind("createdBy", createdBy)
                    .bind("now", Sql.time(now))
                    .bind("expires", Sql.time(expires))
                    .execute())
        == 1;
  }

  /** As the other {@code redeem}, for a client bound to no device (an agent). */
  public Optional<Placement> redeem(
      String codeHash, String clientId, ClientKind kind, String secretHash, Instant now) {
    return redeem(codeHash, clientId, kind, Optional.empty(), secretHash, now);
  }

  /**
   * Marks the code used and creates the client where the code says, in one transaction; empty when
   * the code is unknown, used or expired. Of two concurrent redeems of one code, one wins.
   */
  public Optional<Placement> redeem(
      String codeHash,
      String clientId,
      ClientKind kind,
      Optional<DeviceRef> device,
      String secretHash,
      Instant now) {
    Objects.requireNonNull(codeHash, "codeHash");
    return jdbi.inTransaction(
        h -> {
          Optional<Placement> placement =
              h.createQuery(Sql.of(EnrolmentRepository.class, "redeem"))
                  .bind("hash", codeHash)
                  .bind("agentId", clientId)
                  .bind("now", Sql.time(now))
                  .map(
                      (rs, ctx) ->
                          new Placement(
                              TenantId.of(rs.getString("tenant_id")),
                              SiteId.of(rs.getString("site_id"))))
                  .findOne();
          placement.ifPresent(
              p ->
                  AccountRepository.insertAgent(
                      h,
                      new StoredAgent(clientId, kind, p.tenant(), p.site(), secretHash, device),
                      now));
          return placement;
        });
  }

  /** Deletes codes that expired before the cutoff, used or not. */
  public int deleteStale(Instant cutoff) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(Sql.of(EnrolmentRepository.class, "deleteStale"))
                .bind("cutoff", Sql.time(cutoff))
                .execute());
  }
}
