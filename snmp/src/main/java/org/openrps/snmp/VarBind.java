package org.openrps.snmp;

import java.util.Objects;

/** An OID and its value, as one element of a request or response. */
public record VarBind(Oid oid, SnmpValue value) {
  public VarBind {
    Objects.requireNonNull(oid, "oid");
    Objects.requireNonNull(value, "value");
  }
}
