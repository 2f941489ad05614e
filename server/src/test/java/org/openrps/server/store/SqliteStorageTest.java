package org.openrps.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The storage suite on SQLite, in a file of its own. */
class SqliteStorageTest extends StorageContract {

  @Override
  String freshDatabaseUrl() {
    return Database.sqliteUrl(
        org.openrps.testkit.Scratch.directory("openrps-store").resolve("test.db"));
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
