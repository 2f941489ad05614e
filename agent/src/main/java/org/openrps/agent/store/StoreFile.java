package org.openrps.agent.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Checks on the store's file before the agent writes to it: it must be the agent's own SQLite
 * database (its {@code application_id}, set by migration V4, or the tables of an agent from before
 * V4) and pass {@code PRAGMA quick_check}. A file that fails is left exactly as it is. The file and
 * its WAL companions are readable by their owner only.
 */
final class StoreFile {

  /** {@code PRAGMA application_id} of the agent's database: 'ORPS'. */
  static final int APPLICATION_ID = 0x4F525053;

  private static final byte[] SQLITE_HEADER =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private StoreFile() {}

  /**
   * Throws {@link AgentStore.Unusable} when {@code file} exists, is not empty, and is not a sound
   * agent database. Reads only.
   */
  static void checkOwn(Path file) {
    try {
      if (!Files.exists(file) || Files.size(file) == 0) {
        return;
      }
      byte[] head = new byte[SQLITE_HEADER.length];
      int read;
      try (InputStream in = Files.newInputStream(file)) {
        read = in.readNBytes(head, 0, head.length);
      }
      if (read < head.length || !java.util.Arrays.equals(head, SQLITE_HEADER)) {
        throw foreign(file, "not an SQLite database");
      }
    } catch (IOException e) {
      throw new AgentStore.Unusable("cannot read " + file + ": " + e.getMessage(), e);
    }
    SQLiteDataSource plain = new SQLiteDataSource(new SQLiteConfig());
    plain.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    try (Connection c = plain.getConnection();
        Statement st = c.createStatement()) {
      List<String> problems = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
        while (rs.next()) {
          String line = rs.getString(1);
          if (!"ok".equals(line)) {
            problems.add(line);
          }
        }
      }
      if (!problems.isEmpty()) {
        throw damaged(file, problems.get(0) + (problems.size() > 1 ? " (and more)" : ""), null);
      }
      int applicationId;
      try (ResultSet rs = st.executeQuery("PRAGMA application_id")) {
        applicationId = rs.next() ? rs.getInt(1) : 0;
      }
      if (applicationId == APPLICATION_ID) {
        return;
      }
      if (applicationId != 0) {
        throw foreign(
            file,
            String.format(
                "an SQLite database of another program, application_id 0x%08x", applicationId));
      }
      Set<String> tables = new java.util.HashSet<>();
      try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      if (!tables.containsAll(Set.of("flyway_schema_history", "outbox_item", "device", "poll"))) {
        throw foreign(file, "an SQLite database without the agent's tables");
      }
    } catch (SQLException e) {
      throw damaged(file, String.valueOf(e.getMessage()), e);
    }
  }

  /** Creates {@code file} readable by its owner only, or takes the others' access away. */
  static void ownerOnly(Path file) {
    try {
      if (!Files.getFileStore(file.toAbsolutePath().getParent())
          .supportsFileAttributeView("posix")) {
        return;
      }
      if (Files.exists(file)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      } else {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      }
    } catch (IOException e) {
      throw new AgentStore.Unusable(
          "cannot make " + file + " readable by its owner only: " + e.getMessage(), e);
    }
  }

  /** The WAL and shared-memory files next to {@code file}, when there, owner only as well. */
  static void ownerOnlyCompanions(Path file) {
    for (String suffix : List.of("-wal", "-shm", "-journal")) {
      Path companion = file.resolveSibling(file.getFileName() + suffix);
      if (Files.exists(companion)) {
        ownerOnly(companion);
      }
    }
  }

  private static AgentStore.Unusable foreign(Path file, String what) {
    return new AgentStore.Unusable(
        file
            + " is not the agent's database ("
            + what
            + "): left as it is; move it away or choose another data directory",
        null);
  }

  private static AgentStore.Unusable damaged(Path file, String what, Throwable cause) {
    return new AgentStore.Unusable(
        file
            + " is damaged ("
            + what.lines().findFirst().orElse(what)
            + "): left as it is; restore a backup, or move it away and the agent starts a new one",
        cause);
  }
}
