package org.openrps.server.ingest;

import org.openrps.server.Fixtures;

/**
 * One device seen by two paths, on PostgreSQL, in a fresh schema (fails, never skips, when down).
 */
class PostgresTwoPathsTest extends TwoPathsContract {

  @Override
  String freshDatabaseUrl() {
    return Fixtures.freshPgSchema("twopaths");
  }

  @Override
  void dropDatabase(String url) {
    Fixtures.dropPgSchema(url);
  }
}
