package org.openrps.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the Printer MIB's prtAlertTable (RFC 3805), enumerations as their RFC names.
 *
 * @param index prtAlertIndex
 * @param severity prtAlertSeverityLevel: {@code critical}, {@code warning}, {@code
 *     warningBinaryChangeEvent}, {@code other}
 * @param trainingLevel prtAlertTrainingLevel: {@code untrained}, {@code trained}, {@code
 *     fieldService}, {@code management}, {@code noInterventionRequired}, {@code other}, {@code
 *     unknown}
 * @param group prtAlertGroup: the Printer MIB group the alert is about, e.g. {@code
 *     markerSupplies}, {@code input}, {@code cover}
 * @param code prtAlertCode as its RFC name, e.g. {@code jam}, {@code coverOpen}, {@code
 *     markerTonerAlmostEmpty}, or {@code other(N)}
 * @param description prtAlertDescription, as the device wrote it
 * @param readAt when it was read
 */
public record AlertReading(
    int index,
    String severity,
    String trainingLevel,
    String group,
    String code,
    String description,
    Instant readAt) {

  public AlertReading {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(trainingLevel, "trainingLevel");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(readAt, "readAt");
    if (index < 1) {
      throw new IllegalArgumentException("alert index must be positive: " + index);
    }
  }
}
