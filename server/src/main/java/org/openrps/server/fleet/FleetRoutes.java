package org.openrps.server.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.openrps.server.alerts.AlertRepository;
import org.openrps.server.alerts.AlertRoutes;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Csv;
import org.openrps.server.http.DevicePath;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.meters.CurrentMeter;
import org.openrps.server.meters.MeterRepository;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.server.supplies.SupplyRepository;
import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;
import org.openrps.wire.SerialSource;
import org.openrps.wire.view.MeterView;
import org.openrps.wire.view.SupplyView;

/** The device list, one device, its snapshots, and deleting a device with its history. */
public final class FleetRoutes implements Routes.Feature {

  private static final String DEVICE = DevicePath.TEMPLATE;
  private static final TypeReference<List<SerialSource>> SERIAL_SOURCES = new TypeReference<>() {};
  private static final TypeReference<List<InputTray>> INPUTS = new TypeReference<>() {};
  private static final TypeReference<List<InstalledOption>> OPTIONS = new TypeReference<>() {};

  private static final List<String> CSV_COLUMNS =
      List.of(
          "customer",
          "site",
          "make",
          "model",
          "serial",
          "address",
          "lastSeen",
          "totalPages",
          "lowestSupplyPercent",
          "printerStatus",
          "totalPagesFlags",
          "totalPagesReported");

  private final DeviceRepository devices;
  private final MeterRepository meters;
  private final SupplyRepository supplies;
  private final AlertRepository alerts;
  private final ObjectMapper json;

  public FleetRoutes(
      DeviceRepository devices,
      MeterRepository meters,
      SupplyRepository supplies,
      AlertRepository alerts,
      ObjectMapper json) {
    this.devices = Objects.requireNonNull(devices, "devices");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.supplies = Objects.requireNonNull(supplies, "supplies");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public void routes(Routes r) {
    r.get(Routes.V1 + "/devices", this::list);
    r.get(DEVICE, this::device);
    r.delete(DEVICE, this::delete);
    r.get(DEVICE + "/readings", this::readings);
    r.get(DEVICE + "/parts", this::parts);
    r.get(DEVICE + "/diagnostics", this::diagnostics);
  }

  /** The device's latest diagnostics from its Device Direct module and its fault history. */
  private Response diagnostics(Request request) {
    UserPrincipal user = request.user();
    DeviceKey key = key(request);
    DeviceRepository.Groups groups =
        devices.groups(user.scope(), key).orElseThrow(() -> ApiException.notFound("device"));
    return Response.ok(
        new DeviceDiagnosticsView(
            key.make(),
            key.serial(),
            groups.sources().diagnostics(),
            groups.diagnosticsJson().map(this::diagnostics).orElse(null),
            devices.faults(user.scope(), key, DeviceRepository.MAX_FAULTS)));
  }

  private DeviceDiagnostics diagnostics(String text) {
    try {
      return json.readValue(text, DeviceDiagnostics.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored diagnostics are not wire JSON", e);
    }
  }

  private DeviceDiagnosticsView.Summary summary(
      DeviceRepository.Groups groups, Scope scope, DeviceKey key) {
    if (groups.diagnosticsJson().isEmpty() || groups.sources().diagnostics() == null) {
      return null;
    }
    DeviceDiagnostics x = diagnostics(groups.diagnosticsJson().get());
    FieldSources.Source source = groups.sources().diagnostics();
    return new DeviceDiagnosticsView.Summary(
        x.readAt(),
        source.kind() + ":" + source.id(),
        x.faults().stream().map(DeviceDiagnostics.Fault::code).toList(),
        devices.faults(scope, key, DeviceRepository.MAX_FAULTS).size(),
        new java.util.TreeMap<>(x.versions()),
        x.parts().size());
  }

  /** The most supply readings a part interval is worked out from (a year of hourly polls). */
  static final int PART_HISTORY = 200_000;

  /** A part as the API shows it: nulls where a figure is not known. */
  public record PartView(
      int index,
      String description,
      String type,
      java.time.Instant replacedAt,
      java.time.Instant since,
      Long pagesSinceReplacement,
      Long ratedLife,
      String lifeBasis,
      Double usedPercent,
      int replacementsSeen,
      Long lastIntervalPages) {
    static PartView of(org.openrps.server.supplies.PartIntervals.Part p) {
      return new PartView(
          p.index(),
          p.description(),
          p.type(),
          p.replacedAt().orElse(null),
          p.since(),
          p.pagesSince().isPresent() ? p.pagesSince().getAsLong() : null,
          p.ratedLife().isPresent() ? p.ratedLife().getAsLong() : null,
          p.lifeBasis(),
          p.usedPercent().isPresent() ? p.usedPercent().getAsDouble() : null,
          p.replacements(),
          p.lastInterval().isPresent() ? p.lastInterval().getAsLong() : null);
    }
  }

  private Response parts(Request request) {
    UserPrincipal user = request.user();
    DeviceKey key = DevicePath.visible(request, user, devices::exists);
    List<org.openrps.wire.SupplyReading> history =
        supplies
            .history(
                user.scope(),
                key,
                java.util.Optional.empty(),
                SupplyRepository.BEGINNING,
                "",
                -1,
                PART_HISTORY)
            .stream()
            .map(SupplyRepository.SupplyPoint::reading)
            .toList();
    return Response.ok(
        org.openrps.server.supplies.PartIntervals.of(
                history, meters.meterHistory(user.scope(), key))
            .stream()
            .map(PartView::of)
            .toList());
  }

  private static DeviceKey key(Request request) {
    return DevicePath.key(request);
  }

  /** The list's filters from the query: customer, site, make, status, lowSupply, notSeenSince. */
  static DeviceFilter filter(Request request) {
    try {
      return new DeviceFilter(
          request.query("customer").filter(v -> !v.isEmpty()).map(TenantId::of),
          request.query("site").filter(v -> !v.isEmpty()).map(SiteId::of),
          request.query("make").filter(v -> !v.isEmpty()),
          request.query("status").filter(v -> !v.isEmpty()),
          request
              .query("lowSupply")
              .filter(v -> !v.isEmpty())
              .map(v -> OptionalDouble.of(percent(v)))
              .orElse(OptionalDouble.empty()),
          request.query("notSeenSince").filter(v -> !v.isEmpty()).map(FleetRoutes::instant));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static double percent(String value) {
    try {
      double p = Double.parseDouble(value);
      if (p >= 0 && p <= 100) {
        return p;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiException.badRequest("lowSupply must be a percentage from 0 to 100");
  }

  private static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "notSeenSince must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
    }
  }

  private Response list(Request request) {
    UserPrincipal user = request.user();
    DeviceFilter filter = filter(request);
    if (Paging.csv(request)) {
      StringBuilder out = new StringBuilder(Csv.row(CSV_COLUMNS));
      String make = "";
      String serial = "";
      while (true) {
        List<DeviceState> page = devices.page(user.scope(), filter, make, serial, Paging.MAX_LIMIT);
        for (DeviceState d : page) {
          out.append(Csv.row(csvRow(d)));
        }
        if (page.size() < Paging.MAX_LIMIT) {
          break;
        }
        make = page.get(page.size() - 1).make();
        serial = page.get(page.size() - 1).serial();
      }
      return Response.csv("devices.csv", out.toString());
    }
    List<String> after = Paging.after(request, 2);
    int limit = Paging.limit(request);
    List<DeviceState> page =
        devices.page(
            user.scope(),
            filter,
            after.isEmpty() ? "" : after.get(0),
            after.isEmpty() ? "" : after.get(1),
            limit + 1);
    return Paging.page(request, page, limit, d -> List.of(d.make(), d.serial()), DeviceSummary::of);
  }

  private static List<Object> csvRow(DeviceState d) {
    return Arrays.asList(
        d.tenant().value(),
        d.site().value(),
        d.make(),
        d.model(),
        d.serial(),
        d.address(),
        d.lastSeen().toString(),
        d.totalPages().isPresent() ? d.totalPages().getAsLong() : null,
        d.lowestSupplyPercent().isPresent() ? d.lowestSupplyPercent().getAsDouble() : null,
        d.printerStatus(),
        String.join(" ", d.total().flags()),
        d.total().reported().isPresent() ? d.total().reported().getAsLong() : null);
  }

  private Response device(Request request) {
    UserPrincipal user = request.user();
    DeviceKey key = key(request);
    DeviceState d =
        devices.find(user.scope(), key).orElseThrow(() -> ApiException.notFound("device"));
    DeviceState.Details x = d.details();
    DeviceRepository.Groups groups =
        devices.groups(user.scope(), key).orElseThrow(() -> ApiException.notFound("device"));
    return Response.ok(
        new DeviceDetail(
            d.tenant().value(),
            d.site().value(),
            d.make(),
            d.model(),
            d.serial(),
            d.address(),
            d.lastSeen(),
            new DeviceDetail.Identity(
                x.sysObjectId(),
                x.mac().orElse(null),
                x.firmware().orElse(null),
                x.sysName().orElse(null),
                x.location().orElse(null),
                x.manufacturer().orElse(null),
                x.brand().orElse(null),
                x.serialDisagreementJson().map(j -> read(j, SERIAL_SOURCES)).orElse(null)),
            new DeviceDetail.Status(
                d.printerStatus(),
                x.deviceStatus().orElse(null),
                x.errors(),
                x.uptimeSeconds().isPresent() ? x.uptimeSeconds().getAsLong() : null),
            new DeviceDetail.Snmp(x.snmpVersion().orElse(null), x.snmpSecurity().orElse(null)),
            d.totalPages().isPresent() ? d.totalPages().getAsLong() : null,
            d.total().flags(),
            TotalPagesView.note(d.total()),
            TotalPagesView.of(d.total()),
            d.lowestSupplyPercent().isPresent() ? d.lowestSupplyPercent().getAsDouble() : null,
            d.printerStatus(),
            meters.current(user.scope(), key).stream().map(FleetRoutes::meterView).toList(),
            supplies.current(user.scope(), key).stream()
                .map(s -> SupplyView.of(s.reading(), s.source()))
                .toList(),
            alerts.alerts(user.scope(), key, true, 1000).stream()
                .map(AlertRoutes.AlertView::of)
                .toList(),
            read(x.inputsJson(), INPUTS),
            read(x.optionsJson(), OPTIONS),
            groups.sources(),
            summary(groups, user.scope(), key),
            x.lastReportId()));
  }

  private Response delete(Request request) {
    UserPrincipal user = request.user();
    user.requireChange();
    if (!devices.delete(user.scope(), key(request))) {
      throw ApiException.notFound("device");
    }
    return Response.noContent();
  }

  private Response readings(Request request) {
    UserPrincipal user = request.user();
    DeviceKey key = DevicePath.visible(request, user, devices::exists);
    List<String> after = Paging.after(request, 2);
    int limit = Paging.limit(request);
    List<DeviceReading> page =
        devices.readings(
            user.scope(),
            key,
            after.isEmpty() ? DeviceRepository.BEGINNING : Paging.instant(after.get(0)),
            after.isEmpty() ? "" : after.get(1),
            limit + 1);
    return Paging.page(
        request,
        page,
        limit,
        r -> List.of(Long.toString(r.seenAt().toEpochMilli()), r.reportId()),
        r -> r);
  }

  static MeterView meterView(CurrentMeter m) {
    return new MeterView(
        m.name(),
        m.value(),
        m.oids(),
        m.readAt(),
        m.allFlags(),
        m.flagged(),
        m.source(),
        m.trustedValue().isPresent() ? m.trustedValue().getAsLong() : null,
        m.trustedAt().orElse(null));
  }

  private <T> List<T> read(String text, TypeReference<List<T>> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored list is not JSON", e);
    }
  }
}
