package org.openrps.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.AgentVersion;
import org.openrps.agent.CycleResult;
import org.openrps.agent.poll.CredentialSet;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.ReportQueries;
import org.openrps.agent.store.RetentionPolicy;
import org.openrps.agent.target.TargetList;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.TestTls;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.AuthProtocol;
import org.openrps.snmp.PrivProtocol;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.UsmUser;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.RfcCsv;
import org.openrps.wire.Report;
import org.openrps.wire.WireJson;

/**
 * The audit report of a real agent: three simulated Kyocera printers over UDP (127.61.70.1-3), one
 * answering v2c, one v3 MD5/DES, one v3 SHA-256/AES-128; a fourth printer at 127.61.70.20 that is
 * swapped, between two cycles, for a recorded one with hostile text (its meters flagged {@code
 * deviceReplaced}); syncs to a real HTTPS receiver, one of them answered 503. The CSV is read back
 * with a strict RFC 4180 reader and checked against what the simulator holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditReportTest {

  private static final String LOCATION = "<script>alert(1)</script> \"a,b\"";
  private static final String NAME = "=HYPERLINK(\"http://127.0.0.1/x\",\"click\")";
  private static final String HOSTILE_SERIAL = "VCFHOST1LE";

  private final MutableClock clock = MutableClock.at("2026-12-01T08:00:00Z");
  private Path dir;
  private Simulator fleet;
  private HttpsReceiver server;
  private String swappedSerial;
  private final Map<String, Long> pagesAtSecondCycle = new java.util.HashMap<>();
  private Instant secondCycle;
  private List<String> receipts;
  private AuditReport report;
  private Map<String, ReportQueries.AnsweringSet> answering;
  private String csv;
  private List<List<String>> rows;
  private String html;

  @BeforeAll
  void twoCyclesThenTheReport() throws Exception {
    dir = org.openrps.testkit.Scratch.directory("openrps-audit-report");
    TestTls tls = TestTls.selfSigned("server");
    fleet =
        Simulator.start(
            new SimulatorConfig(3, InetAddress.getByName("127.61.70.1"), 0, "public", 71)
                .withMix(Map.of("Kyocera", 1)),
            clock);
    int port = fleet.printers().get(0).address().getPort();
    server = new HttpsReceiver(tls);
    PollSettings poll =
        new PollSettings(
            port,
            List.of(
                new CredentialSet(
                    "office v2c",
                    SnmpCredentials.Community.v2c("public"),
                    Optional.of(TargetList.of("127.61.70.1, 127.61.70.20"))),
                new CredentialSet(
                    "legacy v3",
                    SnmpCredentials.Usm.of(user(AuthProtocol.MD5, PrivProtocol.DES)),
                    Optional.of(TargetList.of("127.61.70.2"))),
                new CredentialSet(
                    "strong v3",
                    SnmpCredentials.Usm.of(user(AuthProtocol.SHA256, PrivProtocol.AES128)),
                    Optional.of(TargetList.of("127.61.70.3")))),
            Duration.ofSeconds(1),
            1,
            8,
            false,
            0);
    AgentConfig config =
        new AgentConfig(
                dir.resolve("agent.db"),
                "127.61.70.1-127.61.70.3, 127.61.70.20",
                poll,
                new RetentionPolicy(400),
                server.url(),
                "agent-audit",
                "pw".toCharArray(),
                Optional.of(tls.writePem(dir, "server.pem")))
            .withSiteName("Head office, floor 2");
    try (Agent agent = Agent.open(config, clock)) {
      try (Simulator swapped =
          Simulator.start(
              new SimulatorConfig(1, InetAddress.getByName("127.61.70.20"), port, "public", 72)
                  .withMix(Map.of("Kyocera", 1)),
              clock)) {
        swappedSerial = swapped.printers().get(0).serial();
        clock.advance(Duration.ofHours(1));
        CycleResult first = agent.runCycle();
        assertThat(first.printersFound()).isEqualTo(4);
        assertThat(first.sync().failure()).isEmpty();
      }
      // the printer at .20 is swapped for another one, with hostile text
      try (Simulator hostile =
          Simulator.start(
              new SimulatorConfig(1, InetAddress.getByName("127.61.70.20"), port, "public", 73)
                  .withRecordings(
                      Path.of(
                          Objects.requireNonNull(
                                  AuditReportTest.class.getResource("/recordings-hostile"))
                              .toURI())),
              clock)) {
        clock.advance(Duration.ofHours(2));
        secondCycle = clock.instant();
        server.answer(
            r -> new HttpsReceiver.Answer(503, "{\"code\":\"down\",\"message\":\"down\"}"));
        CycleResult second = agent.runCycle();
        assertThat(second.printersFound()).isEqualTo(4);
        assertThat(second.flaggedTotals()).as("the new printer's total is flagged").isEqualTo(1);
        assertThat(second.sync().failure()).isPresent();
        fleet.printers().forEach(p -> pagesAtSecondCycle.put(p.serial(), p.totalPages()));
        server.answer(server::receipt);
        clock.advance(Duration.ofMinutes(1));
        assertThat(agent.sync().failure()).isEmpty();
      }
    }
    receipts = server.received().stream().map(AuditReportTest::reportId).toList();
    try (AgentStore store =
        AgentStore.openReadOnly(dir.resolve("agent.db"), WireJson.newMapper())) {
      report =
          AuditReportReader.read(
              store,
              new AuditReport.Origin(
                  Optional.of("agent-audit"), AgentVersion.VERSION, config.siteName()),
              clock.instant());
      answering = new ReportQueries(store).answeringSets();
    }
    csv = CsvReport.render(report);
    rows = RfcCsv.parse(csv);
    html = HtmlReport.render(report, ZoneOffset.UTC);
  }

  @AfterAll
  void stop() {
    if (fleet != null) {
      fleet.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static UsmUser user(AuthProtocol auth, PrivProtocol priv) {
    return UsmUser.named(
        auth, priv, UsmUser.DEFAULT_AUTH_PASSPHRASE, UsmUser.DEFAULT_PRIV_PASSPHRASE);
  }

  private static String reportId(HttpsReceiver.Received r) {
    try {
      Report report = r.report();
      return report.reportId();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<Map<String, String>> section(String name) {
    return rows.subList(1, rows.size()).stream()
        .filter(r -> r.get(0).equals(name))
        .map(
            r -> {
              Map<String, String> m = new java.util.LinkedHashMap<>();
              for (int i = 0; i < CsvReport.COLUMNS.size(); i++) {
                m.put(CsvReport.COLUMNS.get(i), r.get(i));
              }
              return m;
            })
        .toList();
  }

  private Map<String, String> one(String section, Predicate<Map<String, String>> which) {
    List<Map<String, String>> found = section(section).stream().filter(which).toList();
    assertThat(found).as("one %s row", section).hasSize(1);
    return found.get(0);
  }

  private static Predicate<Map<String, String>> serial(String serial) {
    return r -> r.get("serial").equals(serial);
  }

  @Test
  void theCsvIsOneRfc4180TableWithTheDocumentedColumns() {
    assertThat(csv).endsWith("\r\n");
    assertThat(csv.replace("\r\n", "")).doesNotContain("\r");
    assertThat(rows.get(0)).isEqualTo(CsvReport.COLUMNS);
    assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(CsvReport.COLUMNS.size()));
    assertThat(rows.subList(1, rows.size()))
        .extracting(r -> r.get(0))
        .containsOnly("report", "device", "meter", "supply", "alert", "snmp", "upload");
    Map<String, String> facts =
        section("report").stream()
            .collect(Collectors.toMap(r -> r.get("item"), r -> r.get("value")));
    assertThat(facts)
        .containsEntry("agent_id", "agent-audit")
        .containsEntry("agent_version", AgentVersion.VERSION)
        .containsEntry("site_name", "Head office, floor 2")
        .containsEntry("devices", "5")
        .containsEntry("unreachable", "1")
        .containsEntry("made_at", clock.instant().toString());
  }

  @Test
  void everyPrinterIsThereWithTheSerialAndLifeCountTheSimulatorHolds() {
    assertThat(section("device"))
        .extracting(r -> r.get("serial"))
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(
                    fleet.printers().stream().map(SimulatedPrinter::serial),
                    java.util.stream.Stream.of(swappedSerial, HOSTILE_SERIAL))
                .toList());
    for (SimulatedPrinter p : fleet.printers()) {
      Map<String, String> device = one("device", serial(p.serial()));
      assertThat(device.get("make")).isEqualTo(p.make());
      assertThat(device.get("model")).isEqualTo(p.model());
      assertThat(device.get("address")).isEqualTo(p.address().getAddress().getHostAddress());
      assertThat(device.get("reachable")).isEqualTo("yes");
      assertThat(device.get("first_seen")).isEqualTo("2026-12-01T09:00:00Z");
      assertThat(device.get("since")).isEqualTo("2026-12-01T09:00:00Z");
      // what the simulator held when the last poll read it
      Map<String, String> total =
          one("meter", serial(p.serial()).and(r -> r.get("item").equals("total")));
      assertThat(total.get("state")).isEqualTo("ok");
      assertThat(Long.parseLong(total.get("value")))
          .isEqualTo(pagesAtSecondCycle.get(p.serial()) & 0xFFFF_FFFFL);
      assertThat(total.get("time")).isEqualTo(secondCycle.toString());
      assertThat(section("supply").stream().filter(serial(p.serial())))
          .isNotEmpty()
          .allSatisfy(
              s -> {
                if (s.get("state").equals("known")) {
                  assertThat(s.get("unit")).isEqualTo("%");
                  assertThat(Double.parseDouble(s.get("value"))).isBetween(0.0, 100.0);
                } else {
                  assertThat(s.get("value")).as("no level invented").isEmpty();
                }
              });
    }
  }

  @Test
  void theSwappedOutPrinterIsShownUnreachableSinceThePollItMissed() {
    Map<String, String> gone = one("device", serial(swappedSerial));
    assertThat(gone.get("reachable")).isEqualTo("no");
    assertThat(gone.get("since")).isEqualTo(secondCycle.toString());
    assertThat(gone.get("last_seen")).isEqualTo("2026-12-01T09:00:00Z");
    assertThat(html).contains("no, not since 2026-12-01 11:00:00");
  }

  @Test
  void aFlaggedMeterIsShownFlaggedNeverAsAPlainNumber() {
    Map<String, String> total =
        one("meter", serial(HOSTILE_SERIAL).and(r -> r.get("item").equals("total")));
    assertThat(total.get("state")).isEqualTo("flagged");
    assertThat(total.get("flag")).isEqualTo("deviceReplaced");
    assertThat(total.get("value")).isEmpty();
    assertThat(total.get("detail")).contains("123456").contains("not to be billed");
    assertThat(html)
        .contains("flagged deviceReplaced: the device said 123,456, not to be billed")
        .doesNotContain("<td class=\"num\">123,456</td>");
  }

  @Test
  void theStoreKeepsTheVersionAndProtocolsOfEachAnsweringSetNeverItsSecret() {
    assertThat(answering.get("127.61.70.1"))
        .extracting(
            ReportQueries.AnsweringSet::setName,
            ReportQueries.AnsweringSet::version,
            ReportQueries.AnsweringSet::auth,
            ReportQueries.AnsweringSet::priv)
        .containsExactly("office v2c", Optional.of("v2c"), Optional.empty(), Optional.empty());
    assertThat(answering.get("127.61.70.2"))
        .extracting(
            ReportQueries.AnsweringSet::setName,
            ReportQueries.AnsweringSet::version,
            ReportQueries.AnsweringSet::auth,
            ReportQueries.AnsweringSet::priv)
        .containsExactly("legacy v3", Optional.of("v3"), Optional.of("md5"), Optional.of("des"));
    assertThat(answering.get("127.61.70.3").auth()).hasValue("sha256");
    assertThat(answering.get("127.61.70.3").priv()).hasValue("aes128");
    assertThat(answering.get("127.61.70.20").answeredAt()).isEqualTo(secondCycle);
  }

  @Test
  void snmpV3WithSha256AndAesIsNotFlaggedButV2cAndMd5DesAre() {
    Map<String, String> strong = one("snmp", r -> r.get("address").equals("127.61.70.3"));
    assertThat(strong.get("item")).isEqualTo("v3 SHA-256/AES-128");
    assertThat(strong.get("state")).isEqualTo("ok");
    assertThat(strong.get("flag")).isEmpty();
    assertThat(strong.get("detail")).isEqualTo("credential set strong v3");

    Map<String, String> legacy = one("snmp", r -> r.get("address").equals("127.61.70.2"));
    assertThat(legacy.get("item")).isEqualTo("v3 MD5/DES");
    assertThat(legacy.get("state")).isEqualTo("weak");
    assertThat(legacy.get("flag")).contains("MD5").contains("DES");

    Map<String, String> community = one("snmp", serial(fleet.printers().get(0).serial()));
    assertThat(community.get("item")).isEqualTo("v2c community");
    assertThat(community.get("state")).isEqualTo("weak");
    assertThat(community.get("flag")).contains("community travels in clear");

    assertThat(report.devices())
        .filteredOn(d -> d.address().equals("127.61.70.3"))
        .singleElement()
        .satisfies(d -> assertThat(d.snmp().orElseThrow().weak()).isFalse());
    assertThat(html).contains("not weak").contains("weak: MD5 authentication");
    assertThat(csv).doesNotContain("authpass-openrps").doesNotContain("privpass-openrps");
    assertThat(html).doesNotContain("authpass-openrps").doesNotContain("privpass-openrps");
  }

  @Test
  void hostileDeviceTextIsQuotedInTheCsvAndEscapedInTheHtml() {
    Map<String, String> device = one("device", serial(HOSTILE_SERIAL));
    assertThat(device.get("location")).isEqualTo(LOCATION);
    assertThat(device.get("name")).as("no formula").isEqualTo("'" + NAME);
    assertThat(csv).contains(",\"<script>alert(1)</script> \"\"a,b\"\"\",");
    Map<String, String> supply = one("supply", serial(HOSTILE_SERIAL));
    assertThat(supply.get("item")).isEqualTo("'-Black toner, \"TK-5240K\"");
    assertThat(supply.get("state")).isEqualTo("someRemaining");
    assertThat(supply.get("value")).isEmpty();
    Map<String, String> alert =
        one("alert", serial(HOSTILE_SERIAL).and(r -> !r.get("state").equals("condition")));
    assertThat(alert.get("detail")).isEqualTo("'@SUM(1+1) toner low");
    assertThat(alert.get("state")).isEqualTo("warning");
    Map<String, String> condition =
        one("alert", serial(HOSTILE_SERIAL).and(r -> r.get("state").equals("condition")));
    assertThat(condition.get("item")).isEqualTo("lowToner");

    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;a,b&quot;")
        .contains("=HYPERLINK(&quot;http://127.0.0.1/x&quot;,&quot;click&quot;)")
        .contains("some left")
        .contains("@SUM(1+1) toner low")
        .doesNotContainIgnoringCase("<script");
  }

  @Test
  void theHtmlFetchesNothingAndLinksOnlyToItself() {
    Matcher m =
        Pattern.compile("(?i)\\b(src|href|action|srcset|data)\\s*=\\s*\"([^\"]*)\"").matcher(html);
    int links = 0;
    while (m.find()) {
      assertThat(m.group(1)).as("only in-page links").isEqualToIgnoringCase("href");
      assertThat(m.group(2)).startsWith("#");
      links++;
    }
    assertThat(links).isEqualTo(6);
    assertThat(html)
        .doesNotContainIgnoringCase("url(")
        .doesNotContainIgnoringCase("@import")
        .doesNotContainIgnoringCase("<link")
        .doesNotContainIgnoringCase("<img")
        .contains("<style>")
        .contains("@media print")
        .contains("thead{display:table-header-group}");
    assertThat(html)
        .contains("agent-audit, version " + AgentVersion.VERSION)
        .contains("Head office, floor 2")
        .contains("2026-12-01 11:01:00");
  }

  @Test
  void theSyncHistoryHasEveryUploadWithTheServersReceipts() {
    List<Map<String, String>> uploads = section("upload");
    assertThat(uploads)
        .extracting(r -> r.get("state"))
        .containsExactly("acknowledged", "failed", "acknowledged");
    assertThat(uploads.get(1).get("detail")).startsWith("HTTP 503; error: ");
    // newest first; the second attempt sent the report the failed one carried, same id
    assertThat(uploads.get(0).get("item")).isEqualTo(uploads.get(1).get("item"));
    List<String> newestFirst = new java.util.ArrayList<>(receipts);
    java.util.Collections.reverse(newestFirst);
    assertThat(uploads).extracting(r -> r.get("item")).containsExactlyElementsOf(newestFirst);
    assertThat(uploads.get(0).get("value")).isEqualTo("4");
    assertThat(uploads.get(2).get("value")).isEqualTo("4");
    assertThat(uploads.get(0).get("detail"))
        .startsWith("HTTP 20")
        .contains("; receipt: report " + uploads.get(0).get("item") + ", ");
    assertThat(html).contains(uploads.get(2).get("item"));
  }
}
