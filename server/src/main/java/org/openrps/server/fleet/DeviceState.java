package org.openrps.server.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/**
 * The latest known state of one device of a tenant. Each figure is the newest read by any source
 * and names that source ({@code agent:<id>} or {@code device:<id>}).
 *
 * @param total the life page count as last read, with its integrity flags and the last trusted
 *     value
 * @param lowestSupplyPercent the lowest level among consumed supplies, empty when none is known
 * @param details identity, status and posture fields of the latest snapshot
 */
public record DeviceState(
    TenantId tenant,
    SiteId site,
    String make,
    String model,
    String serial,
    String address,
    Instant lastSeen,
    Total total,
    OptionalDouble lowestSupplyPercent,
    String printerStatus,
    Sources sources,
    Details details) {

  /**
   * The life page count. A flagged reading (by the source or the server) is never the page count:
   * {@link #pages()} is then empty and {@link #trusted()} is the last reading nobody flagged.
   *
   * @param reported the value the device last reported, if it reported one
   * @param flags every flag on that reading, the source's and the server's
   */
  public record Total(
      OptionalLong reported,
      List<String> flags,
      Optional<Instant> readAt,
      Optional<String> source,
      OptionalLong trusted,
      Optional<Instant> trustedAt) {
    public Total {
      Objects.requireNonNull(reported, "reported");
      flags = List.copyOf(flags);
      Objects.requireNonNull(readAt, "readAt");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(trusted, "trusted");
      Objects.requireNonNull(trustedAt, "trustedAt");
    }

    /** The page count, only when the latest reading is sound. */
    public OptionalLong pages() {
      return flags.isEmpty() ? reported : OptionalLong.empty();
    }

    public boolean flagged() {
      return !flags.isEmpty();
    }
  }

  /** Where each figure of the latest state came from. */
  public record Sources(
      String address,
      Optional<String> totalPages,
      Optional<String> lowestSupplyPercent,
      String printerStatus,
      Optional<String> identity) {
    public Sources {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(totalPages, "totalPages");
      Objects.requireNonNull(lowestSupplyPercent, "lowestSupplyPercent");
      Objects.requireNonNull(printerStatus, "printerStatus");
      Objects.requireNonNull(identity, "identity");
    }
  }

  /**
   * The rest of the latest snapshot.
   *
   * @param inputsJson the input trays as wire JSON
   * @param optionsJson the installed options as wire JSON
   * @param manufacturer who made the device, under its current name (schema /5)
   * @param brand the name on the device (schema /5)
   * @param serialDisagreementJson the serial's sources as wire JSON where they disagreed, if so
   */
  public record Details(
      String sysObjectId,
      Optional<String> mac,
      Optional<String> firmware,
      Optional<String> sysName,
      Optional<String> location,
      Optional<String> deviceStatus,
      OptionalLong uptimeSeconds,
      List<String> errors,
      Optional<String> snmpVersion,
      Optional<String> snmpSecurity,
      String inputsJson,
      String optionsJson,
      String lastReportId,
      Optional<String> manufacturer,
      Optional<String> brand,
      Optional<String> serialDisagreementJson) {
    public Details {
      errors = List.copyOf(errors);
    }
  }

  public DeviceState {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(lowestSupplyPercent, "lowestSupplyPercent");
    Objects.requireNonNull(printerStatus, "printerStatus");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(details, "details");
  }

  /** The page count when the latest total reading is sound; empty when unknown or flagged. */
  public OptionalLong totalPages() {
    return total.pages();
  }
}
