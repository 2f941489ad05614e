package org.openrps.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * PostgreSQL schemas, row counts and TLS trust for the server's tests; sample reports come from
 * {@link org.openrps.testkit.WireSamples}.
 */
public final class Fixtures {

  /** The PostgreSQL the tests use; {@code OPENRPS_TEST_PG_URL} overrides it. */
  public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private Fixtures() {}

  public static String pgBaseUrl() {
    String url = System.getenv("OPENRPS_TEST_PG_URL");
    return url == null || url.isBlank() ? DEFAULT_PG_URL : url;
  }

  /** Makes a fresh schema for one test class; returns a URL whose current schema it is. */
  public static String freshPgSchema(String prefix) {
    String schema =
        (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(pgBaseUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is needed at "
              + pgBaseUrl()
              + " (set OPENRPS_TEST_PG_URL): "
              + e.getMessage(),
          e);
    }
    String base = pgBaseUrl();
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public static void dropPgSchema(String url) {
    String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    try (Connection c = DriverManager.getConnection(pgBaseUrl());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop schema " + schema, e);
    }
  }

  /** Rows in a table, read over a connection of its own. */
  public static long count(String jdbcUrl, String table) {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count " + table, e);
    }
  }

  /** A TLS context that trusts exactly the certificate in the PEM file. */
  /** Trusts exactly the server's own certificate. */
  public static SSLContext trusting(Path pem) {
    return org.openrps.testkit.Loopback.trusting(pem);
  }
}
