package org.openrps.snmp.profile;

/** How sure the sources are about a profile fact (the marks of VENDOR-OIDS.md). */
public enum Confidence {
  /** A lead only (one weak source, or sources that disagree): kept as data, not read. */
  low,
  /** One reasonable source. */
  medium,
  /** Two or more independent sources, or a real device walk, or the vendor's own MIB. */
  high
}
