package org.openrps.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.openrps.agent.AgentVersion;
import org.openrps.agent.NextSync;
import org.openrps.agent.site.SiteFactsCollector;
import org.openrps.agent.store.AgentStore;
import org.openrps.client.Credentials;
import org.openrps.snmp.profile.VendorProfiles;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceDelta;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Report;
import org.openrps.wire.SiteFacts;
import org.openrps.wire.Source;
import org.openrps.wire.SupplyReading;
import org.openrps.wire.WireJson;
import org.openrps.wire.key.DeviceKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code openrps agent preview}: field by field, what the next sync will send. Made by the sync's
 * own steps in a transaction that is rolled back: looking changes nothing that is sent.
 */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = {
      "Shows, field by field, what the next sync will send.",
      "",
      "First the reports made before and waiting for the server's receipt (sent again with"
          + " the same id and content), then the reports the sync will make of the readings"
          + " queued since. Assigns nothing: the next sync sends the same. Needs neither the"
          + " server nor the printers. --json prints each report's JSON body exactly as it"
          + " goes (before gzip), one a line."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "2:no agent database or credentials there"})
final class AgentPreviewCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @ParentCommand AgentCommand parent;
  @Mixin AgentDataOptions where;

  @Option(
      names = "--json",
      description = "Print each report's JSON body as it will be sent, one a line.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Logging.quiet();
    Path dir = where.dataDir(parent, err);
    Path db = dir.resolve("agent.db");
    if (!Files.isRegularFile(db)) {
      err.println("openrps agent preview: no agent database in " + dir);
      err.flush();
      return 2;
    }
    Path credentialsFile = where.credentialsFile(dir, parent, err);
    if (!Files.isRegularFile(credentialsFile)) {
      err.println(
          "openrps agent preview: no credentials in "
              + credentialsFile
              + " (every report carries the agent's id): give --credentials FILE");
      err.flush();
      return 2;
    }
    String agentId = Credentials.load(credentialsFile).agentId();
    Source source = new Source(Source.Kind.agent, agentId, AgentVersion.VERSION);
    List<NextSync.Planned> plan;
    try (AgentStore store = AgentStore.open(db, WireJson.newMapper())) {
      Optional<SiteFacts> site = Optional.empty();
      if (parent.server != null) {
        site =
            Optional.of(
                new SiteFactsCollector(
                        store,
                        // not the running agent: its schedule in force is not known here
                        Optional::empty,
                        parent.server,
                        parent.siteName,
                        VendorProfiles.standard().version(),
                        AgentVersion.VERSION,
                        Clock.systemUTC())
                    .collect(Optional.empty()));
      } else {
        err.println(
            "openrps agent preview: the site information each report carries is collected when"
                + " it is sent (give --server to see it here)");
        err.flush();
      }
      plan = NextSync.plan(store, source, Clock.systemUTC().instant(), site);
    } catch (AgentStore.Unusable e) {
      throw new UserFacingException(e.getMessage(), e);
    }
    if (json) {
      for (int i = 0; i < plan.size(); i++) {
        NextSync.Planned p = plan.get(i);
        out.println(p.json());
        if (!p.idFixed()) {
          err.printf(
              "openrps agent preview: report %d of %d is new: its reportId and createdAt are"
                  + " stand-ins, fixed when the sync makes it%n",
              i + 1, plan.size());
        }
      }
      out.flush();
      err.flush();
      return 0;
    }
    print(out, plan);
    out.flush();
    return 0;
  }

  static void print(PrintWriter out, List<NextSync.Planned> plan) {
    int devices = plan.stream().mapToInt(p -> p.report().snapshotCount()).sum();
    int bytes = plan.stream().mapToInt(NextSync.Planned::wireBytes).sum();
    out.printf(
        Locale.ROOT,
        "The next sync sends %d %s, %d %s, about %,d bytes on the wire (gzip JSON).%n",
        plan.size(),
        plan.size() == 1 ? "report" : "reports",
        devices,
        devices == 1 ? "device" : "devices",
        bytes);
    for (int i = 0; i < plan.size(); i++) {
      NextSync.Planned p = plan.get(i);
      Report r = p.report();
      out.println();
      out.printf("Report %d of %d%n", i + 1, plan.size());
      field(
          out,
          2,
          "report id",
          p.idFixed()
              ? r.reportId() + " (made before, waiting for the server's receipt: sent again as is)"
              : "new report (its id is fixed when the sync makes it)");
      field(out, 2, "schema", r.schema());
      field(
          out,
          2,
          "source",
          r.source().kind() + " " + r.source().id() + ", version " + r.source().version());
      field(
          out, 2, "created at", p.idFixed() ? r.createdAt().toString() : "when the sync makes it");
      field(
          out,
          2,
          "on the wire",
          String.format(Locale.ROOT, "%,d bytes%s", p.wireBytes(), p.idFixed() ? "" : " (about)"));
      field(
          out,
          2,
          "devices",
          r.snapshotCount()
              + (r.deltas().isEmpty()
                  ? ""
                  : " (" + r.deltas().size() + " as what changed since the server's receipt)"));
      r.site().ifPresent(site -> site(out, site));
      for (DeviceSnapshot d : r.devices()) {
        device(out, d);
      }
      for (DeviceDelta d : r.deltas()) {
        delta(out, d);
      }
    }
  }

  /** A snapshot that goes as what changed since its base (ADR 0010): what is sent, what is not. */
  private static void delta(PrintWriter out, DeviceDelta d) {
    out.println();
    out.println("  Device, as what changed");
    field(out, 4, "key", d.make() + "/" + d.serial() + " (make/serial)");
    field(out, 4, "seen at", d.seenAt().toString());
    field(out, 4, "base", "its snapshot of " + d.base() + ", acknowledged by the server");
    List<String> sent = d.partsSent();
    field(out, 4, "sent", sent.isEmpty() ? "nothing else" : String.join(", ", sent));
    List<String> same = new java.util.ArrayList<>();
    for (String part :
        List.of(
            "address",
            DeviceDelta.IDENTITY,
            DeviceDelta.COUNTERS,
            DeviceDelta.SUPPLIES,
            DeviceDelta.STATUS,
            DeviceDelta.ALERTS,
            DeviceDelta.INPUTS,
            DeviceDelta.OPTIONS,
            "snmp")) {
      if (!sent.contains(part)) {
        same.add(part);
      }
    }
    field(out, 4, "unchanged", same.isEmpty() ? "nothing" : String.join(", ", same));
    d.address().ifPresent(a -> field(out, 4, "address", a));
    for (MeterReading m : d.counters().orElse(List.of())) {
      field(
          out,
          4,
          "meter",
          m.name()
              + " = "
              + m.value()
              + (m.flags().isEmpty() ? "" : " flags " + String.join(",", m.flags()))
              + " (OID "
              + String.join(" + ", m.oids())
              + ")");
    }
    for (SupplyReading s : d.supplies().orElse(List.of())) {
      field(
          out,
          4,
          "supply",
          s.description()
              + " ("
              + s.type()
              + s.partNumber().map(n -> ", part " + n).orElse("")
              + "): "
              + level(s));
    }
    d.status()
        .ifPresent(
            st ->
                field(
                    out,
                    4,
                    "status",
                    st.printerStatus()
                        + (st.errors().isEmpty() ? "" : " " + String.join(",", st.errors()))));
  }

  /** The site information, fact by fact, as the record names them; unknown facts say so. */
  private static void site(PrintWriter out, SiteFacts site) {
    out.println();
    out.println("  Site information");
    for (java.lang.reflect.RecordComponent c : SiteFacts.class.getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(site);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName(), e);
      }
      if (value instanceof Optional<?> o) {
        value = o.map(Object::toString).orElse("unknown (not sent)");
      }
      field(out, 4, c.getName(), String.valueOf(value));
    }
  }

  private static void device(PrintWriter out, DeviceSnapshot d) {
    DeviceIdentity id = d.identity();
    out.println();
    out.println("  Device");
    field(
        out,
        4,
        "key",
        DeviceKey.tryOf(id.make(), id.serial())
            .map(k -> k + " (make/serial)")
            .orElse("none: no usable serial"));
    field(out, 4, "make", id.make());
    field(out, 4, "model", id.model());
    field(out, 4, "serial", id.serial());
    field(out, 4, "sysObjectID", id.sysObjectId());
    id.mac().ifPresent(v -> field(out, 4, "MAC", v));
    id.firmware().ifPresent(v -> field(out, 4, "firmware", v));
    id.sysName().ifPresent(v -> field(out, 4, "sysName", v));
    id.location().ifPresent(v -> field(out, 4, "location", v));
    field(out, 4, "address", d.address());
    field(out, 4, "seen at", d.seenAt().toString());
    d.snmp().ifPresent(s -> field(out, 4, "SNMP", s.version() + ", " + s.security()));
    for (MeterReading m : d.counters()) {
      field(
          out,
          4,
          "meter",
          m.name()
              + " = "
              + m.value()
              + (m.flags().isEmpty() ? "" : " flags " + String.join(",", m.flags()))
              + " (OID "
              + String.join(" + ", m.oids())
              + ")");
    }
    for (SupplyReading s : d.supplies()) {
      field(
          out,
          4,
          "supply",
          s.description()
              + " ("
              + s.type()
              + s.partNumber().map(n -> ", part " + n).orElse("")
              + "): "
              + level(s));
    }
    field(
        out,
        4,
        "status",
        d.status().printerStatus()
            + d.status().deviceStatus().map(v -> ", device " + v).orElse("")
            + (d.status().errors().isEmpty()
                ? ", no errors"
                : ", errors " + String.join(",", d.status().errors())));
    for (AlertReading a : d.alerts()) {
      field(
          out,
          4,
          "alert",
          a.severity() + " " + a.group() + " " + a.code() + ": " + a.description());
    }
    for (InputTray t : d.inputs()) {
      field(
          out,
          4,
          "input",
          t.name()
              + t.mediaName().map(m -> " (" + m + ")").orElse("")
              + ": "
              + t.currentLevel()
              + "/"
              + t.maxCapacity());
    }
    for (InstalledOption o : d.options()) {
      field(
          out,
          4,
          "option",
          o.type() + ": " + o.description() + o.status().map(s -> " (" + s + ")").orElse(""));
    }
  }

  private static String level(SupplyReading s) {
    switch (s.levelState()) {
      case known:
        return s.level()
            + "/"
            + s.maxCapacity()
            + " "
            + s.unit()
            + s.percent().stream()
                .mapToObj(p -> String.format(Locale.ROOT, " (%.0f%%)", p))
                .collect(Collectors.joining());
      case someRemaining:
        return "some remaining (level -3)";
      case unknown:
        return "unknown (level -2)";
      case other:
        return "other (level -1)";
      default:
        return "invalid level " + s.level();
    }
  }

  private static void field(PrintWriter out, int indent, String name, String value) {
    out.printf("%s%-12s %s%n", " ".repeat(indent), name, value);
  }
}
