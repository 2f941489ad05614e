package org.openrps.agent.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Receipt;
import org.openrps.wire.SupplyReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The agent's SQLite file: devices, reading history and the outbox.
 *
 * <p>Nothing is lost: a snapshot enters the outbox in the same transaction that stores its
 * readings, and leaves it only when the server's receipt for its report arrives. A report's id is
 * fixed when snapshots are first assigned to it, so a re-send after a crash or a network error
 * carries the same id and content, and the server's idempotency stores it once.
 *
 * <p>The file runs in WAL mode with {@code synchronous=FULL}: a committed transaction survives a
 * crash of the process or the machine.
 */
public final class AgentStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AgentStore.class);

  private final Path file;
  private final Jdbi jdbi;
  private final ObjectMapper mapper;
  private final Statements sql = Statements.load();
  private final Supplier<String> reportIds;

  private AgentStore(Path file, Jdbi jdbi, ObjectMapper mapper, Supplier<String> reportIds) {
    this.file = file;
    this.jdbi = jdbi;
    this.mapper = mapper;
    this.reportIds = reportIds;
  }

  /**
   * Opens (creating it if needed) and migrates the store.
   *
   * @param mapper the wire mapper ({@code WireJson.newMapper()}); outbox snapshots are kept in wire
   *     form
   */
  public static AgentStore open(Path file, ObjectMapper mapper) {
    return open(file, mapper, 0, () -> UUID.randomUUID().toString());
  }

  /**
   * Opens the store with its file capped at {@code maxPages} pages of the database's page size (0:
   * no cap beyond the disk's): a quota, and the way tests make the disk full.
   */
  public static AgentStore open(Path file, ObjectMapper mapper, int maxPages) {
    return open(file, mapper, maxPages, () -> UUID.randomUUID().toString());
  }

  static AgentStore open(Path file, ObjectMapper mapper, Supplier<String> reportIds) {
    return open(file, mapper, 0, reportIds);
  }

  /**
   * Opens the store.
   *
   * @throws Unusable when the file is damaged or is not the agent's database; the file is left as
   *     it was
   */
  static AgentStore open(Path file, ObjectMapper mapper, int maxPages, Supplier<String> reportIds) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(mapper, "mapper");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (java.io.IOException e) {
      throw new Unusable("cannot create the directory of " + file + ": " + e.getMessage(), e);
    }
    StoreFile.checkOwn(file);
    StoreFile.ownerOnly(file);
    SQLiteConfig config = new SQLiteConfig();
    if (maxPages > 0) {
      config.setMaxPageCount(maxPages);
    }
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/agent")
        .failOnMissingLocations(true)
        .load()
        .migrate();
    StoreFile.ownerOnlyCompanions(file);
    log.info("{} - agent store open", file);
    return new AgentStore(file, Jdbi.create(dataSource), mapper, reportIds);
  }

  /** The key a device is stored by: make + serial, else MAC. */
  static Optional<String> keyOf(DeviceIdentity identity) {
    if (!identity.serial().isEmpty()) {
      return Optional.of("serial:" + identity.make() + "|" + identity.serial());
    }
    return identity.mac().map(mac -> "mac:" + mac);
  }

  /**
   * Stores one poll of each printer, in one transaction: the device (inserted, or updated when its
   * address or names changed), the readings, and a snapshot in the outbox.
   */
  public RecordSummary record(List<PolledDevice> printers, Instant now) {
    return jdbi.inTransaction(
        h -> {
          int stored = 0;
          int queued = 0;
          int withoutIdentity = 0;
          int withoutSerial = 0;
          long pages = 0;
          int flaggedTotals = 0;
          for (PolledDevice printer : printers) {
            DeviceSnapshot s = printer.snapshot();
            DeviceIdentity id = s.identity();
            Optional<String> key = keyOf(id);
            if (key.isEmpty()) {
              log.warn("{} - no serial number and no MAC: readings not stored", s.address());
              withoutIdentity++;
              continue;
            }
            boolean replaced = replacedAtAddress(h, key.get(), id.mac(), s.address());
            long deviceId =
                h.createQuery(sql.get("upsertDevice"))
                    .bind("key", key.get())
                    .bind("make", id.make())
                    .bind("serial", id.serial().isEmpty() ? null : id.serial())
                    .bind("mac", id.mac().orElse(null))
                    .bind("model", id.model())
                    .bind("sysObjectId", id.sysObjectId())
                    .bind("sysName", id.sysName().orElse(null))
                    .bind("address", s.address())
                    .bind("seen", s.seenAt().toString())
                    .mapTo(Long.class)
                    .one();
            long pollId =
                h.createQuery(sql.get("insertPoll"))
                    .bind("deviceId", deviceId)
                    .bind("address", s.address())
                    .bind("polledAt", s.seenAt().toString())
                    .bind("failures", failures(printer.failures()))
                    .bind("snmpVersion", printer.access().map(a -> a.version()).orElse(null))
                    .bind("snmpSecurity", printer.access().map(a -> a.security()).orElse(null))
                    .mapTo(Long.class)
                    .one();
            List<MeterReading> checked = new ArrayList<>(s.counters().size());
            for (MeterReading m : s.counters()) {
              MeterReading c = MeterIntegrity.check(m, previous(h, deviceId, m.name()), replaced);
              if (!c.flags().isEmpty()) {
                log.warn(
                    "{} - meter {} = {} flagged {}: not to be billed as pages without review",
                    s.address(),
                    c.name(),
                    c.value(),
                    c.flags());
              }
              checked.add(c);
              if (c.name().equals(MeterReading.TOTAL)) {
                if (c.flags().isEmpty()) {
                  pages += c.value();
                } else {
                  flaggedTotals++;
                }
              }
            }
            for (MeterReading m : checked) {
              h.createUpdate(sql.get("insertMeter"))
                  .bind("pollId", pollId)
                  .bind("deviceId", deviceId)
                  .bind("name", m.name())
                  .bind("value", m.value())
                  .bind("oid", m.oid())
                  .bind("readAt", m.readAt().toString())
                  .bind("flags", String.join(",", m.flags()))
                  .execute();
            }
            s = s.withCounters(checked);
            for (SupplyReading r : s.supplies()) {
              h.createUpdate(sql.get("insertSupply"))
                  .bind("pollId", pollId)
                  .bind("deviceId", deviceId)
                  .bind("index", r.index())
                  .bind("description", r.description())
                  .bind("type", r.type())
                  .bind("supplyClass", r.supplyClass())
                  .bind("unit", r.unit())
                  .bind("maxCapacity", r.maxCapacity())
                  .bind("level", r.level())
                  .bind("readAt", r.readAt().toString())
                  .execute();
            }
            h.createUpdate(sql.get("insertStatus"))
                .bind("pollId", pollId)
                .bind("deviceId", deviceId)
                .bind("printerStatus", s.status().printerStatus())
                .bind("errors", String.join(",", s.status().errors()))
                .bind("readAt", s.status().readAt().toString())
                .execute();
            stored++;
            if (id.serial().isEmpty()) {
              // The wire format keys devices by make + serial; a MAC-only device stays local.
              withoutSerial++;
              continue;
            }
            h.createUpdate(sql.get("insertOutboxItem"))
                .bind("pollId", pollId)
                .bind("deviceId", deviceId)
                .bind("snapshot", json(s))
                .bind("createdAt", now.toString())
                .execute();
            queued++;
          }
          return new RecordSummary(
              stored, queued, withoutIdentity, withoutSerial, pages, flaggedTotals);
        });
  }

  /**
   * True when another device answered at {@code address} last time and this one is new there: a
   * printer swapped for another (or a board with a new serial), not pages. A device known under its
   * key, or one with the same MAC as the one before, is not a replacement (DHCP renumbering, a
   * serial read for the first time).
   */
  private boolean replacedAtAddress(Handle h, String key, Optional<String> mac, String address) {
    boolean known =
        h.createQuery(sql.get("deviceByKey")).bind("key", key).mapToMap().findOne().isPresent();
    if (known) {
      return false;
    }
    return h.createQuery(sql.get("lastDeviceAtAddress"))
        .bind("address", address)
        .map((rs, ctx) -> new String[] {rs.getString("device_key"), rs.getString("mac")})
        .findOne()
        .map(
            before ->
                !before[0].equals(key)
                    && (before[1] == null || !mac.equals(Optional.of(before[1]))))
        .orElse(false);
  }

  private OptionalLong previous(Handle h, long deviceId, String name) {
    return h.createQuery(sql.get("previousMeter"))
        .bind("deviceId", deviceId)
        .bind("name", name)
        .mapTo(Long.class)
        .findOne()
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /**
   * Deletes readings older than {@code policy} keeps them, as of {@code now}. Never deletes what
   * the outbox still holds, nor the latest poll of a device (the reference for the next integrity
   * check), nor devices.
   *
   * @return how many polls went
   */
  public int prune(Instant now, RetentionPolicy policy) {
    String cutoff = now.minus(policy.keep()).toString();
    return jdbi.inTransaction(
        h -> {
          h.createUpdate(sql.get("pruneMeters")).bind("cutoff", cutoff).execute();
          h.createUpdate(sql.get("pruneSupplies")).bind("cutoff", cutoff).execute();
          h.createUpdate(sql.get("pruneStatus")).bind("cutoff", cutoff).execute();
          int polls = h.createUpdate(sql.get("prunePolls")).bind("cutoff", cutoff).execute();
          h.createUpdate(sql.get("pruneReports")).bind("cutoff", cutoff).execute();
          if (polls > 0) {
            log.info("{} - retention: {} polls older than {} removed", file, polls, cutoff);
          }
          return polls;
        });
  }

  /** Every stored reading of a device's meters, oldest first, with its flags. */
  public List<MeterReading> meterHistory(long deviceId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(sql.get("meterHistory"))
                .bind("deviceId", deviceId)
                .map(
                    (rs, ctx) ->
                        new MeterReading(
                            rs.getString("name"),
                            rs.getLong("value"),
                            rs.getString("oid"),
                            Instant.parse(rs.getString("read_at")),
                            rs.getString("flags").isEmpty()
                                ? List.of()
                                : List.of(rs.getString("flags").split(","))))
                .list());
  }

  /**
   * The report to send next: the oldest one sent but not acknowledged, unchanged; otherwise a new
   * one with a new id holding up to {@code maxDevices} queued snapshots (possibly none).
   */
  public PendingReport nextReport(Instant now, int maxDevices) {
    if (maxDevices < 1) {
      throw new IllegalArgumentException("maxDevices must be positive: " + maxDevices);
    }
    return jdbi.inTransaction(
        h -> {
          Optional<String[]> open =
              h.createQuery(sql.get("unackedReport"))
                  .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                  .findOne();
          String reportId;
          Instant createdAt;
          if (open.isPresent()) {
            reportId = open.get()[0];
            createdAt = Instant.parse(open.get()[1]);
          } else {
            reportId = reportIds.get();
            createdAt = now;
            h.createUpdate(sql.get("insertReport"))
                .bind("reportId", reportId)
                .bind("createdAt", createdAt.toString())
                .execute();
            h.createUpdate(sql.get("assignItems"))
                .bind("reportId", reportId)
                .bind("limit", maxDevices)
                .execute();
          }
          List<DeviceSnapshot> devices = new ArrayList<>();
          for (String json :
              h.createQuery(sql.get("reportItems"))
                  .bind("reportId", reportId)
                  .mapTo(String.class)
                  .list()) {
            devices.add(snapshot(json, reportId));
          }
          return new PendingReport(reportId, createdAt, devices);
        });
  }

  /** True when snapshots wait that no report holds yet. */
  public boolean hasUnassigned() {
    return jdbi.withHandle(h -> h.createQuery(sql.get("countUnassigned")).mapTo(Long.class).one())
        > 0;
  }

  /** Snapshots not yet acknowledged by the server (and not refused by it). */
  public long pendingCount() {
    return jdbi.withHandle(h -> h.createQuery(sql.get("countPending")).mapTo(Long.class).one());
  }

  /** A send failed in a way that may pass (network, server error): the report stays as it is. */
  public void attemptFailed(String reportId, Instant at, String error) {
    jdbi.useHandle(
        h ->
            h.createUpdate(sql.get("attemptFailed"))
                .bind("reportId", reportId)
                .bind("at", at.toString())
                .bind("error", error)
                .execute());
  }

  /** The server's receipt arrived: the report's snapshots leave the outbox. */
  public void acknowledged(Receipt receipt, Instant at) {
    String receiptJson;
    try {
      receiptJson = mapper.writeValueAsString(receipt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode receipt " + receipt.reportId(), e);
    }
    jdbi.useTransaction(
        h -> {
          h.createUpdate(sql.get("acknowledge"))
              .bind("reportId", receipt.reportId())
              .bind("at", at.toString())
              .bind("receipt", receiptJson)
              .execute();
          h.createUpdate(sql.get("deleteAckedItems"))
              .bind("reportId", receipt.reportId())
              .execute();
        });
  }

  /**
   * The server refused the report's content: it is kept, with the server's status, code and
   * message, but not sent again by this agent version (the same content would be refused again and
   * hold up every later report). {@link #retryRefused} puts it back after an upgrade.
   */
  public void rejected(
      String reportId, Instant at, int status, String code, String why, String agentVersion) {
    jdbi.useHandle(
        h ->
            h.createUpdate(sql.get("reject"))
                .bind("reportId", reportId)
                .bind("at", at.toString())
                .bind("status", status)
                .bind("code", code)
                .bind("why", why)
                .bind("version", agentVersion)
                .execute());
  }

  /**
   * Puts the reports that another agent version got refused back in the queue, in their order: a
   * new version may send what an older one could not.
   *
   * @return how many reports go out again
   */
  public int retryRefused(String agentVersion) {
    int n =
        jdbi.withHandle(
            h -> h.createUpdate(sql.get("retryRefused")).bind("version", agentVersion).execute());
    if (n > 0) {
      log.info("{} - {} refused reports queued again for agent {}", file, n, agentVersion);
    }
    return n;
  }

  /** The reports the server refused and that wait for another agent version, oldest first. */
  public List<RefusedReport> refused() {
    return jdbi.withHandle(
        h ->
            h.createQuery(sql.get("refused"))
                .map(
                    (rs, ctx) ->
                        new RefusedReport(
                            rs.getString("report_id"),
                            Instant.parse(rs.getString("created_at")),
                            Instant.parse(rs.getString("rejected_at")),
                            rs.getInt("rejection_status"),
                            Optional.ofNullable(rs.getString("rejection_code")).orElse(""),
                            Optional.ofNullable(rs.getString("rejection")).orElse(""),
                            Optional.ofNullable(rs.getString("rejected_by_version")).orElse(""),
                            rs.getInt("items")))
                .list());
  }

  /** Snapshots held in refused reports. */
  public long refusedCount() {
    return jdbi.withHandle(
        h -> h.createQuery(sql.get("countRefusedItems")).mapTo(Long.class).one());
  }

  /**
   * True when {@code e} (or a cause) says the database could not grow: the disk, or the store's
   * page cap, is full. The transaction that hit it was rolled back whole.
   */
  public static boolean isFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.sqlite.SQLiteException s
          && s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_FULL) {
        return true;
      }
      if (String.valueOf(t.getMessage()).contains("SQLITE_FULL")) {
        return true;
      }
    }
    return false;
  }

  /** The store's file is damaged, foreign, or cannot be opened; the message names the file. */
  public static final class Unusable extends RuntimeException {
    Unusable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** How many devices the store holds. */
  public int deviceCount() {
    return jdbi.withHandle(h -> h.createQuery(sql.get("countDevices")).mapTo(Integer.class).one());
  }

  /**
   * The bytes of the database pages that hold the discovery data: the {@code device} and {@code
   * poll} tables and their indexes, as SQLite's {@code dbstat} table counts them.
   */
  public long discoveryDataBytes() {
    return jdbi.withHandle(
        h -> h.createQuery(sql.get("discoveryDataBytes")).mapTo(Long.class).one());
  }

  /** The size of the database file with its write-ahead log, in bytes. */
  public long fileBytes() throws java.io.IOException {
    Path wal = Path.of(file.toAbsolutePath() + "-wal");
    return Files.size(file) + (Files.exists(wal) ? Files.size(wal) : 0);
  }

  /** Every device known, oldest first. */
  public List<StoredDevice> devices() {
    return jdbi.withHandle(
        h ->
            h.createQuery(sql.get("devices"))
                .map(
                    (rs, ctx) ->
                        new StoredDevice(
                            rs.getLong("id"),
                            rs.getString("device_key"),
                            rs.getString("make"),
                            Optional.ofNullable(rs.getString("serial")),
                            Optional.ofNullable(rs.getString("mac")),
                            rs.getString("model"),
                            rs.getString("address"),
                            Instant.parse(rs.getString("first_seen")),
                            Instant.parse(rs.getString("last_seen"))))
                .list());
  }

  /** Every report of the outbox, oldest first: the sync history. */
  public List<OutboxReport> reports() {
    return jdbi.withHandle(
        h ->
            h.createQuery(sql.get("reports"))
                .map(
                    (rs, ctx) ->
                        new OutboxReport(
                            rs.getString("report_id"),
                            Instant.parse(rs.getString("created_at")),
                            rs.getInt("attempts"),
                            Optional.ofNullable(rs.getString("last_error")),
                            instant(rs, "acked_at"),
                            instant(rs, "rejected_at"),
                            rs.getInt("items")))
                .list());
  }

  /** Runs {@code work} with a handle on the store; for tests and reports. */
  <T> T withHandle(java.util.function.Function<Handle, T> work) {
    return jdbi.withHandle(work::apply);
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    // Connections are opened per use and closed after it; nothing stays open.
    log.debug("{} - agent store closed", file);
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    String v = rs.getString(column);
    return v == null ? Optional.empty() : Optional.of(Instant.parse(v));
  }

  private static String failures(List<ReadFailure> failures) {
    return String.join("\n", failures.stream().map(ReadFailure::toString).toList());
  }

  private String json(DeviceSnapshot s) {
    try {
      return mapper.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode snapshot of " + s.address(), e);
    }
  }

  private DeviceSnapshot snapshot(String json, String reportId) {
    try {
      return mapper.readValue(json, DeviceSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("outbox of report " + reportId + " holds unreadable JSON", e);
    }
  }
}
