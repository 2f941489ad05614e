package org.openrps.server.amr;

import org.openrps.server.Fixtures;

/** AMR on PostgreSQL, in a fresh schema (fails, never skips, when it is down). */
class PostgresAmrTest extends AmrContract {

  @Override
  String freshDatabaseUrl() {
    return Fixtures.freshPgSchema("amr");
  }

  @Override
  void dropDatabase(String url) {
    Fixtures.dropPgSchema(url);
  }
}
