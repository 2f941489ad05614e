package org.openrps.snmp.profile;

import java.util.List;
import java.util.Objects;
import org.openrps.snmp.Oid;

/** One part of a meter's value: a variable, or a table cell chosen by its row's type column. */
public sealed interface MeterTerm {

  /** The variable at {@code oid}. */
  record Scalar(Oid oid) implements MeterTerm {
    public Scalar {
      Objects.requireNonNull(oid, "oid");
    }

    @Override
    public String toString() {
      return oid.toString();
    }
  }

  /**
   * The cell of {@code valueColumn} in the row whose cells match every condition of {@code where},
   * e.g. Ricoh's engine counter table, whose rows are counters named by a type code. With {@code
   * everyRow}, the cells of every such row added up, e.g. Samsung's counter table, where one job
   * type has a row per media size, duplex and colour mode.
   *
   * @param where at least one condition; the first names the column walked to find the rows
   */
  record TableRow(Oid valueColumn, List<Match> where, boolean everyRow) implements MeterTerm {
    public TableRow {
      Objects.requireNonNull(valueColumn, "valueColumn");
      where = List.copyOf(where);
      if (where.isEmpty()) {
        throw new IllegalArgumentException("a table row needs a condition");
      }
      if (where.stream().map(Match::column).distinct().count() != where.size()) {
        throw new IllegalArgumentException("a table row names a column twice");
      }
    }

    /** The one row whose {@code typeColumn} cell equals {@code type}. */
    public TableRow(Oid valueColumn, Oid typeColumn, long type) {
      this(valueColumn, List.of(new Match(typeColumn, type)), false);
    }

    /** The columns whose cells choose the rows. */
    public List<Oid> columns() {
      return where.stream().map(Match::column).toList();
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(valueColumn.toString()).append('[');
      for (int i = 0; i < where.size(); i++) {
        s.append(i == 0 ? "" : ",").append(where.get(i).column()).append('=');
        s.append(where.get(i).value());
      }
      return s.append(']').append(everyRow ? "*" : "").toString();
    }
  }

  /**
   * Every cell of {@code column}, added up, whatever the rows' indexes: e.g. HP's scanner flatbed
   * page count, one row per scanner at an index no source gives.
   */
  record Column(Oid column) implements MeterTerm {
    public Column {
      Objects.requireNonNull(column, "column");
    }

    @Override
    public String toString() {
      return column + "[*]";
    }
  }

  /** A condition on a row: its cell of {@code column} holds the integer {@code value}. */
  record Match(Oid column, long value) {
    public Match {
      Objects.requireNonNull(column, "column");
    }
  }

  /**
   * The cell of {@code valueColumn} in the row whose {@code nameColumn} cell is the text {@code
   * name} (trimmed, NULs dropped), e.g. Canon's LBP counter table, whose rows are named counters at
   * indexes that differ between models.
   */
  record NamedRow(Oid valueColumn, Oid nameColumn, String name) implements MeterTerm {
    public NamedRow {
      Objects.requireNonNull(valueColumn, "valueColumn");
      Objects.requireNonNull(nameColumn, "nameColumn");
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.contains("\"")) {
        throw new IllegalArgumentException("a row name is non-blank text without quotes");
      }
    }

    @Override
    public String toString() {
      return valueColumn + "[" + nameColumn + "=\"" + name + "\"]";
    }
  }
}
