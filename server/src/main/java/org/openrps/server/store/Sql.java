package org.openrps.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/** Statements kept as resources beside their repository, and the few conversions they need. */
public final class Sql {

  private static final ClasspathSqlLocator LOCATOR = ClasspathSqlLocator.removingComments();

  private Sql() {}

  /** The statement in {@code org/openrps/server/store/<Repository>/<name>.sql}. */
  public static String of(Class<?> repository, String name) {
    return LOCATOR.locate(repository, name);
  }

  /** Instants are bound as timestamps: epoch millis in SQLite, timestamptz in PostgreSQL. */
  public static Timestamp time(Instant instant) {
    return Timestamp.from(instant);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getTimestamp(column).toInstant();
  }

  public static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }

  public static OptionalDouble optionalDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  public static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  /** Binds {@code :tenant}, {@code :make} and {@code :serial} of a device. */
  public static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindKey(
      S statement, DeviceKey key) {
    java.util.Objects.requireNonNull(key, "key");
    return statement
        .bind("tenant", key.tenant().value())
        .bind("make", key.make())
        .bind("serial", key.serial());
  }
}
