package org.openrps.agent.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;

/**
 * What the audit report reads from the agent's store ({@code openrps agent report}, the local
 * page): every device with its latest meters, supplies, status and whole snapshot, the posture of
 * the credential sets that answered, and the polls that tell whether a device answers. Read-only;
 * works on a store opened read-only, also one from before the tables or columns it reads (then it
 * says nothing of them). Its statements live in {@code agent-report.sql}.
 */
public final class ReportQueries {

  private static final Statements SQL =
      Statements.load("/org/openrps/agent/store/agent-report.sql");

  private final AgentStore store;

  public ReportQueries(AgentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * A device as the store holds it, with its latest poll.
   *
   * @param id the local row id, the key of the other maps of this class
   * @param sysName as the device named itself at its latest poll that said (its own text)
   * @param lastPolled when its latest poll was taken; empty when retention left none
   * @param snmpVersion how it answered its latest poll ({@code v1}, {@code v2c}, {@code v3})
   * @param snmpSecurity {@code community}, or the v3 protocols ({@code sha256/aes128})
   */
  public record Device(
      long id,
      String key,
      String make,
      String model,
      Optional<String> serial,
      Optional<String> mac,
      Optional<String> sysName,
      String address,
      Instant firstSeen,
      Instant lastSeen,
      Optional<Instant> lastPolled,
      Optional<String> snmpVersion,
      Optional<String> snmpSecurity) {}

  /**
   * The credential set that last opened an address, with its posture (names, never a secret).
   *
   * @param version {@code v1}, {@code v2c} or {@code v3}; empty for a row from before V11
   * @param auth for v3, the authentication protocol's configuration name ({@code none}, {@code
   *     md5}, {@code sha1}, {@code sha256} ...)
   * @param priv for v3, the privacy protocol's ({@code none}, {@code des}, {@code aes128} ...)
   */
  public record AnsweringSet(
      String setName,
      Instant answeredAt,
      Optional<String> version,
      Optional<String> auth,
      Optional<String> priv) {}

  /** Every device, by make, model and serial. */
  public List<Device> devices() {
    return store.withHandle(
        h ->
            h.createQuery(SQL.get("devices"))
                .map(
                    (rs, ctx) ->
                        new Device(
                            rs.getLong("id"),
                            rs.getString("device_key"),
                            rs.getString("make"),
                            rs.getString("model"),
                            text(rs, "serial"),
                            text(rs, "mac"),
                            text(rs, "sys_name"),
                            rs.getString("address"),
                            Instant.parse(rs.getString("first_seen")),
                            Instant.parse(rs.getString("last_seen")),
                            instant(rs, "polled_at"),
                            text(rs, "snmp_version"),
                            text(rs, "snmp_security")))
                .list());
  }

  /** The latest reading of each meter, with its integrity flags, by device id and meter name. */
  public Map<Long, List<MeterReading>> latestMeters() {
    return store.withHandle(
        h -> {
          Map<Long, List<MeterReading>> out = new HashMap<>();
          h.createQuery(SQL.get("latestMeters"))
              .map(
                  (rs, ctx) ->
                      Map.entry(
                          rs.getLong("device_id"),
                          new MeterReading(
                              rs.getString("name"),
                              rs.getLong("value"),
                              rs.getString("oid"),
                              Instant.parse(rs.getString("read_at")),
                              rs.getString("flags").isEmpty()
                                  ? List.of()
                                  : List.of(rs.getString("flags").split(",")))))
              .forEach(
                  e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
          return out;
        });
  }

  /**
   * The supplies of each device's latest poll that read any, by index, levels as the device said
   * them (the store keeps no part numbers).
   */
  public Map<Long, List<SupplyReading>> latestSupplies() {
    return store.withHandle(
        h -> {
          Map<Long, List<SupplyReading>> out = new HashMap<>();
          h.createQuery(SQL.get("latestSupplies"))
              .map(
                  (rs, ctx) ->
                      Map.entry(
                          rs.getLong("device_id"),
                          new SupplyReading(
                              rs.getInt("supply_index"),
                              rs.getString("description"),
                              rs.getString("type"),
                              rs.getString("supply_class"),
                              rs.getString("unit"),
                              rs.getInt("max_capacity"),
                              rs.getInt("level"),
                              Instant.parse(rs.getString("read_at")))))
              .forEach(
                  e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
          return out;
        });
  }

  /** Each device's latest printer status and detected error conditions, by device id. */
  public Map<Long, DeviceStatus> latestStatus() {
    return store.withHandle(
        h -> {
          Map<Long, DeviceStatus> out = new HashMap<>();
          h.createQuery(SQL.get("latestStatus"))
              .map(
                  (rs, ctx) -> {
                    String errors = rs.getString("errors");
                    return Map.entry(
                        rs.getLong("device_id"),
                        new DeviceStatus(
                            rs.getString("printer_status"),
                            errors.isEmpty() ? List.of() : List.of(errors.split(",")),
                            Instant.parse(rs.getString("read_at"))));
                  })
              .forEach(e -> out.put(e.getKey(), e.getValue()));
          return out;
        });
  }

  /**
   * The newest whole snapshot the store keeps of each device (in the outbox, or the base of its
   * next delta), by device id: where its location and alert table are. Devices without a serial
   * have none: the wire does not carry them, so the store keeps no snapshot of them.
   */
  public Map<Long, DeviceSnapshot> latestSnapshots() {
    return store.withHandle(
        h -> {
          Map<Long, Long> newest = new HashMap<>();
          Map<Long, DeviceSnapshot> out = new HashMap<>();
          if (!has(h, "delta_base", "snapshot")) {
            return out; // a database from before V9, opened read-only
          }
          h.createQuery(SQL.get("latestSnapshots"))
              .map(
                  (rs, ctx) ->
                      new Object[] {
                        rs.getLong("device_id"), rs.getLong("poll_id"), rs.getString("snapshot")
                      })
              .forEach(
                  row -> {
                    long device = (Long) row[0];
                    long poll = (Long) row[1];
                    Long seen = newest.get(device);
                    if (seen == null || poll > seen) {
                      newest.put(device, poll);
                      out.put(device, snapshot((String) row[2]));
                    }
                  });
          return out;
        });
  }

  /** The credential set that last opened each address, with its posture, by address text. */
  public Map<String, AnsweringSet> answeringSets() {
    return store.withHandle(
        h -> {
          Map<String, AnsweringSet> out = new TreeMap<>();
          if (!has(h, "credential_set", "set_name")) {
            return out; // before V10
          }
          String statement =
              has(h, "credential_set", "snmp_version") ? "answeringSets" : "answeringSetsBeforeV11";
          h.createQuery(SQL.get(statement))
              .map(
                  (rs, ctx) ->
                      Map.entry(
                          rs.getString("address"),
                          new AnsweringSet(
                              rs.getString("set_name"),
                              Instant.parse(rs.getString("answered_at")),
                              text(rs, "snmp_version"),
                              text(rs, "auth_protocol"),
                              text(rs, "priv_protocol"))))
              .forEach(e -> out.put(e.getKey(), e.getValue()));
          return out;
        });
  }

  /** Every poll of the targets the store remembers (the last {@link StatusQueries#KEEP_RUNS}). */
  public List<StatusQueries.PollRun> pollRuns() {
    return store.withHandle(
        h ->
            has(h, "poll_run", "started_at")
                ? h.createQuery(SQL.get("pollRuns"))
                    .map(
                        (rs, ctx) ->
                            new StatusQueries.PollRun(
                                Instant.parse(rs.getString("started_at")),
                                Instant.parse(rs.getString("ended_at")),
                                rs.getInt("addresses"),
                                rs.getInt("printers"),
                                rs.getInt("out_of_scope"),
                                rs.getInt("unreachable")))
                    .list()
                : List.of());
  }

  /** When each device answered a poll, oldest first, from polls taken at {@code from} on. */
  public Map<Long, List<Instant>> pollTimes(Instant from) {
    return store.withHandle(
        h -> {
          Map<Long, List<Instant>> out = new HashMap<>();
          h.createQuery(SQL.get("pollTimes"))
              .bind("from", from.toString())
              .map(
                  (rs, ctx) ->
                      Map.entry(rs.getLong("device_id"), Instant.parse(rs.getString("polled_at"))))
              .forEach(
                  e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
          return out;
        });
  }

  private DeviceSnapshot snapshot(String json) {
    try {
      return store.mapper().readValue(json, DeviceSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the store holds an unreadable snapshot", e);
    }
  }

  private static boolean has(Handle h, String table, String column) {
    return h.createQuery(SQL.get("hasColumn"))
            .bind("table", table)
            .bind("column", column)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  private static Optional<String> text(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    String v = rs.getString(column);
    return v == null ? Optional.empty() : Optional.of(Instant.parse(v));
  }
}
