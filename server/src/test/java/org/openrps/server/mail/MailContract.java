package org.openrps.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.mailer.SmtpSender;
import org.openrps.mailer.SmtpSettings;
import org.openrps.server.SmtpTestCertificate;
import org.openrps.server.jobs.JobLeaseRepository;
import org.openrps.server.jobs.JobScheduler;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;

/**
 * The mail suite, once per SQL engine: the outbox, recipients and digests in the database, and real
 * SMTP to GreenMail on 127.0.0.1 (plain, STARTTLS and implicit TLS, with authentication). Each test
 * uses its own customer, so tests share one migrated database; each run of the outbox job goes
 * through a {@link JobScheduler} lease on the test's clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MailContract {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final String USER = "mailer";
  private static final String PASSWORD = "s3cret-smtp";
  private static final String FROM = "openrps@dealer.example";

  private Database database;
  private String url;
  private MailRepository repository;
  private Path caPem;
  private SmtpTestCertificate.Material certificate;
  private GreenMail greenMail;
  private int customers;

  abstract String freshDatabaseUrl();

  abstract void dropDatabase(String url);

  @BeforeAll
  void certificate() {
    certificate = SmtpTestCertificate.installForGreenMail();
    caPem = certificate.certificatePem();
  }

  /** A database of its own per test, so one test's queued mail never reaches another's SMTP. */
  @BeforeEach
  void open() {
    url = freshDatabaseUrl();
    database = Database.open(url);
    repository = new MailRepository(database);
  }

  @AfterEach
  void close() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
    database.close();
    dropDatabase(url);
  }

  /** Starts GreenMail on 127.0.0.1 with one SMTP user; port 0 for any free port. */
  private GreenMail startGreenMail(String protocol, int port) {
    greenMail =
        new GreenMail(new ServerSetup(port, "127.0.0.1", protocol))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, USER, PASSWORD));
    greenMail.start();
    greenMail.getUserManager().setAuthRequired(true);
    return greenMail;
  }

  private int port(GreenMail gm) {
    return gm.getSmtp() != null ? gm.getSmtp().getPort() : gm.getSmtps().getPort();
  }

  private SmtpSettings settings(int port, SmtpSettings.Security security, Optional<Path> ca) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        security,
        Optional.of(USER),
        Optional.of(PASSWORD),
        FROM,
        Duration.ofSeconds(5),
        ca);
  }

  /** A customer of its own for one test, with recipients for one kind. */
  private TenantId customer(MailKind kind, Delivery delivery, String... recipients) {
    TenantId customer =
        TenantId.of("mail-" + getClass().getSimpleName().toLowerCase() + customers++);
    database
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO tenants (id, name) VALUES (?, ?)", customer.value(), "Customer"));
    repository.putSettings(
        new MailSettings(customer, kind, delivery, List.of(recipients)),
        "test",
        Instant.parse("2026-12-01T00:00:00Z"));
    return customer;
  }

  private static Mailer mailer(MailRepository repository, MutableClock clock) {
    return new Mailer(repository, new MailTemplates(), clock, LocalTime.of(7, 0), PARIS);
  }

  private JobScheduler scheduler(String node, MutableClock clock) {
    return new JobScheduler(new JobLeaseRepository(database), node, clock);
  }

  private MailOutboxJob job(SmtpSettings smtp, String node, int maxAttempts) {
    return new MailOutboxJob(
        repository,
        new SmtpSender(smtp),
        node,
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        maxAttempts,
        PARIS);
  }

  /** Runs the outbox job through the scheduler, so the lease is taken like in production. */
  private static MailOutboxJob.Outcome runOnce(
      JobScheduler scheduler, MailOutboxJob job, MutableClock clock) {
    MailOutboxJob.Outcome outcome = scheduler.runIfLeased(job).orElseThrow();
    clock.advance(Duration.ofMinutes(1)); // the lease of one period ends before the next run
    return outcome;
  }

  private static Map<String, String> notice(String serial, String message) {
    return Map.of(
        "customer", "Acme <Paris>",
        "make", "HP",
        "serial", serial,
        "name", "2nd floor",
        "title", "toner low",
        "message", message);
  }

  private static String part(MimeMessage m, String type) throws Exception {
    Multipart mp = (Multipart) m.getContent();
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart p = mp.getBodyPart(i);
      if (p.isMimeType(type)) {
        return (String) p.getContent();
      }
    }
    throw new AssertionError("no " + type + " part in " + m.getContentType());
  }

  private void assertDelivered(String protocol, SmtpSettings.Security security) throws Exception {
    GreenMail gm = startGreenMail(protocol, 0);
    assertDelivered(gm, port(gm), security);
  }

  private void assertDelivered(GreenMail gm, int port, SmtpSettings.Security security)
      throws Exception {
    MutableClock clock = MutableClock.at("2026-12-02T09:00:00Z");
    TenantId customer = customer(MailKind.incident, Delivery.immediate, "tech@dealer.example");
    Mailer mailer = mailer(repository, clock);
    String id =
        mailer
            .enqueue(
                customer,
                MailKind.incident,
                "deviceNotice",
                notice("CN1", "<b>\"Tom & Jerry\"</b>"))
            .orElseThrow();
    assertThat(gm.getReceivedMessages()).as("enqueue sends nothing").isEmpty();
    assertThat(repository.row(id).orElseThrow().state()).isEqualTo("pending");

    try (JobScheduler scheduler = scheduler("node-a", clock)) {
      MailOutboxJob.Outcome outcome =
          runOnce(scheduler, job(settings(port, security, Optional.of(caPem)), "node-a", 5), clock);
      assertThat(outcome.sent()).as(repository.row(id).toString()).isEqualTo(1);
    }

    assertThat(gm.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage m = gm.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("HP CN1: toner low");
    assertThat(m.getFrom()[0].toString()).isEqualTo(FROM);
    assertThat(m.getAllRecipients()[0].toString()).isEqualTo("tech@dealer.example");
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    assertThat(part(m, "text/plain"))
        .contains("Customer: Acme <Paris>")
        .contains("<b>\"Tom & Jerry\"</b>");
    assertThat(part(m, "text/html"))
        .contains("Customer: Acme &lt;Paris&gt;")
        .contains("&lt;b&gt;&quot;Tom &amp; Jerry&quot;&lt;/b&gt;")
        .doesNotContain("<b>\"Tom");
    MailRepository.OutboxRow row = repository.row(id).orElseThrow();
    assertThat(row.state()).isEqualTo("sent");
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.sentAt()).contains(Instant.parse("2026-12-02T09:00:00Z"));
  }

  @Test
  void plainSmtpWithAuthenticationDeliversTextAndEscapedHtml() throws Exception {
    assertDelivered("smtp", SmtpSettings.Security.none);
  }

  @Test
  void startTlsWithTheConfiguredCaDeliversTheMail() throws Exception {
    GreenMail gm = startGreenMail("smtp", 0);
    try (StartTlsFront front = new StartTlsFront(certificate, port(gm))) {
      assertDelivered(gm, front.port(), SmtpSettings.Security.starttls);
    }
  }

  @Test
  void startTlsIsRequiredWhenChosenNeverASilentPlainSend() {
    GreenMail gm = startGreenMail("smtp", 0); // GreenMail's SMTP offers no STARTTLS
    MutableClock clock = MutableClock.at("2026-12-02T09:30:00Z");
    TenantId customer = customer(MailKind.incident, Delivery.immediate, "tech@dealer.example");
    String id =
        mailer(repository, clock)
            .enqueue(customer, MailKind.incident, "deviceNotice", notice("CN9", "x"))
            .orElseThrow();
    try (JobScheduler scheduler = scheduler("node-a", clock)) {
      SmtpSettings starttls =
          settings(port(gm), SmtpSettings.Security.starttls, Optional.of(caPem));
      assertThat(runOnce(scheduler, job(starttls, "node-a", 5), clock).retried()).isEqualTo(1);
    }
    assertThat(gm.getReceivedMessages()).isEmpty();
    assertThat(repository.row(id).orElseThrow().lastError().orElseThrow())
        .contains("STARTTLS is required");
  }

  @Test
  void implicitTlsWithTheConfiguredCaDeliversTheMail() throws Exception {
    assertDelivered("smtps", SmtpSettings.Security.tls);
  }

  @Test
  void aCertificateOutsideTheTrustIsRefusedAndTheMailStaysQueued() {
    GreenMail gm = startGreenMail("smtps", 0);
    MutableClock clock = MutableClock.at("2026-12-02T10:00:00Z");
    TenantId customer = customer(MailKind.incident, Delivery.immediate, "tech@dealer.example");
    String id =
        mailer(repository, clock)
            .enqueue(customer, MailKind.incident, "deviceNotice", notice("CN2", "x"))
            .orElseThrow();
    try (JobScheduler scheduler = scheduler("node-a", clock)) {
      MailOutboxJob.Outcome outcome =
          runOnce(
              scheduler,
              job(settings(port(gm), SmtpSettings.Security.tls, Optional.empty()), "node-a", 5),
              clock);
      assertThat(outcome.retried()).isEqualTo(1);
    }
    assertThat(gm.getReceivedMessages()).isEmpty();
    MailRepository.OutboxRow row = repository.row(id).orElseThrow();
    assertThat(row.state()).isEqualTo("pending");
    assertThat(row.lastError().orElseThrow()).containsIgnoringCase("certification path");
  }

  @Test
  void aWrongPasswordIsAFailedAttemptThatNeverShowsThePassword() {
    GreenMail gm = startGreenMail("smtp", 0);
    MutableClock clock = MutableClock.at("2026-12-02T10:30:00Z");
    TenantId customer = customer(MailKind.incident, Delivery.immediate, "tech@dealer.example");
    String id =
        mailer(repository, clock)
            .enqueue(customer, MailKind.incident, "deviceNotice", notice("CN3", "x"))
            .orElseThrow();
    SmtpSettings wrong =
        new SmtpSettings(
            "127.0.0.1",
            port(gm),
            SmtpSettings.Security.none,
            Optional.of(USER),
            Optional.of("not-the-password"),
            FROM,
            Duration.ofSeconds(5),
            Optional.empty());
    try (JobScheduler scheduler = scheduler("node-a", clock)) {
      runOnce(scheduler, job(wrong, "node-a", 5), clock);
    }
    assertThat(gm.getReceivedMessages()).isEmpty();
    MailRepository.OutboxRow row = repository.row(id).orElseThrow();
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.lastError().orElseThrow()).doesNotContain("not-the-password");
    assertThat(wrong.toString()).doesNotContain("not-the-password").contains("password=****");
  }

  @Test
  void smtpDownIsRetriedWithBackoffAndDeliveredOnceItIsUp() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    MutableClock clock = MutableClock.at("2026-12-02T11:00:00Z");
    TenantId customer = customer(MailKind.supplyOrder, Delivery.immediate, "stock@dealer.example");
    String id =
        mailer(repository, clock)
            .enqueue(customer, MailKind.supplyOrder, "deviceNotice", notice("CN4", "order"))
            .orElseThrow();
    MailOutboxJob job =
        job(settings(port, SmtpSettings.Security.none, Optional.empty()), "node-a", 5);
    try (JobScheduler scheduler = scheduler("node-a", clock)) {
      assertThat(runOnce(scheduler, job, clock).retried()).isEqualTo(1);
      MailRepository.OutboxRow row = repository.row(id).orElseThrow();
      assertThat(row.state()).isEqualTo("pending");
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.nextAttemptAt()).isEqualTo(Instant.parse("2026-12-02T11:05:00Z"));
      assertThat(row.lastError().orElseThrow()).doesNotContain("\n").contains("onnect");

      GreenMail gm = startGreenMail("smtp", port);
      assertThat(runOnce(scheduler, job, clock).sent()).as("not due yet at 11:01").isZero();
      assertThat(gm.getReceivedMessages()).isEmpty();

      clock.set(Instant.parse("2026-12-02T11:05:00Z"));
      assertThat(runOnce(scheduler, job, clock).sent()).isEqualTo(1);
      assertThat(runOnce(scheduler, job, clock).sent()).isZero();
      assertThat(gm.waitForIncomingEmail(5_000, 1)).isTrue();
      assertThat(gm.getReceivedMessages()).hasSize(1);
      assertThat(repository.row(id).orElseThrow().attempts()).isEqualTo(2);
    }
  }

  @Test
  void afterTheLastAttemptTheMailIsFailedAndListed() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    MutableClock clock = MutableClock.at("2026-12-02T12:00:00Z");
    TenantId customer = customer(MailKind.report, Delivery.immediate, "boss@dealer.example");
    String id =
        mailer(repository, clock)
            .enqueue(customer, MailKind.report, "deviceNotice", notice("CN5", "r"))
            .orElseThrow();
    MailOutboxJob job =
        job(settings(port, SmtpSettings.Security.none, Optional.empty()), "node-a", 3);
    try (JobScheduler scheduler = scheduler("node-a", clock)) {
      assertThat(runOnce(scheduler, job, clock).retried()).isEqualTo(1);
      clock.set(Instant.parse("2026-12-02T12:05:00Z"));
      assertThat(runOnce(scheduler, job, clock).retried()).isEqualTo(1);
      assertThat(repository.row(id).orElseThrow().nextAttemptAt())
          .as("the wait doubles")
          .isEqualTo(Instant.parse("2026-12-02T12:15:00Z"));
      clock.set(Instant.parse("2026-12-02T12:15:00Z"));
      assertThat(runOnce(scheduler, job, clock).failed()).isEqualTo(1);
      clock.set(Instant.parse("2026-12-03T12:00:00Z"));
      assertThat(runOnce(scheduler, job, clock)).isEqualTo(new MailOutboxJob.Outcome(0, 0, 0, 0));
    }
    MailRepository.OutboxRow row = repository.row(id).orElseThrow();
    assertThat(row.state()).isEqualTo("failed");
    assertThat(row.attempts()).isEqualTo(3);
    assertThat(repository.failed(Scope.customer(customer), 50))
        .extracting(MailRepository.OutboxRow::id)
        .containsExactly(id);
    assertThat(repository.failed(Scope.customer(TenantId.DEFAULT), 50))
        .extracting(MailRepository.OutboxRow::id)
        .doesNotContain(id);
  }

  @Test
  void aDigestGroupsADaysItemsIntoOneMailAtTheConfiguredLocalTime() throws Exception {
    GreenMail gm = startGreenMail("smtp", 0);
    // 07:00 in Paris is 06:00Z in December.
    MutableClock clock = MutableClock.at("2026-12-02T06:30:00Z");
    TenantId customer =
        customer(
            MailKind.meterReads, Delivery.digest, "billing@dealer.example", "acc@dealer.example");
    Mailer mailer = mailer(repository, clock);
    mailer.enqueue(customer, MailKind.meterReads, "deviceNotice", notice("D1", "first"));
    clock.set(Instant.parse("2026-12-02T14:00:00Z"));
    mailer.enqueue(customer, MailKind.meterReads, "deviceNotice", notice("D2", "second"));
    clock.set(Instant.parse("2026-12-03T05:59:00Z"));
    mailer.enqueue(customer, MailKind.meterReads, "deviceNotice", notice("D3", "third & <last>"));
    MailOutboxJob job =
        job(settings(port(gm), SmtpSettings.Security.none, Optional.empty()), "node-a", 5);
    try (JobScheduler scheduler = scheduler("node-a", clock)) {
      clock.set(Instant.parse("2026-12-03T05:59:30Z"));
      assertThat(runOnce(scheduler, job, clock)).isEqualTo(new MailOutboxJob.Outcome(0, 0, 0, 0));
      clock.set(Instant.parse("2026-12-03T06:00:00Z"));
      MailOutboxJob.Outcome outcome = runOnce(scheduler, job, clock);
      assertThat(outcome.digests()).isEqualTo(1);
      assertThat(outcome.sent()).isEqualTo(1);
      assertThat(runOnce(scheduler, job, clock)).isEqualTo(new MailOutboxJob.Outcome(0, 0, 0, 0));
    }
    assertThat(gm.waitForIncomingEmail(5_000, 2)).isTrue();
    MimeMessage[] received = gm.getReceivedMessages();
    assertThat(received).as("one message, two recipients").hasSize(2);
    MimeMessage m = received[0];
    assertThat(m.getSubject())
        .isEqualTo("OpenRPS daily digest, meterReads, " + customer + ", 2026-12-03: 3 items");
    String text = part(m, "text/plain");
    assertThat(text)
        .contains("1. HP D1: toner low")
        .contains("2. HP D2")
        .contains("third & <last>");
    assertThat(text.indexOf("D1")).isLessThan(text.indexOf("D2"));
    assertThat(part(m, "text/html")).contains("third &amp; &lt;last&gt;");
  }

  @Test
  void aCustomerWithoutRecipientsForAKindGetsNothingQueued() {
    MutableClock clock = MutableClock.at("2026-12-02T09:00:00Z");
    TenantId customer = customer(MailKind.incident, Delivery.immediate, "tech@dealer.example");
    assertThat(
            mailer(repository, clock)
                .enqueue(customer, MailKind.missedReads, "deviceNotice", notice("N1", "x")))
        .isEmpty();
  }

  @Test
  void aMissingTemplateValueIsRefusedBeforeAnythingIsQueued() {
    MutableClock clock = MutableClock.at("2026-12-02T09:00:00Z");
    TenantId customer = customer(MailKind.incident, Delivery.immediate, "tech@dealer.example");
    assertThatThrownBy(
            () ->
                mailer(repository, clock)
                    .enqueue(customer, MailKind.incident, "deviceNotice", Map.of("make", "HP")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{{serial}}");
  }

  @Test
  void aRowClaimedByOneNodeIsNotClaimedByAnother() {
    MutableClock clock = MutableClock.at("2026-12-02T13:00:00Z");
    TenantId customer = customer(MailKind.incident, Delivery.immediate, "tech@dealer.example");
    String id =
        mailer(repository, clock)
            .enqueue(customer, MailKind.incident, "deviceNotice", notice("C1", "x"))
            .orElseThrow();
    Instant now = clock.instant();
    assertThat(repository.claim(id, "node-a", now, now.plusSeconds(120))).isTrue();
    assertThat(repository.claim(id, "node-b", now, now.plusSeconds(120))).isFalse();
    assertThat(repository.due(now, 1000)).doesNotContain(id);
    assertThat(repository.claim(id, "node-b", now.plusSeconds(120), now.plusSeconds(240)))
        .as("a claim of a node that died ends")
        .isTrue();
  }

  @Test
  void settingsAreReadBackPerCustomerAndKindWithinTheScope() {
    TenantId customer = customer(MailKind.incident, Delivery.immediate, "a@dealer.example");
    repository.putSettings(
        new MailSettings(customer, MailKind.incident, Delivery.digest, List.of("b@dealer.example")),
        "admin",
        Instant.parse("2026-12-02T00:00:00Z"));
    assertThat(repository.settings(Scope.customer(customer), customer))
        .containsExactly(
            new MailSettings(
                customer, MailKind.incident, Delivery.digest, List.of("b@dealer.example")));
    assertThat(repository.settings(Scope.customer(TenantId.DEFAULT), customer)).isEmpty();
  }

  @Test
  void twoNodesRunningTheOutboxAtOnceSendAMailOnce() throws Exception {
    GreenMail gm = startGreenMail("smtp", 0);
    MutableClock clock = MutableClock.at("2026-12-02T15:00:00Z");
    TenantId customer = customer(MailKind.incident, Delivery.immediate, "tech@dealer.example");
    mailer(repository, clock)
        .enqueue(customer, MailKind.incident, "deviceNotice", notice("T1", "x"))
        .orElseThrow();
    SmtpSettings smtp = settings(port(gm), SmtpSettings.Security.none, Optional.empty());
    try (JobScheduler a = scheduler("node-a", clock);
        JobScheduler b = scheduler("node-b", clock)) {
      assertThat(a.runIfLeased(job(smtp, "node-a", 5)).orElseThrow().sent()).isEqualTo(1);
      assertThat(b.runIfLeased(job(smtp, "node-b", 5))).as("node-a holds the lease").isEmpty();
      clock.advance(Duration.ofMinutes(1));
      assertThat(b.runIfLeased(job(smtp, "node-b", 5)).orElseThrow().sent()).isZero();
    }
    assertThat(gm.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(gm.getReceivedMessages()).hasSize(1);
  }
}
