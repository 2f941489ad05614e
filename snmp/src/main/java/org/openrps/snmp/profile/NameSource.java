package org.openrps.snmp.profile;

import java.util.Optional;

/**
 * Where a device's names (model, brand) can come from; a profile's {@code model.order} and {@code
 * brand.order} list them in order of trust.
 */
public enum NameSource {
  /** An IEEE 1284 device ID ({@code MDL:} for the model, {@code MFG:} for the brand). */
  ieee1284,
  /** The profile's own model OIDs ({@code model.N}). */
  vendor,
  /** hrDeviceDescr of the printer device. */
  hrDeviceDescr,
  /** prtGeneralPrinterName of the printer device. */
  prtGeneralPrinterName,
  /** sysDescr. */
  sysDescr,
  /** The model the model order chose (for the brand: its leading words). */
  model;

  /** The source named {@code text}, exactly as written in a profile. */
  static Optional<NameSource> named(String text) {
    for (NameSource s : values()) {
      if (s.name().equals(text.strip())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
