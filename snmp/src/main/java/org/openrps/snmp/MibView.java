package org.openrps.snmp;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an SNMP agent shows: variables in OID order. {@link SnmpResponder} answers GET, GETNEXT and
 * GETBULK from it. Implementations are called from the responder's threads and must be quick and
 * thread-safe (computing a value on demand is fine; blocking is not).
 */
public interface MibView {

  /** The value of exactly this variable, or empty when the view has no such variable. */
  Optional<SnmpValue> get(Oid oid);

  /**
   * The first variable whose OID is greater than {@code oid} (in {@link Oid} order), or empty at
   * the end of the view. A correct view returns an increasing OID; the responder passes on whatever
   * it gets, so a test view can lie.
   */
  Optional<VarBind> next(Oid oid);

  /**
   * A fixed view of the given variables (copied). Handy for tests and recordings; for many agents
   * with one layout, implement the interface over shared data instead.
   */
  static MibView of(Map<Oid, SnmpValue> variables) {
    NavigableMap<Oid, SnmpValue> sorted = new TreeMap<>(variables);
    return new MibView() {
      @Override
      public Optional<SnmpValue> get(Oid oid) {
        return Optional.ofNullable(sorted.get(oid));
      }

      @Override
      public Optional<VarBind> next(Oid oid) {
        return Optional.ofNullable(sorted.higherEntry(oid))
            .map(e -> new VarBind(e.getKey(), e.getValue()));
      }
    };
  }
}
