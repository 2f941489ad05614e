package org.openrps.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.openrps.agent.CycleResult;

/** Prints one agent cycle for a person: what was found, counted and acknowledged. */
final class CycleReport {
  private CycleReport() {}

  static void print(PrintWriter out, CycleResult r) {
    out.printf(
        Locale.ROOT,
        "  scanned        %d addresses: %d printers, %d out of scope, %d unreachable%n",
        r.addressesScanned(),
        r.printersFound(),
        r.outOfScope(),
        r.unreachable());
    out.printf(
        Locale.ROOT,
        "  pages counted  %,d (sum of life counters%s)%n",
        r.pagesCounted(),
        r.flaggedTotals() == 0
            ? ""
            : String.format(
                Locale.ROOT, "; %d flagged, held for review, not counted", r.flaggedTotals()));
    out.println(
        r.lowestToner()
            .map(
                t ->
                    String.format(
                        Locale.ROOT,
                        "  lowest toner   %.1f %% (%s, serial %s)",
                        t.percent(),
                        t.description(),
                        t.deviceSerial()))
            .orElse("  lowest toner   no toner level known"));
    if (r.readingsKept() > 0) {
      out.printf(
          Locale.ROOT,
          "  outbox         %,d readings waiting for the server's receipt%n",
          r.readingsKept());
    }
    if (!r.sync().refused().isEmpty()) {
      out.printf(
          Locale.ROOT,
          "  refused        %d reports, kept (see below)%n",
          r.sync().refused().size());
    }
    r.receipt()
        .ifPresent(
            receipt ->
                out.printf(
                    Locale.ROOT,
                    "  receipt        report %s: %d devices %s at %s%n",
                    receipt.reportId(),
                    receipt.devices(),
                    receipt.duplicate() ? "already stored" : "stored",
                    receipt.receivedAt()));
  }
}
