package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;

/**
 * {@code openrps agent status}, through the real command, on a store filled by real agent cycles
 * against simulated printers and a real server: with the agent stopped (next times from the
 * schedule) and running (its next times through the control socket, its local page on loopback).
 */
class AgentStatusCommandTest {

  private static final long WAIT_SECONDS = 120;

  @TempDir Path dir;
  private Simulator sim;
  private ServerApp server;
  private int serverPort;
  private Path serverPem;

  @BeforeEach
  void start() throws Exception {
    sim =
        Simulator.start(
            new SimulatorConfig(3, InetAddress.getByName("127.59.9.1"), 0, "public", 23),
            Clock.systemUTC());
    server = ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), Clock.systemUTC());
    serverPort = server.port();
    serverPem = server.certificatePem();
  }

  @AfterEach
  void stop() {
    server.close();
    sim.close();
  }

  private List<String> agentArgs(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "agent",
                "--targets",
                "127.59.9.1-127.59.9.4",
                "--port",
                Integer.toString(sim.printers().get(0).address().getPort()),
                "--timeout",
                "PT0.5S",
                "--retries",
                "0",
                "--server",
                "https://127.0.0.1:" + serverPort,
                "--trust-cert",
                serverPem.toString(),
                "--data",
                dir.resolve("agent").toString()));
    Collections.addAll(args, more);
    return args;
  }

  @Test
  void statusOfAStoppedAgentShowsItsLastCycleDevicesAndTheSchedulesNextTimes() throws Exception {
    String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
    Run once = Run.of(agentArgs("--once", "--enrol-code", code).toArray(String[]::new));
    assertThat(once.exit()).as(once.err()).isZero();
    String data = dir.resolve("agent").toString();

    Run text =
        Run.of("agent", "--sync-at", "03:30", "--time-zone", "UTC", "status", "--data", data);

    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("Agent status (data directory " + data + "; local time, UTC)")
        .contains("not running (next times from the schedule: poll every 2 h, sync at 03:30)")
        .containsPattern(
            "Last data from devices: .*\\(\\d+ s ago\\): 3 printers answered \\(4"
                + " addresses, 1 unreachable\\)")
        .containsPattern("Last exchange: +.*: acknowledged, HTTP 20\\d \\(report .*, 3 devices\\)")
        .containsPattern("Last successful sync: .*ago")
        .contains("Secret last rotated:    never")
        .containsPattern("Next sync: +\\d{4}-\\d\\d-\\d\\d 03:30 \\(in ")
        .contains("Sync retry:             none pending")
        .contains("0 reports, 0 readings (0 not in a report yet), 0 bytes")
        .contains("Oldest waiting:         none")
        .contains("Devices (3):")
        .containsPattern("DEVICE +SERIAL +ADDRESS +LAST HEARD +SNMP +SET +LAST POLL");
    for (SimulatedPrinter p : sim.printers()) {
      // the set that answered, remembered in the store for the next poll
      assertThat(text.out())
          .containsPattern(p.serial() + " +127\\.59\\.9\\.\\d .* v2c community +community 1 ");
    }

    Run json =
        Run.of(
            "agent",
            "--sync-at",
            "03:30",
            "--time-zone",
            "UTC",
            "status",
            "--json",
            "--data",
            data);
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(json.out());
    assertThat(s.get("next").get("agentRunning").asBoolean()).isFalse();
    Instant nextSync = Instant.parse(s.get("next").get("nextSync").asText());
    assertThat(nextSync.atZone(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
    assertThat(nextSync).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(86_400));
    assertThat(s.get("lastPoll").get("answered").asInt()).isEqualTo(3);
    assertThat(s.get("lastExchange").get("outcome").asText()).isEqualTo("acknowledged");
    assertThat(s.get("backlog").get("readings").asLong()).isZero();
    assertThat(s.get("devices")).hasSize(3);
    assertThat(s.get("devices").get(0).get("snmp").get("version").asText()).isEqualTo("v2c");
    assertThat(s.get("devices").get(0).get("silent").asBoolean()).isFalse();
    assertThat(s.get("devices").get(0).get("credentialSet").asText()).isEqualTo("community 1");

    // the server goes away: the next cycle's readings wait, and the status says so
    int gone = serverPort;
    server.close();
    Run failed = Run.of(agentArgs("--once").toArray(String[]::new));
    assertThat(failed.exit()).as(failed.err()).isEqualTo(AgentCommand.EXIT_SYNC_FAILED);
    Run after = Run.of("agent", "status", "--data", data);
    assertThat(after.out())
        .containsPattern("Last exchange: +.*acknowledged, HTTP 20\\d")
        .contains("Last upload attempt:    ")
        .contains("failed, no answer")
        .contains("server unreachable at 127.0.0.1:" + gone)
        .containsPattern("Outbox backlog: +1 report, 3 readings \\(0 not in a report yet\\), \\d")
        .containsPattern("Oldest waiting: +\\d{4}-");
  }

  @Test
  void noDatabaseIsOneLineAndExitTwo() {
    Run r = Run.of("agent", "status", "--data", dir.resolve("nothing").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("openrps agent status: no agent database in " + dir.resolve("nothing"));
  }

  @Test
  void statusOfTheRunningAgentHasItsNextStepsAndItsPageListensOnLoopbackOnly() throws Exception {
    String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
    Path data = dir.resolve("agent");
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    String syncAt =
        LocalTime.now(ZoneOffset.UTC).plusHours(12).format(DateTimeFormatter.ofPattern("HH:mm"));
    List<String> args =
        agentArgs(
            "--enrol-code",
            code,
            "--cycle-now",
            "--poll-every",
            "24h",
            "--sync-at",
            syncAt,
            "--time-zone",
            "UTC",
            "--page-port",
            Integer.toString(port));
    AgentProcess agent = AgentProcess.start(args);
    try {
      agent.await(
          l ->
              l.equals(
                  "openrps agent: local page http://127.0.0.1:"
                      + port
                      + "/ (user admin, password in "
                      + data.resolve("page-password")
                      + ")"));
      agent.await(l -> l.contains("openrps agent: sync done"));
      agent.await(l -> l.contains("openrps agent: next poll at"));

      Run json = Run.of("agent", "status", "--json", "--data", data.toString());
      assertThat(json.exit()).as(json.err()).isZero();
      JsonNode s = new ObjectMapper().readTree(json.out());
      assertThat(s.get("next").get("agentRunning").asBoolean()).isTrue();
      assertThat(
              Instant.parse(s.get("next").get("nextSync").asText())
                  .atZone(ZoneOffset.UTC)
                  .toLocalTime())
          .isEqualTo(LocalTime.parse(syncAt));
      assertThat(s.get("devices")).hasSize(3);
      Run text = Run.of("agent", "status", "--data", data.toString());
      assertThat(text.out()).contains("Agent:                  running").contains("Devices (3):");

      Path password = data.resolve("page-password");
      assertThat(Files.getPosixFilePermissions(password))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> anonymous =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).doesNotContain(sim.printers().get(0).serial());
      String basic =
          java.util.Base64.getEncoder()
              .encodeToString(
                  ("admin:" + Files.readString(password).strip()).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                  .header("Authorization", "Basic " + basic)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains(sim.printers().get(0).serial()).contains("Next sync");

      // Bound to loopback only: the kernel's table of listening sockets says so, without
      // sending anything to an address outside 127.0.0.0/8.
      assertThat(listeningOn(port))
          .as("local addresses listening on port " + port)
          .containsExactly("127.0.0.1");
    } finally {
      agent.terminate();
      agent.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
      agent.process.destroyForcibly();
    }
  }

  /**
   * The IPv4 and IPv6 local addresses that listen on TCP {@code port}, from /proc/net/tcp{,6}
   * (state 0A is LISTEN; addresses are hex, IPv4 in little-endian byte order).
   */
  private static List<String> listeningOn(int port) throws Exception {
    List<String> addresses = new ArrayList<>();
    String hexPort = String.format(java.util.Locale.ROOT, "%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || !f[3].equals("0A") || !f[1].endsWith(":" + hexPort)) {
          continue;
        }
        String hex = f[1].substring(0, f[1].indexOf(':'));
        byte[] raw = java.util.HexFormat.of().parseHex(hex);
        for (int i = 0; i < raw.length; i += 4) { // each 32-bit word is little-endian
          byte t = raw[i];
          raw[i] = raw[i + 3];
          raw[i + 3] = t;
          t = raw[i + 1];
          raw[i + 1] = raw[i + 2];
          raw[i + 2] = t;
        }
        addresses.add(InetAddress.getByAddress(raw).getHostAddress());
      }
    }
    return addresses;
  }
}
