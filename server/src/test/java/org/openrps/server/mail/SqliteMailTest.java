package org.openrps.server.mail;

import org.openrps.server.store.Database;

/** The mail suite on SQLite. */
class SqliteMailTest extends MailContract {
  @Override
  String freshDatabaseUrl() {
    return Database.sqliteUrl(
        org.openrps.testkit.Scratch.directory("openrps-mail").resolve("test.db"));
  }

  @Override
  void dropDatabase(String url) {}
}
