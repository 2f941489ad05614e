package org.openrps.agent.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.openrps.agent.poll.SnmpAccess;
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

  /**
   * Opens an existing store for reading only, without migrating it or touching its file modes: for
   * looking at it while the agent runs (WAL readers do not block the agent's writer; a busy timeout
   * rides out a checkpoint). Anything that writes fails.
   *
   * @throws Unusable when the file is not the agent's database
   */
  public static AgentStore openReadOnly(Path file, ObjectMapper mapper) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(mapper, "mapper");
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    Jdbi jdbi = Jdbi.create(dataSource);
    try {
      boolean ours =
          jdbi.withHandle(
              h ->
                  h.createQuery("PRAGMA application_id").mapTo(Integer.class).one()
                          == StoreFile.APPLICATION_ID
                      || h.createQuery(
                                  "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                      + " AND name = 'outbox_item'")
                              .mapTo(Long.class)
                              .one()
                          > 0);
      if (!ours) {
        throw new Unusable(file + " is not the agent's database", null);
      }
    } catch (org.jdbi.v3.core.JdbiException e) {
      throw new Unusable("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new AgentStore(file, jdbi, mapper, () -> UUID.randomUUID().toString());
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
   * Deletes readings older than {@code policy} keeps them, as of {@code now}, and the upload log's
   * rows of the same age. Never deletes what the outbox still holds (nor the uploads of its
   * reports), nor the latest poll of a device (the reference for the next integrity check), nor
   * devices.
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
          h.createUpdate(sql.get("pruneUploads")).bind("cutoff", cutoff).execute();
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
    return jdbi.inTransaction(h -> assemble(h, now, maxDevices).report());
  }

  /**
   * What the next sync would send, made by the same steps as the sync ({@link #retryRefused},
   * {@link #nextReport} until no snapshot waits or {@code maxReports} are made) in one transaction
   * that is rolled back: nothing is assigned, nothing changes, and the next sync sends the same
   * snapshots in the same reports. A report made here for queued snapshots has no id yet: the sync
   * gives it one.
   */
  public List<PlannedReport> planNextSync(
      Instant now, int maxDevices, int maxReports, String agentVersion) {
    if (maxDevices < 1 || maxReports < 1) {
      throw new IllegalArgumentException("maxDevices and maxReports must be positive");
    }
    return jdbi.withHandle(
        h -> {
          h.begin();
          try {
            h.createUpdate(sql.get("retryRefused")).bind("version", agentVersion).execute();
            List<PlannedReport> plan = new ArrayList<>();
            for (int i = 0; i < maxReports; i++) {
              Assembled next = assemble(h, now, maxDevices);
              plan.add(new PlannedReport(next.report(), !next.made()));
              // as if the server acknowledged it, so that the plan goes on as the sync does
              h.createUpdate(sql.get("acknowledge"))
                  .bind("reportId", next.report().reportId())
                  .bind("at", now.toString())
                  .bind("receipt", "{}")
                  .execute();
              h.createUpdate(sql.get("upsertBases"))
                  .bind("reportId", next.report().reportId())
                  .execute();
              h.createUpdate(sql.get("deleteAckedItems"))
                  .bind("reportId", next.report().reportId())
                  .execute();
              if (h.createQuery(sql.get("countUnassigned")).mapTo(Long.class).one() == 0) {
                break;
              }
            }
            return plan;
          } finally {
            h.rollback();
          }
        });
  }

  private record Assembled(PendingReport report, boolean made) {}

  /** The open report, or a new one made of queued snapshots (ADR 0008), on {@code h}. */
  private Assembled assemble(Handle h, Instant now, int maxDevices) {
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
    Map<List<String>, DeviceSnapshot> bases = new HashMap<>();
    for (String json :
        h.createQuery(sql.get("reportBases"))
            .bind("reportId", reportId)
            .mapTo(String.class)
            .list()) {
      DeviceSnapshot base = snapshot(json, reportId);
      bases.put(List.of(base.identity().make(), base.identity().serial()), base);
    }
    return new Assembled(new PendingReport(reportId, createdAt, devices, bases), open.isEmpty());
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

  /**
   * A send failed in a way that may pass (network, server error, credentials, come back later): the
   * report stays as it is. The attempt goes into the upload log in the same transaction: refused
   * when the server answered 4xx (with its {@code code}, possibly empty), failed otherwise.
   */
  public void attemptFailed(UploadAttempt attempt, String code, String error) {
    UploadOutcome outcome =
        attempt.httpStatus() >= 400 && attempt.httpStatus() < 500
            ? UploadOutcome.refused
            : UploadOutcome.failed;
    jdbi.useTransaction(
        h -> {
          h.createUpdate(sql.get("attemptFailed"))
              .bind("reportId", attempt.reportId())
              .bind("at", attempt.at().toString())
              .bind("error", error)
              .execute();
          logUpload(h, attempt, outcome, null, code, error);
        });
  }

  /**
   * The server's receipt arrived: the report's snapshots leave the outbox, and the attempt goes
   * into the upload log, in one transaction.
   */
  public void acknowledged(Receipt receipt, UploadAttempt attempt) {
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
              .bind("at", attempt.at().toString())
              .bind("receipt", receiptJson)
              .execute();
          h.createUpdate(sql.get("upsertBases")).bind("reportId", receipt.reportId()).execute();
          h.createUpdate(sql.get("deleteAckedItems"))
              .bind("reportId", receipt.reportId())
              .execute();
          logUpload(
              h,
              attempt,
              receipt.duplicate() ? UploadOutcome.duplicate : UploadOutcome.acknowledged,
              receiptJson,
              "",
              "");
        });
  }

  /**
   * The server refused the report's content: it is kept, with the server's status, code and
   * message, but not sent again by this agent version (the same content would be refused again and
   * hold up every later report). {@link #retryRefused} puts it back after an upgrade. The attempt
   * goes into the upload log in the same transaction.
   */
  public void rejected(UploadAttempt attempt, String code, String why, String agentVersion) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate(sql.get("reject"))
              .bind("reportId", attempt.reportId())
              .bind("at", attempt.at().toString())
              .bind("status", attempt.httpStatus())
              .bind("code", code)
              .bind("why", why)
              .bind("version", agentVersion)
              .execute();
          logUpload(h, attempt, UploadOutcome.refused, null, code, why);
        });
  }

  private void logUpload(
      Handle h,
      UploadAttempt attempt,
      UploadOutcome outcome,
      String receiptJson,
      String code,
      String message) {
    boolean refused = outcome == UploadOutcome.refused;
    h.createUpdate(sql.get("insertUpload"))
        .bind("reportId", attempt.reportId())
        .bind("at", attempt.at().toString())
        .bind("devices", attempt.devices())
        .bind("bytes", attempt.body().map(UploadAttempt.Body::bytes).orElse(null))
        .bind("sha256", attempt.body().map(UploadAttempt.Body::sha256).orElse(null))
        .bind("sent", attempt.sent() ? 1 : 0)
        .bind("outcome", outcome.name())
        .bind("status", attempt.httpStatus() == 0 ? null : attempt.httpStatus())
        .bind("receipt", receiptJson)
        .bind("refusalCode", refused && !code.isEmpty() ? code : null)
        .bind("refusalMessage", refused ? message : null)
        .bind("error", outcome == UploadOutcome.failed ? message : null)
        .execute();
  }

  /** The upload log, newest first: at most {@code limit} attempts. */
  public List<LoggedUpload> uploads(int limit) {
    return jdbi.withHandle(
        h -> {
          if (h.createQuery(sql.get("hasUploadLog")).mapTo(Long.class).one() == 0) {
            return List.of(); // a database from before V5, opened read-only
          }
          return h.createQuery(sql.get("uploads"))
              .bind("limit", limit)
              .map(
                  (rs, ctx) -> {
                    long bytes = rs.getLong("bytes");
                    Optional<UploadAttempt.Body> body =
                        rs.wasNull()
                            ? Optional.empty()
                            : Optional.of(
                                new UploadAttempt.Body((int) bytes, rs.getString("sha256")));
                    String receipt = rs.getString("receipt");
                    String refusal = rs.getString("refusal_message");
                    String error = rs.getString("error");
                    String message = refusal != null ? refusal : error != null ? error : "";
                    return new LoggedUpload(
                        rs.getLong("id"),
                        rs.getString("report_id"),
                        Instant.parse(rs.getString("attempted_at")),
                        rs.getInt("devices"),
                        body,
                        rs.getInt("sent") != 0,
                        UploadOutcome.valueOf(rs.getString("outcome")),
                        rs.getInt("http_status"),
                        receipt == null ? Optional.empty() : Optional.of(receipt(receipt)),
                        Optional.ofNullable(rs.getString("refusal_code")).orElse(""),
                        message);
                  })
              .list();
        });
  }

  /** Attempts in the upload log. */
  public long uploadCount() {
    return jdbi.withHandle(
        h ->
            h.createQuery(sql.get("hasUploadLog")).mapTo(Long.class).one() == 0
                ? 0L
                : h.createQuery(sql.get("countUploads")).mapTo(Long.class).one());
  }

  /** Reports made and waiting for the server's receipt (not refused ones). */
  public long openReportCount() {
    return jdbi.withHandle(h -> h.createQuery(sql.get("countOpenReports")).mapTo(Long.class).one());
  }

  /** Snapshots waiting that no report holds yet. */
  public long unassignedCount() {
    return jdbi.withHandle(h -> h.createQuery(sql.get("countUnassigned")).mapTo(Long.class).one());
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
  /**
   * True when {@code e} comes from a full disk under this store: SQLite says so ({@link
   * #isFull(Throwable)}), or it is an I/O error while the file system holding the database has less
   * than {@link #NEARLY_FULL_BYTES} left (a full disk also shows as a failure to grow the WAL
   * index, {@code SQLITE_IOERR_SHMSIZE}, or to write, {@code SQLITE_IOERR_WRITE}).
   */
  public boolean diskFull(Throwable e) {
    if (isFull(e)) {
      return true;
    }
    boolean ioError = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.sqlite.SQLiteException s
          && (s.getResultCode().code & 0xff) == org.sqlite.SQLiteErrorCode.SQLITE_IOERR.code) {
        ioError = true;
      }
    }
    if (!ioError) {
      return false;
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      return Files.getFileStore(dir).getUsableSpace() < NEARLY_FULL_BYTES;
    } catch (java.io.IOException | RuntimeException unknown) {
      return false;
    }
  }

  /** Free space under which an I/O error of the store counts as a full disk. */
  static final long NEARLY_FULL_BYTES = 1024 * 1024;

  /** What SQLite said, without the Java exception class names around it. */
  public static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.sqlite.SQLiteException s && s.getMessage() != null) {
        return s.getMessage();
      }
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

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

  /** Remembers when {@code event} last happened (see {@link AgentEvent}). */
  public void noted(AgentEvent event, Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate(sql.get("putState"))
                .bind("name", event.key())
                .bind("value", at.toString())
                .execute());
  }

  /** When {@code event} last happened, if ever. */
  public Optional<Instant> lastTime(AgentEvent event) {
    return jdbi.withHandle(
        h ->
            h.createQuery(sql.get("getState"))
                .bind("name", event.key())
                .mapTo(String.class)
                .findOne()
                .map(Instant::parse));
  }

  /**
   * Remembers which credential set opened each address (names only, never secrets).
   *
   * @param setByAddress set name by address text
   */
  public void rememberCredentialSets(java.util.Map<String, String> setByAddress, Instant at) {
    if (setByAddress.isEmpty()) {
      return;
    }
    jdbi.useTransaction(
        h -> {
          org.jdbi.v3.core.statement.PreparedBatch batch =
              h.prepareBatch(sql.get("putCredentialSet"));
          setByAddress.forEach(
              (address, set) ->
                  batch
                      .bind("address", address)
                      .bind("set", set)
                      .bind("at", at.toString())
                      .bind("version", (String) null)
                      .bind("auth", (String) null)
                      .bind("priv", (String) null)
                      .add());
          batch.execute();
        });
  }

  /**
   * Remembers which credential set opened each address, with the set's posture (V11): its SNMP
   * version and, for v3, its authentication and privacy protocols. Names and protocols only, never
   * a community, user or passphrase.
   *
   * @param accessByAddress how each address answered, by address text
   */
  public void rememberAnsweringSets(Map<String, SnmpAccess> accessByAddress, Instant at) {
    if (accessByAddress.isEmpty()) {
      return;
    }
    jdbi.useTransaction(
        h -> {
          org.jdbi.v3.core.statement.PreparedBatch batch =
              h.prepareBatch(sql.get("putCredentialSet"));
          accessByAddress.forEach(
              (address, access) -> {
                boolean v3 = access.version().equals("v3");
                String[] protocols = access.security().split("/", 2);
                batch
                    .bind("address", address)
                    .bind("set", access.credentialSet())
                    .bind("at", at.toString())
                    .bind("version", access.version())
                    .bind("auth", v3 ? protocols[0] : null)
                    .bind("priv", v3 && protocols.length > 1 ? protocols[1] : null)
                    .add();
              });
          batch.execute();
        });
  }

  /** The credential set name that last opened each address, by address text. */
  public java.util.Map<String, String> credentialSets() {
    return jdbi.withHandle(
        h -> {
          java.util.Map<String, String> out = new java.util.TreeMap<>();
          h.createQuery(sql.get("credentialSets"))
              .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getString(2)))
              .forEach(e -> out.put(e.getKey(), e.getValue()));
          return out;
        });
  }

  /** Runs {@code work} with a handle on the store; for tests and reports. */
  <T> T withHandle(java.util.function.Function<Handle, T> work) {
    return jdbi.withHandle(work::apply);
  }

  public Path file() {
    return file;
  }

  /** The wire mapper the store reads and writes its snapshots with. */
  ObjectMapper mapper() {
    return mapper;
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

  private Receipt receipt(String json) {
    try {
      return mapper.readValue(json, Receipt.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("upload log holds an unreadable receipt", e);
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
