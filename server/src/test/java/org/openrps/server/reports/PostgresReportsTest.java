package org.openrps.server.reports;

import org.openrps.server.Fixtures;

/** The reports on PostgreSQL, in a fresh schema (fails, never skips, when it is down). */
class PostgresReportsTest extends ReportsContract {

  @Override
  String freshDatabaseUrl() {
    return Fixtures.freshPgSchema("reports");
  }

  @Override
  void dropDatabase(String url) {
    Fixtures.dropPgSchema(url);
  }
}
