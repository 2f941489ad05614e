package org.openrps.simulator;

import java.util.Optional;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;

/** A printer's view with a fault that lives in the MIB itself (not on the wire). */
final class FaultyView implements MibView {

  private static final Oid LIFE_COUNT = StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1);
  private static final Oid SERIAL = StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1);
  private static final Oid SUPPLIES = StandardMib.PRT_MARKER_SUPPLIES_TABLE;
  private static final Oid SUPPLY_DESCRIPTION = StandardMib.PRT_MARKER_SUPPLIES_DESCRIPTION;
  private static final SnmpValue HUGE_DESCR = SnmpValue.OctetString.of("X".repeat(16 * 1024));
  private static final String HUGE_SUFFIX = " " + "Y".repeat(2 * 1024);
  private static final Oid INPUT_TYPE = StandardMib.PRT_INPUT_ENTRY.append(2);
  private static final Oid INPUT_TYPE_ROWS = INPUT_TYPE.append(1);
  private static final Oid SUPPLY_MAX = StandardMib.PRT_MARKER_SUPPLIES_MAX_CAPACITY.append(1, 1);
  private static final Oid SUPPLY_LEVEL = StandardMib.PRT_MARKER_SUPPLIES_LEVEL.append(1, 1);
  private static final SnmpValue OTHER_INPUT = new SnmpValue.Integer32(1);

  private final MibView printer;
  private final FaultKind kind;

  FaultyView(MibView printer, FaultKind kind) {
    this.printer = printer;
    this.kind = kind;
  }

  @Override
  public Optional<SnmpValue> get(Oid oid) {
    if (hidden(oid)) {
      return Optional.empty();
    }
    return printer.get(oid).map(v -> changed(oid, huge(oid, v)));
  }

  @Override
  public Optional<VarBind> next(Oid oid) {
    if (kind == FaultKind.ENDLESS_TABLE && endless(oid)) {
      // the next prtInputType row, for ever: a table that never ends
      long row =
          oid.startsWith(INPUT_TYPE_ROWS) && oid.size() == INPUT_TYPE_ROWS.size() + 1
              ? Integer.toUnsignedLong(oid.last()) + 1
              : 1;
      if (row <= 0xFFFF_FFFFL) {
        return Optional.of(new VarBind(INPUT_TYPE_ROWS.append((int) row), OTHER_INPUT));
      }
    }
    return nextOf(oid).map(vb -> new VarBind(vb.oid(), changed(vb.oid(), vb.value())));
  }

  /** From prtInputEntry up to the last possible prtInputType row. */
  private static boolean endless(Oid oid) {
    return oid.startsWith(StandardMib.PRT_INPUT_ENTRY)
        && oid.compareTo(INPUT_TYPE_ROWS.append(-1)) < 0;
  }

  private SnmpValue changed(Oid oid, SnmpValue value) {
    if (kind == FaultKind.SENTINEL_LEVEL && oid.equals(SUPPLY_LEVEL)) {
      return new SnmpValue.Integer32(Integer.MAX_VALUE);
    }
    if (kind == FaultKind.SENTINEL_LEVEL && oid.equals(SUPPLY_MAX)) {
      return new SnmpValue.Integer32(0);
    }
    if (kind == FaultKind.NEGATIVE_COUNTER && oid.equals(LIFE_COUNT)) {
      return new SnmpValue.Integer32(-5);
    }
    return value;
  }

  private Optional<VarBind> nextOf(Oid oid) {
    if (kind == FaultKind.NON_INCREASING
        && oid.startsWith(SUPPLIES)
        && oid.size() > SUPPLIES.size() + 2) {
      // The OID asked for, again: a walk that never ends for a client that does not check.
      return printer.next(oid).map(vb -> new VarBind(oid, vb.value()));
    }
    Optional<VarBind> next = printer.next(oid);
    while (next.isPresent() && hidden(next.get().oid())) {
      next = printer.next(next.get().oid());
    }
    return next.map(vb -> new VarBind(vb.oid(), huge(vb.oid(), vb.value())));
  }

  private boolean hidden(Oid oid) {
    return kind == FaultKind.NO_SUCH_NAME && (oid.equals(LIFE_COUNT) || oid.equals(SERIAL));
  }

  private SnmpValue huge(Oid oid, SnmpValue value) {
    if (kind != FaultKind.HUGE_STRINGS) {
      return value;
    }
    if (oid.equals(StandardMib.SYS_DESCR)) {
      return HUGE_DESCR;
    }
    if (oid.startsWith(SUPPLY_DESCRIPTION) && value instanceof SnmpValue.OctetString s) {
      return SnmpValue.OctetString.of(s.text() + HUGE_SUFFIX);
    }
    return value;
  }
}
