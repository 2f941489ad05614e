package org.openrps.agent.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrps.agent.store.UploadOutcome;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Receipt;
import org.openrps.wire.SupplyReading;

/**
 * What the agent holds, as its customer's IT administrator audits it: every device with its
 * inventory, current meters, supplies, active alerts and SNMP security posture, and the history of
 * the agent's uploads to the server. Made from the store by {@link AuditReportReader}; {@link
 * HtmlReport} and {@link CsvReport} render it and read nothing else. Nothing secret is in it: the
 * credential sets are there by name and protocols only.
 *
 * @param madeAt when it was read from the store
 * @param origin which agent holds it
 * @param devices every device the store knows, by make, model and serial
 * @param uploads every upload attempt the upload log keeps, newest first
 */
public record AuditReport(
    Instant madeAt, Origin origin, List<Device> devices, List<Upload> uploads) {

  public AuditReport {
    Objects.requireNonNull(madeAt, "madeAt");
    Objects.requireNonNull(origin, "origin");
    devices = List.copyOf(devices);
    uploads = List.copyOf(uploads);
  }

  /** Devices that did not answer the latest poll. */
  public long unreachableDevices() {
    return devices.stream().filter(d -> !d.reachability().reachable()).count();
  }

  /** Devices whose SNMP posture has a weakness. */
  public long weakDevices() {
    return devices.stream().filter(d -> d.snmp().map(Snmp::weak).orElse(false)).count();
  }

  /**
   * The agent the report is of.
   *
   * @param agentId its id at the server; empty when it is not enrolled (or its credentials file is
   *     not at hand)
   * @param agentVersion the version of the agent that made the report
   * @param siteName the site name the agent is configured with, if any
   */
  public record Origin(Optional<String> agentId, String agentVersion, Optional<String> siteName) {
    public Origin {
      Objects.requireNonNull(agentId, "agentId");
      Objects.requireNonNull(agentVersion, "agentVersion");
      Objects.requireNonNull(siteName, "siteName");
    }
  }

  /**
   * One device and what the store holds of it. Text from the device (model, name, location, supply
   * and alert descriptions) is the device's own: renderers escape it.
   *
   * @param key {@code serial:<make>|<serial>} or {@code mac:<mac>}
   * @param address where it answered last
   * @param name its sysName as read, if it gave one
   * @param location its sysLocation as read at its latest kept snapshot; empty when it gave none or
   *     when the store keeps no snapshot of it (a device without a serial)
   * @param firstSeen when it first answered
   * @param lastSeen when it last answered
   * @param meters the latest reading of each of its meters, by name, flagged ones with their flags
   * @param supplies its supplies as its latest poll read them, levels as the device said them
   * @param status its printer status and the error conditions it detected at its latest poll
   * @param alerts its alert table at its latest kept snapshot; empty when the store keeps no
   *     snapshot of it (a device without a serial), an empty list when the table was empty
   * @param snmp how it answered: the credential set and its protocols; empty when unknown
   */
  public record Device(
      String key,
      String make,
      String model,
      Optional<String> serial,
      Optional<String> mac,
      String address,
      Optional<String> name,
      Optional<String> location,
      Instant firstSeen,
      Instant lastSeen,
      Reachability reachability,
      List<MeterReading> meters,
      List<SupplyReading> supplies,
      Optional<DeviceStatus> status,
      Optional<List<AlertReading>> alerts,
      Optional<Snmp> snmp) {
    public Device {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(make, "make");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(reachability, "reachability");
      meters = List.copyOf(meters);
      supplies = List.copyOf(supplies);
      alerts = alerts.map(List::copyOf);
    }

    /** "HP LaserJet M507", not "HP HP LaserJet M507": models often start with their make. */
    public String displayName() {
      return model
              .toLowerCase(java.util.Locale.ROOT)
              .startsWith(make.toLowerCase(java.util.Locale.ROOT))
          ? model
          : make + " " + model;
    }
  }

  /**
   * Whether a device answers, as the polls the store remembers tell.
   *
   * @param reachable it answered the latest poll of the targets
   * @param since reachable: its first answer after the last poll it missed (its first answer ever
   *     when it missed none the store remembers); not reachable: the start of the first poll it
   *     missed (when it last answered, when the store remembers no poll of the targets)
   */
  public record Reachability(boolean reachable, Instant since) {
    public Reachability {
      Objects.requireNonNull(since, "since");
    }
  }

  /**
   * How a device answered SNMP, never a secret.
   *
   * @param version {@code v1}, {@code v2c} or {@code v3}
   * @param auth for v3, the authentication protocol ({@code none}, {@code MD5}, {@code SHA-1},
   *     {@code SHA-256} ...); empty for v1/v2c
   * @param priv for v3, the privacy protocol ({@code none}, {@code DES}, {@code AES-128} ...);
   *     empty for v1/v2c
   * @param credentialSet the name of the credential set that last opened its address, if known
   * @param weaknesses why the posture is weak, one reason each (cleartext community, MD5, SHA-1,
   *     DES, no authentication, no privacy); empty when it is not
   */
  public record Snmp(
      String version,
      Optional<String> auth,
      Optional<String> priv,
      Optional<String> credentialSet,
      List<String> weaknesses) {
    public Snmp {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(auth, "auth");
      Objects.requireNonNull(priv, "priv");
      Objects.requireNonNull(credentialSet, "credentialSet");
      weaknesses = List.copyOf(weaknesses);
    }

    /** True when the posture has a weakness. */
    public boolean weak() {
      return !weaknesses.isEmpty();
    }

    /** {@code v2c community}, {@code v3 SHA-256/AES-128}. */
    public String describe() {
      if (auth.isEmpty()) {
        return version + " community";
      }
      return version + " " + auth.get() + "/" + priv.orElse("none");
    }
  }

  /**
   * One attempt to upload a report, from the upload log.
   *
   * @param readings the device snapshots the report held
   * @param httpStatus the server's HTTP status; empty when no answer came
   * @param receipt the server's receipt (acknowledged, duplicate)
   * @param refusalCode the server's error code (refused); empty when none
   * @param message the refusal or the error; empty when acknowledged
   */
  public record Upload(
      Instant at,
      String reportId,
      int readings,
      UploadOutcome outcome,
      Optional<Integer> httpStatus,
      Optional<Receipt> receipt,
      String refusalCode,
      String message) {
    public Upload {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reportId, "reportId");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(httpStatus, "httpStatus");
      Objects.requireNonNull(receipt, "receipt");
      Objects.requireNonNull(refusalCode, "refusalCode");
      Objects.requireNonNull(message, "message");
    }
  }
}
