package org.openrps.server.amr;

import java.util.Set;

/**
 * Which meters are billing meters, in the profiles' vocabulary
 * (snmp/src/main/resources/org/openrps/snmp/profiles/README.md): {@code total}
 * (prtMarkerLifeCount), the make's own total {@code pages}, {@code mono}, {@code colour} and the
 * single- and two-colour counts, and every split of print, copy, fax and scan ({@code print.mono},
 * {@code copy.colour.large}, {@code fax.received}, {@code scan.network}, …).
 */
final class BillingMeters {

  private static final Set<String> ALONE =
      Set.of("total", "pages", "mono", "colour", "twoColour", "singleColour");
  private static final Set<String> FAMILIES = Set.of("print", "copy", "fax", "scan");

  private BillingMeters() {}

  static boolean isBilling(String name) {
    if (ALONE.contains(name)) {
      return true;
    }
    int dot = name.indexOf('.');
    return FAMILIES.contains(dot < 0 ? name : name.substring(0, dot));
  }
}
