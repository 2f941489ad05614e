package org.openrps.server.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Something wrong with a device now, as its latest state shows it: an open alert of its
 * prtAlertTable or a bit of its hrPrinterDetectedErrorState. What becomes an incident.
 *
 * @param tenant the device's tenant
 * @param make the device's make
 * @param serial the device's serial
 * @param code what is wrong: {@code alert:<code>} (a Printer MIB alert code name, e.g. {@code
 *     alert:jam}) or {@code error:<name>} (an hrPrinterDetectedErrorState name, e.g. {@code
 *     error:noToner}), or {@code communication:lost}
 * @param severity {@code critical}, {@code warning} or {@code minor}
 * @param kind {@code alert}, {@code error} or {@code communication}
 * @param description what a person reads
 * @param since when the device first showed it, as far as its data tells
 */
public record Condition(
    String tenant,
    String make,
    String serial,
    String code,
    String severity,
    String kind,
    String description,
    Instant since) {

  public Condition {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(since, "since");
  }

  /** What identifies an incident: the device and the code. */
  public List<String> key() {
    return List.of(tenant, make, serial, code);
  }

  /** Detected error states that stop the device or need a visit. */
  static final Set<String> CRITICAL_ERRORS =
      Set.of(
          "jammed",
          "noToner",
          "doorOpen",
          "offline",
          "serviceRequested",
          "markerSupplyMissing",
          "inputTrayMissing",
          "outputTrayMissing");

  /** Detected error states the customer sees to (paper, toner running low, a full bin). */
  static final Set<String> WARNING_ERRORS =
      Set.of(
          "lowToner",
          "noPaper",
          "lowPaper",
          "inputTrayEmpty",
          "outputFull",
          "outputNearFull",
          "overduePreventMaint");

  /** The Printer MIB's alert severities as incident severities. */
  private static final Map<String, String> ALERT_SEVERITY =
      Map.of("critical", "critical", "warning", "warning", "warningBinaryChangeEvent", "warning");

  /** An open alert as a condition; its training level is in the description. */
  static Condition ofAlert(
      String tenant,
      String make,
      String serial,
      String code,
      String severity,
      String trainingLevel,
      String description,
      Instant firstSeenAt) {
    String text =
        (description.isBlank() ? code : description)
            + " (alert, training level "
            + trainingLevel
            + ")";
    return new Condition(
        tenant,
        make,
        serial,
        "alert:" + code,
        ALERT_SEVERITY.getOrDefault(severity, "minor"),
        "alert",
        text,
        firstSeenAt);
  }

  /** A detected error state as a condition. */
  static Condition ofError(String tenant, String make, String serial, String error, Instant seen) {
    String severity =
        CRITICAL_ERRORS.contains(error)
            ? "critical"
            : WARNING_ERRORS.contains(error) ? "warning" : "minor";
    return new Condition(
        tenant,
        make,
        serial,
        "error:" + error,
        severity,
        "error",
        error + " (detected error state)",
        seen);
  }

  /**
   * A device not heard for {@code lossAfter}: its agent still reports without it, or, for a Device
   * Direct device ({@code client} of kind device), it stopped reporting itself. Opened as of when
   * the silence crossed the threshold.
   */
  static Condition ofLoss(
      String tenant,
      String make,
      String serial,
      String clientKind,
      String client,
      Instant lastSeen,
      java.time.Duration lossAfter) {
    String text =
        "device".equals(clientKind)
            ? "Device Direct silent since " + lastSeen
            : "not in the reports of agent " + client + " since " + lastSeen;
    return new Condition(
        tenant,
        make,
        serial,
        "communication:lost",
        "warning",
        "communication",
        text,
        lastSeen.plus(lossAfter));
  }
}
