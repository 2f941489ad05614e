package org.openrps.server.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.Scope;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;

/** Alerts of devices as rows from the first snapshot that showed them to the one that did not. */
public final class AlertRepository {

  /** An alert open now, as the ingestion needs it to open and clear rows. */
  public record OpenAlert(int alertIndex, String code, Instant firstSeenAt, String source) {
    /** What identifies the alert within its device: prtAlertIndex and code. */
    public List<Object> key() {
      return List.of(alertIndex, code);
    }
  }

  /** One alert of a device, open ({@code clearedAt} empty) or cleared. */
  public record DeviceAlert(
      int index,
      String code,
      String group,
      String severity,
      String trainingLevel,
      String description,
      Instant firstSeenAt,
      Optional<Instant> clearedAt,
      String source) {
    public DeviceAlert {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(clearedAt, "clearedAt");
    }
  }

  private final Jdbi jdbi;

  public AlertRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Open alerts of the tenant's devices with these serials, by (make, serial). */
  public static Map<List<String>, List<OpenAlert>> openFor(
      Handle h, TenantId tenant, Collection<String> serials) {
    Map<List<String>, List<OpenAlert>> open = new HashMap<>();
    h.createQuery(Sql.of(AlertRepository.class, "openFor"))
        .bind("tenant", tenant.value())
        .bindList("serials", new ArrayList<>(serials))
        .map(
            (rs, ctx) ->
                open.computeIfAbsent(
                        List.of(rs.getString("make"), rs.getString("serial")),
                        k -> new ArrayList<>())
                    .add(
                        new OpenAlert(
                            rs.getInt("alert_index"),
                            rs.getString("code"),
                            Sql.instant(rs, "first_seen_at"),
                            rs.getString("source"))))
        .list();
    return open;
  }

  /** The device's alerts, newest first: only open ones, or all, at most {@code limit}. */
  public List<DeviceAlert> alerts(Scope scope, DeviceKey key, boolean openOnly, int limit) {
    return jdbi.withHandle(
        h ->
            Sql.bindKey(
                    Scope.bind(h.createQuery(Sql.of(AlertRepository.class, "history")), scope), key)
                .bind("openOnly", openOnly)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new DeviceAlert(
                            rs.getInt("alert_index"),
                            rs.getString("code"),
                            rs.getString("alert_group"),
                            rs.getString("severity"),
                            rs.getString("training_level"),
                            rs.getString("description"),
                            Sql.instant(rs, "first_seen_at"),
                            Optional.ofNullable(rs.getTimestamp("cleared_at"))
                                .map(java.sql.Timestamp::toInstant),
                            rs.getString("source")))
                .list());
  }
}
