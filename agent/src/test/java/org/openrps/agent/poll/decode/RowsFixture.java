package org.openrps.agent.poll.decode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;

/**
 * Rows as a device sends them, written by hand in the order of an snmprec file: {@code
 * rows().integer("1.3.6.1.2.1.43.11.1.1.9.1.1", 54)}.
 */
final class RowsFixture {

  static final Instant AT = Instant.parse("2026-11-28T08:00:00Z");

  private final List<VarBind> bindings = new ArrayList<>();

  static RowsFixture rows() {
    return new RowsFixture();
  }

  RowsFixture integer(String oid, int value) {
    return add(oid, new SnmpValue.Integer32(value));
  }

  RowsFixture text(String oid, String value) {
    return add(oid, new SnmpValue.OctetString(value.getBytes(StandardCharsets.UTF_8)));
  }

  RowsFixture bytes(String oid, int... value) {
    byte[] b = new byte[value.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) value[i];
    }
    return add(oid, new SnmpValue.OctetString(b));
  }

  RowsFixture counter(String oid, long value) {
    return add(oid, new SnmpValue.Counter32(value));
  }

  RowsFixture objectId(String oid, String value) {
    return add(oid, new SnmpValue.ObjectId(Oid.of(value)));
  }

  RowsFixture ticks(String oid, long value) {
    return add(oid, new SnmpValue.TimeTicks(value));
  }

  RowsFixture add(String oid, SnmpValue value) {
    bindings.add(new VarBind(Oid.of(oid), value));
    return this;
  }

  Rows build() {
    return Rows.of(bindings);
  }

  /** As a complete walk read at {@link #AT}. */
  Walked walked() {
    return new Walked(build(), AT, false);
  }
}
