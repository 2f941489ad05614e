package org.openrps.server.commands;

import org.openrps.server.Fixtures;

/** Commands on PostgreSQL, in a fresh schema (fails, never skips, when it is down). */
class PostgresCommandTest extends CommandContract {

  @Override
  String freshDatabaseUrl() {
    return Fixtures.freshPgSchema("cmd");
  }

  @Override
  void dropDatabase(String url) {
    Fixtures.dropPgSchema(url);
  }
}
