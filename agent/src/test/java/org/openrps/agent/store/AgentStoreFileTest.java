package org.openrps.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.wire.WireJson;
import org.sqlite.SQLiteDataSource;

/** The store's file: its own, sound, private; a full disk leaves it intact. */
class AgentStoreFileTest {

  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

  @TempDir Path dir;

  private static List<PolledDevice> fleet(int n, Instant at) {
    List<PolledDevice> printers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      printers.add(
          AgentStoreTest.printer("SN" + i, null, "127.61.1." + (i % 250 + 1), 1000 + i, at));
    }
    return printers;
  }

  @Test
  void theDatabaseAndItsWalAreReadableByTheirOwnerOnly() throws Exception {
    Path file = dir.resolve("agent.db");
    try (AgentStore store = AgentStore.open(file, WireJson.newMapper())) {
      store.record(fleet(3, T), T);
      assertThat(mode(file)).isEqualTo("rw-------");
      Path wal = dir.resolve("agent.db-wal");
      if (Files.exists(wal)) {
        assertThat(mode(wal)).isEqualTo("rw-------");
      }
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (AgentStore store = AgentStore.open(file, WireJson.newMapper())) {
      assertThat(mode(file)).isEqualTo("rw-------");
    }
  }

  @Test
  void aDamagedDatabaseStopsTheStartNamingTheFileAndIsLeftAsItWas() throws Exception {
    Path file = dir.resolve("agent.db");
    try (AgentStore store = AgentStore.open(file, WireJson.newMapper())) {
      store.record(fleet(200, T), T);
    }
    long size = Files.size(file);
    assertThat(size).isGreaterThan(16 * 4096);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = new byte[4096 * 6];
      java.util.Arrays.fill(garbage, (byte) 0x5a);
      raf.seek(size / 2 / 4096 * 4096);
      raf.write(garbage);
    }
    String before = sha256(file);

    AgentStore.Unusable e =
        catchThrowableOfType(
            AgentStore.Unusable.class, () -> AgentStore.open(file, WireJson.newMapper()));

    assertThat(e.getMessage())
        .startsWith(file + " is damaged (")
        .contains("left as it is")
        .doesNotContain("\n");
    assertThat(sha256(file)).isEqualTo(before);
  }

  @Test
  void aFileThatIsNotAnSqliteDatabaseIsNeverOverwritten() throws Exception {
    Path file = dir.resolve("agent.db");
    Files.writeString(file, "printer inventory, kept by hand\nnot a database\n");
    String before = sha256(file);

    AgentStore.Unusable e =
        catchThrowableOfType(
            AgentStore.Unusable.class, () -> AgentStore.open(file, WireJson.newMapper()));

    assertThat(e.getMessage())
        .isEqualTo(
            file
                + " is not the agent's database (not an SQLite database): left as it is; move it"
                + " away or choose another data directory");
    assertThat(sha256(file)).isEqualTo(before);
  }

  @Test
  void anotherProgramsSqliteDatabaseIsNeverMigrated() throws Exception {
    Path file = dir.resolve("agent.db");
    SQLiteDataSource other = new SQLiteDataSource();
    other.setUrl("jdbc:sqlite:" + file);
    try (Connection c = other.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
      st.execute("INSERT INTO invoices (total) VALUES (12.5)");
    }
    String before = sha256(file);

    AgentStore.Unusable e =
        catchThrowableOfType(
            AgentStore.Unusable.class, () -> AgentStore.open(file, WireJson.newMapper()));

    assertThat(e.getMessage())
        .startsWith(file + " is not the agent's database (an SQLite database without the agent's");
    assertThat(sha256(file)).isEqualTo(before);
  }

  @Test
  void theAgentsOwnDatabaseCarriesItsApplicationIdAndOpensAgain() {
    Path file = dir.resolve("agent.db");
    try (AgentStore store = AgentStore.open(file, WireJson.newMapper())) {
      store.record(fleet(2, T), T);
    }
    try (AgentStore store = AgentStore.open(file, WireJson.newMapper())) {
      int id =
          store.withHandle(h -> h.createQuery("PRAGMA application_id").mapTo(Integer.class).one());
      assertThat(id).isEqualTo(StoreFile.APPLICATION_ID);
      assertThat(store.pendingCount()).isEqualTo(2);
    }
  }

  @Test
  void aFullDiskRollsTheWholeCycleBackAndLeavesTheDatabaseIntact() {
    Path file = dir.resolve("agent.db");
    int pages;
    try (AgentStore store = AgentStore.open(file, WireJson.newMapper())) {
      store.record(fleet(5, T), T);
      pages = store.withHandle(h -> h.createQuery("PRAGMA page_count").mapTo(Integer.class).one());
    }
    try (AgentStore store = AgentStore.open(file, WireJson.newMapper(), pages + 4)) {
      RuntimeException full = null;
      int cycles = 0;
      long polls = 0;
      for (; cycles < 100 && full == null; cycles++) {
        Instant at = T.plusSeconds(3600L * (cycles + 1));
        polls = count(store, "poll");
        try {
          store.record(fleet(50, at), at);
        } catch (RuntimeException e) {
          full = e;
        }
      }
      assertThat(full).as("the cap was reached").isNotNull();
      assertThat(AgentStore.isFull(full)).as(String.valueOf(full)).isTrue();
      assertThat(count(store, "poll")).as("nothing of the failed cycle").isEqualTo(polls);
      assertThat(count(store, "outbox_item")).isEqualTo(polls);
      assertThat(count(store, "status_reading")).isEqualTo(polls);
      List<String> check =
          store.withHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).list());
      assertThat(check).containsExactly("ok");
    }
    try (AgentStore store = AgentStore.open(file, WireJson.newMapper())) {
      store.record(fleet(50, T.plusSeconds(999_999)), T.plusSeconds(999_999));
      assertThat(store.pendingCount()).isGreaterThan(50);
    }
  }

  private static long count(AgentStore store, String table) {
    return store.withHandle(
        h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
