package org.openrps.server.asr;

import org.openrps.server.Fixtures;

/** ASR on PostgreSQL, in a fresh schema (fails, never skips, when it is down). */
class PostgresAsrTest extends AsrContract {

  @Override
  String freshDatabaseUrl() {
    return Fixtures.freshPgSchema("asr");
  }

  @Override
  void dropDatabase(String url) {
    Fixtures.dropPgSchema(url);
  }
}
