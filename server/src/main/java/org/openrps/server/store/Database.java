package org.openrps.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The server's database: a connection pool over SQLite or PostgreSQL, migrated by Flyway on open.
 */
public final class Database implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);

  /** The SQL engines the server runs on. */
  public enum Dialect {
    sqlite,
    postgresql;

    static Dialect of(String jdbcUrl) {
      if (jdbcUrl.startsWith("jdbc:sqlite:")) {
        return sqlite;
      }
      if (jdbcUrl.startsWith("jdbc:postgresql:")) {
        return postgresql;
      }
      throw new IllegalArgumentException(
          "database URL must start with jdbc:sqlite: or jdbc:postgresql: (got "
              + maskedUrl(jdbcUrl)
              + ")");
    }
  }

  private final Dialect dialect;
  private final HikariDataSource pool;
  private final Jdbi jdbi;

  private Database(Dialect dialect, HikariDataSource pool) {
    this.dialect = dialect;
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
  }

  /** The URL of the embedded default: a SQLite file. */
  public static String sqliteUrl(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /** Opens a pool on the URL and brings the schema up to date. */
  public static Database open(String jdbcUrl) {
    return open(jdbcUrl, 10);
  }

  /** Opens a pool of at most {@code poolSize} connections (PostgreSQL; SQLite uses 4). */
  public static Database open(String jdbcUrl, int poolSize) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setPoolName("openrps-db");
    if (dialect == Dialect.sqlite) {
      SQLiteConfig sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      // FULL: a commit is on disk (WAL fsynced) before the 201 goes out, so an acknowledged
      // report survives a power cut; NORMAL could lose the last transactions.
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      sqlite.enforceForeignKeys(true);
      sqlite.setBusyTimeout(30_000);
      SQLiteDataSource source = new SQLiteDataSource(sqlite);
      source.setUrl(jdbcUrl);
      config.setDataSource(source);
      config.setMaximumPoolSize(4);
    } else {
      config.setJdbcUrl(jdbcUrl);
      config.setMaximumPoolSize(poolSize);
      // A report's rows go in as JDBC batches; let the driver send them as multi-row INSERTs.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource pool = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration/" + dialect.name())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(dialect, pool);
  }

  public Dialect dialect() {
    return dialect;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Whether the database answers a trivial query within two seconds. */
  public boolean isReady() {
    try (var c = pool.getConnection()) {
      return c.isValid(2);
    } catch (java.sql.SQLException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Writes the one row of {@code health_probe}: {@code "up"} when the write commits, {@code
   * "read-only"} when the database answers but refuses the write (a read-only PostgreSQL, a
   * read-only SQLite file, a full disk), {@code "down"} when it does not answer.
   */
  public String probe(Instant now) {
    try {
      jdbi.useHandle(
          h -> h.createUpdate(Sql.of(Database.class, "probe")).bind("at", Sql.time(now)).execute());
      return "up";
    } catch (RuntimeException e) {
      LOG.warn("database - write probe failed: {}", e.getMessage());
      return isReady() ? "read-only" : "down";
    }
  }

  /** The URL without its query string, where passwords may hide. */
  public static String maskedUrl(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?…";
  }

  @Override
  public void close() {
    pool.close();
  }
}
