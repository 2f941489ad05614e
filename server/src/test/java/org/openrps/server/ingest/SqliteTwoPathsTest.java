package org.openrps.server.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openrps.server.store.Database;

/** One device seen by two paths, on SQLite, in a file of its own. */
class SqliteTwoPathsTest extends TwoPathsContract {

  @Override
  String freshDatabaseUrl() {
    return Database.sqliteUrl(
        org.openrps.testkit.Scratch.directory("openrps-two-paths").resolve("test.db"));
  }

  @Override
  void dropDatabase(String url) {
    Path file = Path.of(url.substring("jdbc:sqlite:".length()));
    try {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
      Files.deleteIfExists(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file, e);
    }
  }
}
