package org.openrps.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openrps.device.DeviceDirect;
import org.openrps.server.commands.Commands;
import org.openrps.server.commands.StoredCommand;
import org.openrps.server.fleet.DeviceState;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.DeviceDirectFleet;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.command.CommandTypes;

/**
 * The demo's Device Direct part: how many printers reported themselves, how many the server holds
 * from both paths as one device, and one command's life, from queued on the server to its effect
 * seen over SNMP.
 */
final class DemoDeviceDirect {

  /** The location the demo's command gives its printer. */
  static final String LOCATION = "Demo room 101";

  private DemoDeviceDirect() {}

  static void print(PrintWriter out, Demo demo, List<DeviceDirect.Contact> first) {
    DeviceDirectFleet fleet = demo.deviceDirect().orElseThrow();
    List<DeviceDirectFleet.Member> members = fleet.members();
    int direct = 0;
    for (int i = 0; i < members.size(); i++) {
      if (first.get(i).ok() && first.get(i).reportsSent() > 0) {
        direct++;
      } else {
        out.printf(
            "  Device Direct  %s did not report: %s%n",
            address(members.get(i)), first.get(i).failure().orElse("nothing sent"));
      }
    }
    out.printf(
        "  Device Direct  %d of %d printers reported directly (%s)%n",
        direct,
        demo.simulator().printers().size(),
        members.stream().map(DemoDeviceDirect::address).collect(Collectors.joining(", ")));
    List<DeviceState> devices = demo.server().devices();
    int both = 0;
    for (DeviceDirectFleet.Member m : members) {
      DeviceRef key = m.module().device();
      long held =
          devices.stream()
              .filter(d -> d.make().equals(key.make()) && d.serial().equals(key.serial()))
              .count();
      if (held == 1 && reportedByBoth(demo, key)) {
        both++;
      }
    }
    out.printf(
        "  both paths     %d printers reported by the agent and by their own module, one device"
            + " each on the server (%d devices for %d printers)%n",
        both, devices.size(), demo.simulator().printers().size());
    if (members.isEmpty()) {
      return;
    }
    command(out, demo, members.get(0));
  }

  /**
   * Whether the server's latest state of the device has groups from an agent and from a Device
   * Direct module (say identity and meters from the later agent poll, diagnostics from the module).
   */
  private static boolean reportedByBoth(Demo demo, DeviceRef key) {
    return demo.server()
        .fieldSources(TenantId.DEFAULT, key)
        .map(
            f ->
                java.util.stream.Stream.of(
                        f.address(),
                        f.identity(),
                        f.status(),
                        f.meters(),
                        f.supplies(),
                        f.alerts(),
                        f.inputs(),
                        f.diagnostics())
                    .filter(java.util.Objects::nonNull)
                    .map(org.openrps.server.fleet.FieldSources.Source::kind)
                    .collect(Collectors.toSet()))
        .map(kinds -> kinds.contains("agent") && kinds.contains("device"))
        .orElse(false);
  }

  /** Sends the printer a new location, has its module contact the server, shows the life. */
  private static void command(PrintWriter out, Demo demo, DeviceDirectFleet.Member m) {
    DeviceRef key = m.module().device();
    Commands commands = demo.server().commands();
    String before = sysLocation(m);
    Commands.Sent sent =
        commands.send(
            Scope.provider(),
            TenantId.DEFAULT,
            "demo",
            new Commands.Order(
                CommandTypes.SET_LOCATION,
                Map.of("location", LOCATION),
                Duration.ofHours(1),
                List.of(key),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    StoredCommand queued = sent.commands().get(0);
    out.println("  " + ServerCommandsCommand.line(queued));
    DeviceDirect.Contact contact = m.module().contact(false);
    if (!contact.ok()) {
      out.printf("  Device Direct  the module's contact failed: %s%n", contact.failure().get());
    }
    StoredCommand after = commands.find(Scope.provider(), queued.id()).orElseThrow();
    out.println("  " + ServerCommandsCommand.life(after));
    out.printf(
        "  over SNMP      sysLocation of %s: \"%s\" before, \"%s\" now%n",
        address(m), before, sysLocation(m));
  }

  private static String address(DeviceDirectFleet.Member m) {
    return m.printer().address().getAddress().getHostAddress();
  }

  /** The printer's sysLocation, read over SNMP as any manager would. */
  private static String sysLocation(DeviceDirectFleet.Member m) {
    try (SnmpClient snmp = Snmp.openClient()) {
      List<VarBind> answer =
          snmp.get(
                  new SnmpTarget(
                      m.printer().address(),
                      SnmpCredentials.Community.v2c("public"),
                      Duration.ofSeconds(2),
                      1),
                  List.of(StandardMib.SYS_LOCATION))
              .join();
      return answer.get(0).value() instanceof SnmpValue.OctetString s ? s.text() : "(none)";
    } catch (RuntimeException e) {
      return "(no answer: " + e.getMessage() + ")";
    }
  }
}
