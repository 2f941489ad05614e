package org.openrps.server.mail;

import org.openrps.server.Fixtures;

/** The mail suite on PostgreSQL, in a fresh schema; fails (never skips) when PostgreSQL is down. */
class PostgresMailTest extends MailContract {
  @Override
  String freshDatabaseUrl() {
    return Fixtures.freshPgSchema("mail");
  }

  @Override
  void dropDatabase(String url) {
    Fixtures.dropPgSchema(url);
  }
}
