package org.openrps.server.amr;

import java.util.List;
import java.util.Set;

/**
 * Which meters are billing meters, in the profiles' vocabulary
 * (snmp/src/main/resources/org/openrps/snmp/profiles/README.md): {@code total}
 * (prtMarkerLifeCount), the make's own total {@code pages}, {@code mono}, {@code colour} and the
 * single- and two-colour counts, and every split of print, copy, fax and scan ({@code print.mono},
 * {@code copy.colour.large}, {@code fax.received}, {@code scan.network}, …), also inside a make's
 * own family ({@code billing.mono}, {@code printer.colour}). Not billed: {@code duplex}, {@code
 * sheets}, {@code feeder} and the like, which count something other than billable pages.
 */
final class BillingMeters {

  private static final Set<String> ALONE =
      Set.of("total", "pages", "mono", "colour", "twoColour", "singleColour");
  private static final Set<String> FAMILIES = Set.of("print", "copy", "fax", "scan");

  /** A make's own family of counts keeps a prefix (HP's billing tree, Kyocera's print-only). */
  private static final List<String> MAKE_FAMILIES = List.of("billing.", "printer.");

  private BillingMeters() {}

  static boolean isBilling(String name) {
    for (String family : MAKE_FAMILIES) {
      if (name.startsWith(family) && name.length() > family.length()) {
        return isBilling(name.substring(family.length()));
      }
    }
    if (ALONE.contains(name)) {
      return true;
    }
    int dot = name.indexOf('.');
    return FAMILIES.contains(dot < 0 ? name : name.substring(0, dot));
  }
}
