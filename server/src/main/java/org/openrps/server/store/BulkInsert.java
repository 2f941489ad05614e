package org.openrps.server.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;

/**
 * Rows for one history table, written at once: on PostgreSQL with {@code COPY ... FROM STDIN} (one
 * round trip, no statement to parse or bind per row), on SQLite as a JDBC batch of the table's
 * INSERT. Values are given per row in the order of {@code names}, which are the INSERT's named
 * parameters and, in the same order, the columns of the COPY statement.
 */
public final class BulkInsert {

  private final Handle handle;
  private final List<String> names;
  private final String copy;
  private final PreparedBatch batch;
  private final StringBuilder csv = new StringBuilder();
  private int rows;

  /**
   * {@code insert} is the INSERT with a named parameter per name; {@code copy} the COPY statement
   * in CSV format with a column per name, used on PostgreSQL.
   */
  public BulkInsert(
      Handle handle, Database.Dialect dialect, String insert, String copy, List<String> names) {
    this.handle = Objects.requireNonNull(handle, "handle");
    this.names = List.copyOf(names);
    if (dialect == Database.Dialect.postgresql) {
      this.copy = Objects.requireNonNull(copy, "copy");
      this.batch = null;
    } else {
      this.copy = null;
      this.batch = handle.prepareBatch(Objects.requireNonNull(insert, "insert"));
    }
  }

  /** Adds a row: one value per name, in their order; instants become timestamps. */
  public void add(Object... values) {
    if (values.length != names.size()) {
      throw new IllegalArgumentException(
          "a row has " + names.size() + " values (" + names + "), not " + values.length);
    }
    rows++;
    if (batch != null) {
      for (int i = 0; i < values.length; i++) {
        Object v = values[i];
        batch.bind(names.get(i), v instanceof Instant t ? Sql.time(t) : v);
      }
      batch.add();
      return;
    }
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        csv.append(',');
      }
      appendCsv(values[i]);
    }
    csv.append('\n');
  }

  public int size() {
    return rows;
  }

  /** Writes the rows added so far; nothing when there are none. */
  public void execute() {
    if (rows == 0) {
      return;
    }
    if (batch != null) {
      batch.execute();
      return;
    }
    try {
      handle
          .getConnection()
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(copy, new StringReader(csv.toString()));
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** CSV as COPY reads it: NULL is an unquoted empty field, every string is quoted. */
  private void appendCsv(Object v) {
    if (v == null) {
      return;
    }
    if (v instanceof Number) {
      csv.append(v);
    } else if (v instanceof Instant t) {
      csv.append(t);
    } else if (v instanceof Timestamp t) {
      csv.append(t.toInstant());
    } else {
      String s = v.toString();
      csv.append('"').append(s.indexOf('"') < 0 ? s : s.replace("\"", "\"\"")).append('"');
    }
  }
}
