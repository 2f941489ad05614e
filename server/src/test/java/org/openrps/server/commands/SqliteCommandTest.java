package org.openrps.server.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openrps.server.store.Database;

/** Commands on SQLite, in a file of their own. */
class SqliteCommandTest extends CommandContract {

  @Override
  String freshDatabaseUrl() {
    return Database.sqliteUrl(
        org.openrps.testkit.Scratch.directory("openrps-commands").resolve("test.db"));
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
