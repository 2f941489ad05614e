package org.openrps.server.store;

import org.openrps.server.Fixtures;

/**
 * The storage suite on PostgreSQL, in a fresh schema. Fails (never skips) when PostgreSQL is down:
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}, or {@code OPENRPS_TEST_PG_URL}.
 */
class PostgresStorageTest extends StorageContract {

  @Override
  String freshDatabaseUrl() {
    return Fixtures.freshPgSchema("storage");
  }

  @Override
  void dropDatabase(String url) {
    Fixtures.dropPgSchema(url);
  }
}
