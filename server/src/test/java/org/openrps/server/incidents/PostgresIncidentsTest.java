package org.openrps.server.incidents;

import org.openrps.server.Fixtures;

/** Incidents on PostgreSQL, in a fresh schema (fails, never skips, when it is down). */
class PostgresIncidentsTest extends IncidentsContract {

  @Override
  String freshDatabaseUrl() {
    return Fixtures.freshPgSchema("incidents");
  }

  @Override
  void dropDatabase(String url) {
    Fixtures.dropPgSchema(url);
  }
}
