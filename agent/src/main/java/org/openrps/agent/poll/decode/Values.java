package org.openrps.agent.poll.decode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;

/** How the decoders read single values: types checked, text cleaned, enumerations named. */
final class Values {

  /** The longest text kept from a device (wire limit). */
  static final int MAX_TEXT = 256;

  private Values() {}

  /** A counter value: Counter32/Counter64/Gauge32 or a non-negative Integer32; nothing else. */
  static OptionalLong counter(SnmpValue v) {
    if (v instanceof SnmpValue.Counter32
        || v instanceof SnmpValue.Gauge32
        || v instanceof SnmpValue.Counter64
        || v instanceof SnmpValue.Integer32) {
      OptionalLong n = v.asLong();
      return n.isPresent() && n.getAsLong() >= 0 ? n : OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /** The sentinel some devices send for "no value": 2^31-1, the largest Integer32. */
  static final long SENTINEL = Integer.MAX_VALUE;

  /**
   * Why {@code v} is no counter reading: {@code not a counter: <type>} for another type, {@code
   * unknown (raw N): ...} for a number the MIB does not allow (negative, the 2^31-1 sentinel of an
   * Integer32); empty for a good counter.
   */
  static Optional<String> notACounter(SnmpValue v) {
    if (v instanceof SnmpValue.Integer32 i) {
      if (i.value() < 0) {
        return Optional.of("unknown (raw " + i.value() + "): a counter is never negative");
      }
      if (i.value() == SENTINEL) {
        return Optional.of("unknown (raw " + i.value() + "): 2^31-1 is a sentinel, not a count");
      }
      return Optional.empty();
    }
    return counter(v).isPresent() ? Optional.empty() : Optional.of("not a counter: " + describe(v));
  }

  static OptionalLong integer(SnmpValue v) {
    if (v instanceof SnmpValue.Integer32 i) {
      return OptionalLong.of(i.value());
    }
    if (v instanceof SnmpValue.Gauge32 g) {
      return OptionalLong.of(g.value());
    }
    return OptionalLong.empty();
  }

  static String name(Map<Integer, String> names, long code) {
    String n =
        code >= Integer.MIN_VALUE && code <= Integer.MAX_VALUE ? names.get((int) code) : null;
    return n != null ? n : "other(" + code + ")";
  }

  /** A string value, cleaned; a value of another type is a failure named {@code what}. */
  static Optional<String> text(List<ReadFailure> failures, String what, SnmpValue v, int max) {
    if (v == null || !v.isValue()) {
      return Optional.empty();
    }
    if (v instanceof SnmpValue.OctetString s) {
      String t = clean(s.text(), max);
      return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }
    failures.add(new ReadFailure(what, "not a string: " + describe(v)));
    return Optional.empty();
  }

  /** Trimmed, without NULs or other control characters, at most {@code max} characters. */
  static String clean(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max));
    s.codePoints().filter(c -> !Character.isISOControl(c)).forEach(b::appendCodePoint);
    String t = b.toString().strip();
    return t.length() <= max ? t : t.substring(0, max).strip();
  }

  static String describe(SnmpValue v) {
    if (v == null) {
      return "not answered";
    }
    if (v instanceof SnmpValue.Exception e) {
      return e.name();
    }
    if (v instanceof SnmpValue.Bad b) {
      return "bad value (" + b.reason() + ")";
    }
    return v.getClass().getSimpleName();
  }

  /** A table indexed by hrDeviceIndex.rowIndex: row -> column -> value, for one device. */
  static Map<Long, Map<Integer, SnmpValue>> rows(Rows cells, Oid entry, int idx) {
    Map<Long, Map<Integer, SnmpValue>> mine = new TreeMap<>();
    Map<Long, Map<Integer, SnmpValue>> any = new TreeMap<>();
    for (VarBind vb : cells.under(entry)) {
      if (!vb.value().isValue()) {
        continue;
      }
      int[] s = vb.oid().suffixAfter(entry);
      if (s.length != 3) {
        continue;
      }
      (s[1] == idx ? mine : any)
          .computeIfAbsent(Integer.toUnsignedLong(s[2]), k -> new HashMap<>())
          .put(s[0], vb.value());
    }
    return mine.isEmpty() ? any : mine;
  }
}
