package org.openrps.agent.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.mailer.SmtpSender;
import org.openrps.mailer.SmtpSettings;

/** The agent's test e-mail through real SMTP: plain with authentication, and TLS from the start. */
class TestMailTest {

  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

  private static SmtpSettings tls(int port, Optional<java.nio.file.Path> ca, String password) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        SmtpSettings.Security.tls,
        Optional.of(TestSmtp.USER),
        Optional.of(password),
        TestSmtp.FROM,
        Duration.ofSeconds(5),
        ca);
  }

  @Test
  void plainSmtpWithAuthenticationDeliversTheTestMail() throws Exception {
    try (TestSmtp.Server gm = TestSmtp.start("smtp", 0, true)) {
      SmtpSettings smtp = TestSmtp.plain(TestSmtp.port(gm));
      TestMail.send(new SmtpSender(smtp), "admin@site.example", "pc-17", NOW);
      MimeMessage m = gm.getReceivedMessages()[0];
      assertThat(m.getSubject()).isEqualTo("OpenRPS agent test e-mail");
      assertThat(m.getAllRecipients()[0].toString()).isEqualTo("admin@site.example");
      assertThat((String) m.getContent())
          .contains("OpenRPS agent on pc-17")
          .contains("Sent at 2026-11-30T10:00:00Z through 127.0.0.1:" + smtp.port() + " (none)")
          .doesNotContain(TestSmtp.PASSWORD);
    }
  }

  @Test
  void implicitTlsWithThePemToTrustDeliversAndWithoutItIsRefused() throws Exception {
    try (TestSmtp.Server gm = TestSmtp.start("smtps", 0, true)) {
      int port = TestSmtp.port(gm);
      TestMail.send(
          new SmtpSender(tls(port, Optional.of(TestSmtp.certificatePem()), TestSmtp.PASSWORD)),
          "admin@site.example",
          "pc-17",
          NOW);
      assertThat(gm.getReceivedMessages()).hasSize(1);
      assertThatThrownBy(
              () ->
                  TestMail.send(
                      new SmtpSender(tls(port, Optional.empty(), TestSmtp.PASSWORD)),
                      "admin@site.example",
                      "pc-17",
                      NOW))
          .isInstanceOf(SmtpSender.SendFailed.class)
          .message()
          .containsIgnoringCase("certification path")
          .doesNotContain("\n");
      assertThatThrownBy(
              () ->
                  TestMail.send(
                      new SmtpSender(
                          tls(port, Optional.of(TestSmtp.certificatePem()), "wrong-pass-42")),
                      "admin@site.example",
                      "pc-17",
                      NOW))
          .isInstanceOf(SmtpSender.SendFailed.class)
          .message()
          .doesNotContain("wrong-pass-42");
      assertThat(gm.getReceivedMessages()).hasSize(1);
    }
  }
}
