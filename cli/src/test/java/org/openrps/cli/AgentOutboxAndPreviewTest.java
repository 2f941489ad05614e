package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.store.AgentStore;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.wire.WireJson;

/** {@code openrps agent preview} and {@code openrps agent outbox}, through the real command. */
class AgentOutboxAndPreviewTest {

  @TempDir Path dir;
  private Simulator sim;

  @BeforeEach
  void printers() throws Exception {
    sim =
        Simulator.start(
            new SimulatorConfig(3, InetAddress.getByName("127.59.7.1"), 0, "public", 21),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private String[] agent(int serverPort, Path trust, String... more) {
    return Run.concat(
        new String[] {
          "agent",
          "--once",
          "--targets",
          "127.59.7.1-127.59.7.3",
          "--port",
          Integer.toString(sim.printers().get(0).address().getPort()),
          "--server",
          "https://127.0.0.1:" + serverPort,
          "--trust-cert",
          trust.toString(),
          "--data",
          dir.resolve("agent").toString()
        },
        more);
  }

  @Test
  void previewShowsFieldByFieldWhatTheNextSyncSendsAndTheSyncThenSendsExactlyThat()
      throws Exception {
    Path serverData = dir.resolve("server");
    Path agentDir = dir.resolve("agent");
    ServerApp first = ServerApp.start(ServerConfig.embedded(serverData, 0), Clock.systemUTC());
    Path pem = first.certificatePem();
    String code = first.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
    assertThat(Run.of(agent(first.port(), pem, "--enrol-code", code)).exit()).isZero();
    int gone = first.port();
    first.close();
    assertThat(Run.of(agent(gone, pem)).exit()).isEqualTo(AgentCommand.EXIT_SYNC_FAILED);
    assertThat(Run.of(agent(gone, pem)).exit()).isEqualTo(AgentCommand.EXIT_SYNC_FAILED);

    Run outbox = Run.of("agent", "outbox", "--data", agentDir.toString());
    assertThat(outbox.exit()).as(outbox.err()).isZero();
    assertThat(outbox.out())
        .contains("Uploads, newest first (3 of 3")
        .contains("error: server unreachable at 127.0.0.1:" + gone + " (connection refused)")
        .contains(
            "Waiting for the next sync: 1 report made and not acknowledged, 6 snapshots in all"
                + " (3 not in a report yet)")
        .contains("Refused reports kept: none");
    JsonNode log =
        new ObjectMapper()
            .readTree(Run.of("agent", "outbox", "--json", "--data", agentDir.toString()).out());
    String waiting = log.get("uploads").get(0).get("reportId").asText();
    assertThat(log.get("uploads").get(1).get("reportId").asText()).isEqualTo(waiting);
    assertThat(log.get("uploads").get(0).get("outcome").asText()).isEqualTo("failed");
    assertThat(log.get("uploads").get(2).get("outcome").asText()).isEqualTo("acknowledged");

    Run json = Run.of("agent", "preview", "--json", "--data", agentDir.toString());
    assertThat(json.exit()).isZero();
    List<String> bodies = json.out().lines().toList();
    assertThat(bodies).hasSize(2);
    assertThat(json.err())
        .contains("report 2 of 2 is new: its reportId and createdAt are stand-ins");
    Run again = Run.of("agent", "preview", "--json", "--data", agentDir.toString());
    assertThat(again.out().lines()).as("looking changes nothing").first().isEqualTo(bodies.get(0));
    assertThat(again.err()).contains("report 2 of 2 is new");
    assertThat(again.err()).contains("give --server to see it here");
    Run withSite =
        Run.of(
            "agent", "--server", "https://127.0.0.1:9", "preview", "--data", agentDir.toString());
    assertThat(withSite.exit()).as(withSite.err()).isZero();
    assertThat(withSite.out())
        .contains("  Site information")
        .contains("agentVersion ")
        .contains("timeZone     " + java.time.ZoneId.systemDefault().getId());

    // after looking twice, the second report is still one the sync has to make
    Run preview = Run.of("agent", "preview", "--data", agentDir.toString());
    assertThat(preview.exit()).as(preview.err()).isZero();
    assertThat(preview.out())
        .startsWith("The next sync sends 2 reports, 6 devices, about ")
        .contains("Report 1 of 2")
        .contains(waiting + " (made before, waiting for the server's receipt: sent again as is)")
        .contains("Report 2 of 2")
        .contains("new report (its id is fixed when the sync makes it)")
        .contains("schema       openrps.report/7")
        // the server acknowledged a snapshot of each printer at enrolment: deltas on it (ADR 10)
        .contains("devices      3 (3 as what changed since the server's receipt)")
        .contains("Device, as what changed")
        .contains("base         its snapshot of ")
        .contains("unchanged    ")
        .doesNotContain("sysObjectID  ");
    for (SimulatedPrinter p : sim.printers()) {
      assertThat(preview.out()).contains("key          " + p.make() + "/" + p.serial());
    }
    try (ServerApp back = ServerApp.start(ServerConfig.embedded(serverData, 0), Clock.systemUTC());
        RecordingProxy proxy = new RecordingProxy(serverData, back.certificatePem(), back.port())) {
      Run sync = Run.of(agent(proxy.port(), pem));
      assertThat(sync.exit()).as(sync.err()).isZero();

      List<byte[]> uploads = proxy.uploads();
      assertThat(uploads).hasSizeGreaterThanOrEqualTo(2);
      ObjectMapper mapper = new ObjectMapper();
      com.fasterxml.jackson.databind.node.ObjectNode sent =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              mapper.readTree(WhatTheAgentSentTest.gunzip(uploads.get(0)));
      assertThat(sent.remove("site"))
          .as("the site information is collected when the report is sent")
          .isNotNull();
      assertThat(sent)
          .as("the waiting report goes exactly as previewed (but for the site information)")
          .isEqualTo(mapper.readTree(bodies.get(0)));
      assertThat(mapper.readTree(WhatTheAgentSentTest.gunzip(uploads.get(1))).get("devices"))
          .as("the new report holds exactly the previewed snapshots")
          .isEqualTo(mapper.readTree(bodies.get(1)).get("devices"));
      assertThat(mapper.readTree(WhatTheAgentSentTest.gunzip(uploads.get(1))).get("deltas"))
          .as("as the previewed deltas")
          .isNotNull()
          .isEqualTo(mapper.readTree(bodies.get(1)).get("deltas"));
    }
  }

  @Test
  void withoutADatabaseBothSayItInOneLine() {
    Path empty = dir.resolve("nothing-here");
    for (String sub : List.of("outbox", "preview")) {
      Run run = Run.of("agent", sub, "--data", empty.toString());
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err().lines())
          .containsExactly("openrps agent " + sub + ": no agent database in " + empty);
    }
  }

  @Test
  void outboxReadsWhileTheAgentIsWritingAndFindsTheDataDirWhereverItIsGiven() throws Exception {
    Path agentDir = dir.resolve("agent");
    Path db = agentDir.resolve("agent.db");
    AgentStore.open(db, WireJson.newMapper()).close();
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = writer.createStatement()) {
      writer.setAutoCommit(false);
      st.executeUpdate(
          "INSERT INTO outbox_report (report_id, created_at, seq)"
              + " VALUES ('r-1', '2026-12-02T10:00:00Z', 1)");

      Run during = Run.of("agent", "outbox", "--data", agentDir.toString());
      assertThat(during.exit()).as(during.err()).isZero();
      assertThat(during.out()).contains("No uploads yet.").contains(": 0 reports made");

      writer.commit();
    }
    Run after = Run.of("agent", "--data", agentDir.toString(), "outbox");
    assertThat(after.out()).contains(": 1 report made and not acknowledged");

    Path config = dir.resolve("agent.properties");
    Files.writeString(config, "data = " + agentDir + "\ncommunity = Zk8-in-the-file\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
    Run fromFile = Run.of("agent", "outbox", "--config", config.toString());
    assertThat(fromFile.exit()).as(fromFile.err()).isZero();
    assertThat(fromFile.out()).contains(": 1 report made");
    assertThat(fromFile.err())
        .contains("warning: " + config + " holds community and others can read it")
        .doesNotContain("Zk8-in-the-file");
  }
}
