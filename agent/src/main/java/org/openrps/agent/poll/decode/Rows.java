package org.openrps.agent.poll.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;

/**
 * Raw rows as a device answered them: OID to value, in OID order, nothing interpreted. What the
 * request driver collects and the decoders read. An OID answered twice keeps its first value.
 */
public final class Rows {

  private static final Rows EMPTY = new Rows(new TreeMap<>());

  private final NavigableMap<Oid, SnmpValue> cells;

  private Rows(NavigableMap<Oid, SnmpValue> cells) {
    this.cells = Collections.unmodifiableNavigableMap(cells);
  }

  /** No rows. */
  public static Rows empty() {
    return EMPTY;
  }

  /** The rows of a walk or a GET (duplicates: the first is kept). */
  public static Rows of(List<VarBind> bindings) {
    NavigableMap<Oid, SnmpValue> map = new TreeMap<>();
    for (VarBind vb : bindings) {
      map.putIfAbsent(vb.oid(), vb.value());
    }
    return new Rows(map);
  }

  /** The rows of a map of values. */
  public static Rows of(Map<Oid, SnmpValue> values) {
    return new Rows(new TreeMap<>(Objects.requireNonNull(values, "values")));
  }

  /** The value answered for exactly {@code oid}, if any (a v2c exception is a value here). */
  public Optional<SnmpValue> get(Oid oid) {
    return Optional.ofNullable(cells.get(oid));
  }

  /** The value or null, for the decoders of this package. */
  SnmpValue at(Oid oid) {
    return cells.get(oid);
  }

  /** Every row, in OID order. */
  public List<VarBind> all() {
    List<VarBind> out = new ArrayList<>(cells.size());
    cells.forEach((k, v) -> out.add(new VarBind(k, v)));
    return out;
  }

  /** The rows strictly under {@code root}, in OID order. */
  public List<VarBind> under(Oid root) {
    List<VarBind> out = new ArrayList<>();
    for (Map.Entry<Oid, SnmpValue> e : cells.tailMap(root, false).entrySet()) {
      if (!e.getKey().startsWith(root)) {
        break;
      }
      out.add(new VarBind(e.getKey(), e.getValue()));
    }
    return out;
  }

  public int size() {
    return cells.size();
  }

  public boolean isEmpty() {
    return cells.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rows other && cells.equals(other.cells);
  }

  @Override
  public int hashCode() {
    return cells.hashCode();
  }

  @Override
  public String toString() {
    return "Rows" + cells;
  }
}
