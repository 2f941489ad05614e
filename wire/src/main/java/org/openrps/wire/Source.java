package org.openrps.wire;

import java.util.Objects;

/**
 * The sender of a report.
 *
 * @param kind an agent polling many devices, or a device reporting about itself
 * @param id the sender's client id, as issued by the server
 * @param version the sender's software version
 */
public record Source(Kind kind, String id, String version) {

  /** What kind of client sent a report. */
  public enum Kind {
    agent,
    device
  }

  public Source {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
  }
}
