package org.openrps.agent.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.store.AgentStore;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.TestTls;
import org.openrps.mailer.SmtpSender;
import org.openrps.mailer.SmtpSettings;
import org.openrps.simulator.Life;
import org.openrps.simulator.PrinterTruth;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.WireJson;

/**
 * The agent's e-mail alerts end to end: simulated printers over loopback UDP (127.91.x), the
 * agent's SQLite file, real SMTP to GreenMail, the test's clock moved instead of waiting. What the
 * mails must say comes from the simulator's truth, not from the agent.
 */
class AlertMonitorTest {

  private static final String MODEL = "LaserJet P2055dn"; // one toner, level in percent
  private static final String TONER = "Black Cartridge HP CE505A";

  @TempDir Path dir;

  /** An agent, its store and its monitor, opened on the data directory as the CLI opens them. */
  private final class Site implements AutoCloseable {
    final Agent agent;
    final AgentStore store;
    final AlertMonitor monitor;
    final MutableClock clock;

    Site(
        String targets,
        int snmpPort,
        URI server,
        Optional<Path> pem,
        MutableClock clock,
        SmtpSettings smtp,
        String... rules) {
      this.clock = clock;
      this.agent =
          Agent.open(
              new AgentConfig(
                  dir.resolve("agent.db"),
                  targets,
                  snmpPort,
                  "public",
                  Duration.ofMillis(300),
                  1,
                  16,
                  server,
                  "agent-mail",
                  "agent secret".toCharArray(),
                  pem),
              clock);
      this.store = AgentStore.open(dir.resolve("agent.db"), WireJson.newMapper());
      this.monitor =
          new AlertMonitor(
              store,
              WireJson.newMapper(),
              new SmtpSender(smtp),
              Arrays.stream(rules).map(AlertRule::parse).toList());
    }

    CheckResult pollAt(Instant at) throws Exception {
      clock.set(at);
      agent.poll();
      return monitor.check(clock.instant());
    }

    CheckResult cycleAt(Instant at) throws Exception {
      clock.set(at);
      agent.runCycle();
      return monitor.check(clock.instant());
    }

    @Override
    public void close() {
      store.close();
      agent.close();
    }
  }

  private static SimulatorConfig onePrinter(String address, long seed, Life life) throws Exception {
    return new SimulatorConfig(1, InetAddress.getByName(address), 0, "public", seed)
        .withMix(Map.of("HP " + MODEL, 1))
        .withLife(life);
  }

  /**
   * The first instant from {@code from} on, in 10-minute steps, when the toner's share left fits.
   */
  private static Instant first(SimulatedPrinter p, Instant from, DoublePredicate left) {
    for (Instant t = from; t.isBefore(from.plus(Duration.ofDays(90))); t = t.plusSeconds(600)) {
      if (left.test(toner(p, t).remaining())) {
        return t;
      }
    }
    throw new AssertionError("the toner never got there within 90 days of " + from);
  }

  private static PrinterTruth.Supply toner(SimulatedPrinter p, Instant at) {
    return p.truthAt(at).orElseThrow().supplies().get(0);
  }

  private static String body(MimeMessage m) throws Exception {
    return ((String) m.getContent()).replace("\r\n", "\n");
  }

  /**
   * The message whose subject starts with {@code prefix} (GreenMail lists what it received by
   * recipient, so the order of the array is not the order of sending).
   */
  private static MimeMessage find(TestSmtp.Server gm, String prefix) throws Exception {
    MimeMessage found = null;
    for (MimeMessage m : gm.getReceivedMessages()) {
      if (m.getSubject().startsWith(prefix)) {
        found = m;
      }
    }
    assertThat(found).as("a mail '" + prefix + "...'").isNotNull();
    return found;
  }

  private static List<String> to(MimeMessage m) throws Exception {
    return Arrays.stream(m.getAllRecipients()).map(Object::toString).toList();
  }

  @Test
  void aDrainedSupplyMailsOnceAcrossPollsAndARestartAndOnceMoreWhenReplaced() throws Exception {
    MutableClock clock = MutableClock.at("2026-11-30T00:00:00Z");
    Life refills =
        new Life(false, 0, false, true, -1, -1, Duration.ZERO, -1, Duration.ZERO, ZoneOffset.UTC);
    try (Simulator sim = Simulator.start(onePrinter("127.91.1.1", 91, refills), clock);
        TestSmtp.Server gm = TestSmtp.start("smtp", 0, true)) {
      SimulatedPrinter p = sim.printers().get(0);
      int port = p.address().getPort();
      Instant high = first(p, clock.instant(), left -> left >= 0.30);
      Instant low = first(p, high, left -> left <= 0.18);
      Instant replaced = first(p, low, left -> left >= 0.5);
      Instant lowAgain = low.plus(Duration.between(low, replaced).dividedBy(2));
      Instant lastLow = replaced.minusSeconds(600);
      assertThat(lowAgain).isBefore(lastLow).isAfter(low);
      String rule = "supply-below=20%:toner@site.example,it@site.example";
      SmtpSettings smtp = TestSmtp.plain(TestSmtp.port(gm));
      URI nowhere = URI.create("https://127.0.0.1:" + TestSmtp.closedPort());

      try (Site site = new Site("127.91.1.1", port, nowhere, Optional.empty(), clock, smtp, rule)) {
        assertThat(site.pollAt(high).quiet()).isTrue();
        CheckResult started = site.pollAt(low);
        assertThat(started.started()).hasSize(1);
        assertThat(started.mailed()).hasSize(1);
        assertThat(started.failed()).isEmpty();
        assertThat(site.pollAt(lowAgain).quiet()).as("still low: no second mail").isTrue();
      }
      try (Site site = new Site("127.91.1.1", port, nowhere, Optional.empty(), clock, smtp, rule)) {
        assertThat(site.pollAt(lastLow).quiet())
            .as("after a restart, still no second mail")
            .isTrue();
        CheckResult over = site.pollAt(replaced);
        assertThat(over.cleared()).hasSize(1);
        assertThat(over.started()).isEmpty();
        assertThat(over.mailed()).hasSize(1);
        assertThat(site.pollAt(replaced.plusSeconds(600)).quiet()).isTrue();
      }

      MimeMessage[] mails = gm.getReceivedMessages();
      assertThat(mails).as("one message, two recipients, twice").hasSize(4);
      String name = "HP " + MODEL + " " + p.serial();
      MimeMessage start = find(gm, "OpenRPS alert: ");
      int lowLevel = toner(p, low).level();
      assertThat(start.getSubject())
          .isEqualTo(
              "OpenRPS alert: "
                  + name
                  + ": "
                  + TONER
                  + " at "
                  + lowLevel
                  + " % (at or below 20 %)");
      assertThat(to(start)).containsExactly("toner@site.example", "it@site.example");
      assertThat(start.getFrom()[0].toString()).isEqualTo(TestSmtp.FROM);
      assertThat(start.getContentType()).startsWith("text/plain");
      assertThat(body(start))
          .contains("Device:    HP " + MODEL + "\n")
          .contains("Serial:    " + p.serial() + "\n")
          .contains("Address:   127.91.1.1\n")
          .containsPattern("Location:  \\S")
          .doesNotContain("Location:  not set")
          .contains("Supply:    " + TONER + " (tonerCartridge")
          .contains("Level:     " + lowLevel + " % (" + lowLevel + " of 100 percent)")
          .contains("Read at:   " + low + "\n")
          .contains("Started:   " + low + "\n")
          .contains("Rule:      " + rule + "\n")
          .doesNotContain("public")
          .doesNotContain(TestSmtp.PASSWORD);
      MimeMessage end = find(gm, "OpenRPS alert over: ");
      int newLevel = toner(p, replaced).level();
      assertThat(end.getSubject())
          .isEqualTo("OpenRPS alert over: " + name + ": " + TONER + " back at " + newLevel + " %");
      assertThat(body(end))
          .contains("Started:   " + low + "\n")
          .contains("Over:      " + replaced + "\n")
          .contains("Read at:   " + replaced + "\n");
    }
  }

  @Test
  void aNewAlertOfThePrinterMailsOnceAndOnceWhenItIsGone() throws Exception {
    MutableClock clock = MutableClock.at("2026-11-30T00:00:00Z");
    Life refills =
        new Life(false, 0, false, true, -1, -1, Duration.ZERO, -1, Duration.ZERO, ZoneOffset.UTC);
    try (Simulator sim = Simulator.start(onePrinter("127.91.2.1", 92, refills), clock);
        TestSmtp.Server gm = TestSmtp.start("smtp", 0, true)) {
      SimulatedPrinter p = sim.printers().get(0);
      Instant fine = first(p, clock.instant(), left -> left >= 0.30);
      Instant low = first(p, fine, left -> left > 0 && left <= 0.09);
      Instant later = first(p, low, left -> left > 0 && left <= 0.05);
      Instant replaced = first(p, low, left -> left >= 0.5);
      assertThat(p.truthAt(low).orElseThrow().faults()).contains("lowToner");
      try (Site site =
          new Site(
              "127.91.2.1",
              p.address().getPort(),
              URI.create("https://127.0.0.1:" + TestSmtp.closedPort()),
              Optional.empty(),
              clock,
              TestSmtp.plain(TestSmtp.port(gm)),
              "new-alert:it@site.example")) {
        assertThat(site.pollAt(fine).quiet()).isTrue();
        assertThat(site.pollAt(low).started()).hasSize(1);
        assertThat(site.pollAt(later).quiet()).isTrue();
        assertThat(site.pollAt(replaced).cleared()).hasSize(1);
      }
      MimeMessage[] mails = gm.getReceivedMessages();
      assertThat(mails).hasSize(2);
      String name = "HP " + MODEL + " " + p.serial();
      assertThat(mails[0].getSubject())
          .isEqualTo("OpenRPS alert: " + name + ": " + TONER + " low (markerTonerAlmostEmpty)");
      assertThat(body(mails[0]))
          .contains(
              "Alert:     " + TONER + " low (markerTonerAlmostEmpty, markerSupplies, warning)")
          .contains("Serial:    " + p.serial());
      assertThat(mails[1].getSubject())
          .isEqualTo(
              "OpenRPS alert over: "
                  + name
                  + ": "
                  + TONER
                  + " low (markerTonerAlmostEmpty) is over");
    }
  }

  @Test
  void aPrinterSwitchedOffMailsOnceAfterFourHoursAndOnceWhenItAnswersAgainOverSmtps()
      throws Exception {
    // Monday 18:00 UTC; the printer is off from 19:00 to 07:00 (night-off share 1).
    MutableClock clock = MutableClock.at("2026-11-30T18:00:00Z");
    Life nights =
        new Life(
            false, 1.0, false, false, -1, -1, Duration.ZERO, -1, Duration.ZERO, ZoneOffset.UTC);
    try (Simulator sim = Simulator.start(onePrinter("127.91.3.1", 93, nights), clock);
        TestSmtp.Server gm = TestSmtp.start("smtps", 0, true)) {
      SimulatedPrinter p = sim.printers().get(0);
      int port = p.address().getPort();
      SmtpSettings smtps =
          new SmtpSettings(
              "127.0.0.1",
              TestSmtp.port(gm),
              SmtpSettings.Security.tls,
              Optional.of(TestSmtp.USER),
              Optional.of(TestSmtp.PASSWORD),
              TestSmtp.FROM,
              Duration.ofSeconds(5),
              Optional.of(TestSmtp.certificatePem()));
      URI nowhere = URI.create("https://127.0.0.1:" + TestSmtp.closedPort());
      String rule = "device-unreachable=4h:it@site.example";
      Instant evening = Instant.parse("2026-11-30T18:00:00Z");
      try (Site site =
          new Site("127.91.3.1", port, nowhere, Optional.empty(), clock, smtps, rule)) {
        assertThat(site.pollAt(evening).quiet()).isTrue();
        assertThat(p.truthAt(Instant.parse("2026-11-30T19:30:00Z")).orElseThrow().powered())
            .isFalse();
        assertThat(site.pollAt(Instant.parse("2026-11-30T19:30:00Z")).quiet()).isTrue();
        assertThat(site.pollAt(Instant.parse("2026-11-30T21:00:00Z")).quiet()).isTrue();
        CheckResult off = site.pollAt(Instant.parse("2026-11-30T22:30:00Z"));
        assertThat(off.started()).hasSize(1);
        assertThat(off.mailed()).hasSize(1);
        assertThat(site.pollAt(Instant.parse("2026-11-30T23:30:00Z")).quiet()).isTrue();
      }
      try (Site site =
          new Site("127.91.3.1", port, nowhere, Optional.empty(), clock, smtps, rule)) {
        assertThat(site.pollAt(Instant.parse("2026-12-01T03:00:00Z")).quiet()).isTrue();
        CheckResult on = site.pollAt(Instant.parse("2026-12-01T07:30:00Z"));
        assertThat(on.cleared()).hasSize(1);
        assertThat(on.mailed()).hasSize(1);
      }
      MimeMessage[] mails = gm.getReceivedMessages();
      assertThat(mails).hasSize(2);
      String name = "HP " + MODEL + " " + p.serial();
      assertThat(mails[0].getSubject())
          .isEqualTo("OpenRPS alert: " + name + " has not answered for 4 h 30 min");
      assertThat(body(mails[0]))
          .contains("Last answer: 2026-11-30T18:00:00Z (4 h 30 min ago)")
          .contains("Address:   127.91.3.1")
          .contains("Started:   2026-11-30T22:30:00Z");
      assertThat(mails[1].getSubject()).isEqualTo("OpenRPS alert over: " + name + " answers again");
      assertThat(body(mails[1]))
          .contains("Last answer: 2026-12-01T07:30:00Z")
          .contains("Over:      2026-12-01T07:30:00Z");
    }
  }

  @Test
  void aServerOutOfReachAndAnAgeingBacklogMailOnceEachAndOnceWhenTheServerTakesTheReadings()
      throws Exception {
    MutableClock clock = MutableClock.at("2026-11-30T02:00:00Z");
    Instant t0 = clock.instant();
    try (Simulator sim = Simulator.start(onePrinter("127.91.4.1", 94, Life.steady()), clock);
        TestSmtp.Server gm = TestSmtp.start("smtp", 0, true)) {
      int port = sim.printers().get(0).address().getPort();
      SmtpSettings smtp = TestSmtp.plain(TestSmtp.port(gm));
      URI closed = URI.create("https://127.0.0.1:" + TestSmtp.closedPort());
      String[] rules = {
        "server-unreachable=2d:it@site.example", "backlog-older=3d:billing@site.example"
      };
      try (Site site = new Site("127.91.4.1", port, closed, Optional.empty(), clock, smtp, rules)) {
        assertThat(site.cycleAt(t0).quiet()).isTrue();
        assertThat(site.cycleAt(t0.plus(Duration.ofDays(1))).quiet()).isTrue();
        CheckResult server = site.cycleAt(t0.plus(Duration.ofDays(2)));
        assertThat(server.started())
            .extracting(CheckResult.Event::subject)
            .containsExactly("server");
        assertThat(server.mailed()).hasSize(1);
      }
      try (Site site = new Site("127.91.4.1", port, closed, Optional.empty(), clock, smtp, rules)) {
        CheckResult backlog = site.cycleAt(t0.plus(Duration.ofDays(3)));
        assertThat(backlog.started())
            .as("the server's event is not mailed again after the restart")
            .extracting(CheckResult.Event::subject)
            .containsExactly("outbox");
        assertThat(site.cycleAt(t0.plus(Duration.ofDays(3)).plusSeconds(3600)).quiet()).isTrue();
      }
      TestTls tls = TestTls.selfSigned("server");
      try (HttpsReceiver receiver = new HttpsReceiver(tls);
          Site site =
              new Site(
                  "127.91.4.1",
                  port,
                  receiver.url(),
                  Optional.of(tls.writePem(dir, "server.pem")),
                  clock,
                  smtp,
                  rules)) {
        CheckResult back = site.cycleAt(t0.plus(Duration.ofDays(4)));
        assertThat(back.cleared())
            .extracting(CheckResult.Event::subject)
            .containsExactlyInAnyOrder("server", "outbox");
        assertThat(back.mailed()).hasSize(2);
        assertThat(receiver.received()).isNotEmpty();
      }
      assertThat(gm.getReceivedMessages()).hasSize(4);
      MimeMessage server = find(gm, "OpenRPS alert: no good");
      assertThat(server.getSubject())
          .isEqualTo("OpenRPS alert: no good exchange with the server for 2 d");
      assertThat(to(server)).containsExactly("it@site.example");
      assertThat(body(server)).contains("Last good exchange (or first try): " + t0);
      MimeMessage backlog = find(gm, "OpenRPS alert: readings");
      assertThat(backlog.getSubject())
          .isEqualTo("OpenRPS alert: readings have waited for the server for 3 d");
      assertThat(to(backlog)).containsExactly("billing@site.example");
      assertThat(body(backlog)).contains("Oldest waiting reading: taken " + t0 + " (3 d ago)");
      assertThat(to(find(gm, "OpenRPS alert over: the server answers again")))
          .containsExactly("it@site.example");
      assertThat(to(find(gm, "OpenRPS alert over: no reading waits for the server any more")))
          .containsExactly("billing@site.example");
    }
  }

  @Test
  void anSmtpServerThatIsDownLosesNoMailItGoesAtTheNextCheckOnceTheServerIsBack() throws Exception {
    MutableClock clock = MutableClock.at("2026-11-30T09:00:00Z");
    Instant t0 = clock.instant();
    int smtpPort = TestSmtp.closedPort();
    SmtpSettings smtp = TestSmtp.plain(smtpPort);
    try (Simulator sim = Simulator.start(onePrinter("127.91.5.1", 95, Life.steady()), clock)) {
      int port = sim.printers().get(0).address().getPort();
      URI closed = URI.create("https://127.0.0.1:" + TestSmtp.closedPort());
      String rule = "backlog-older=1h:it@site.example";
      try (Site site = new Site("127.91.5.1", port, closed, Optional.empty(), clock, smtp, rule)) {
        assertThat(site.pollAt(t0).quiet()).isTrue();
        CheckResult down = site.pollAt(t0.plus(Duration.ofHours(2)));
        assertThat(down.started()).hasSize(1);
        assertThat(down.mailed()).isEmpty();
        assertThat(down.failed()).hasSize(1);
        assertThat(down.failed().get(0).reason())
            .contains("onnect")
            .doesNotContain("\n")
            .doesNotContain(TestSmtp.PASSWORD);
        CheckResult still = site.pollAt(t0.plus(Duration.ofHours(3)));
        assertThat(still.started()).isEmpty();
        assertThat(still.failed()).as("tried again, not lost").hasSize(1);
      }
      try (TestSmtp.Server gm = TestSmtp.start("smtp", smtpPort, true);
          Site site = new Site("127.91.5.1", port, closed, Optional.empty(), clock, smtp, rule)) {
        CheckResult up = site.pollAt(t0.plus(Duration.ofHours(4)));
        assertThat(up.started()).isEmpty();
        assertThat(up.failed()).isEmpty();
        assertThat(up.mailed()).hasSize(1);
        assertThat(site.pollAt(t0.plus(Duration.ofHours(5))).quiet()).isTrue();
        assertThat(gm.getReceivedMessages()).hasSize(1);
        assertThat(gm.getReceivedMessages()[0].getSubject())
            .isEqualTo("OpenRPS alert: readings have waited for the server for 2 h");
      }
    }
  }

  @Test
  void rulesReplacedWhileTheAgentRunsForgetTheEventsOfTheRulesThatWent() throws Exception {
    MutableClock clock = MutableClock.at("2026-11-30T09:00:00Z");
    Instant t0 = clock.instant();
    try (Simulator sim = Simulator.start(onePrinter("127.91.6.1", 96, Life.steady()), clock);
        TestSmtp.Server gm = TestSmtp.start("smtp", 0, true)) {
      int port = sim.printers().get(0).address().getPort();
      URI closed = URI.create("https://127.0.0.1:" + TestSmtp.closedPort());
      SmtpSettings smtp = TestSmtp.plain(TestSmtp.port(gm));
      try (Site site =
          new Site(
              "127.91.6.1",
              port,
              closed,
              Optional.empty(),
              clock,
              smtp,
              "backlog-older=1h:a@site.example")) {
        site.pollAt(t0);
        assertThat(site.pollAt(t0.plus(Duration.ofHours(2))).started()).hasSize(1);
        List<AlertRule> next =
            List.of(
                AlertRule.parse("backlog-older=1h:b@site.example"),
                AlertRule.parse("backlog-older=60m:b@site.example"));
        Thread other = new Thread(() -> site.monitor.setRules(next));
        other.start();
        other.join();
        assertThat(site.monitor.rules())
            .extracting(AlertRule::text)
            .containsExactly("backlog-older=1h:b@site.example");
        CheckResult changed = site.monitor.check(t0.plus(Duration.ofHours(3)));
        assertThat(changed.started())
            .as("a rule changed is a new rule: its event starts afresh, nothing clears")
            .extracting(CheckResult.Event::rule)
            .containsExactly("backlog-older=1h:b@site.example");
        assertThat(changed.cleared()).isEmpty();
      }
      assertThat(gm.getReceivedMessages()).hasSize(2);
      assertThat(to(gm.getReceivedMessages()[1])).containsExactly("b@site.example");
    }
  }
}
