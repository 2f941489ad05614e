package org.openrps.snmp.profile;

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
   * The cell of {@code valueColumn} in the row whose {@code typeColumn} cell equals {@code type},
   * e.g. Ricoh's engine counter table, whose rows are counters named by a type code.
   */
  record TableRow(Oid valueColumn, Oid typeColumn, long type) implements MeterTerm {
    public TableRow {
      Objects.requireNonNull(valueColumn, "valueColumn");
      Objects.requireNonNull(typeColumn, "typeColumn");
    }

    @Override
    public String toString() {
      return valueColumn + "[" + typeColumn + "=" + type + "]";
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
