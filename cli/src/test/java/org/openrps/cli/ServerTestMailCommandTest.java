package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server test-mail} says why no e-mail went, and never shows the SMTP password; delivery
 * itself is tested against GreenMail in the server module ({@code MailApiTest}).
 */
class ServerTestMailCommandTest {

  @TempDir Path dir;

  @Test
  void withoutSmtpOrWithSmtpDownTheCommandFailsWithTheReasonAndNoPassword() throws Exception {
    Run none = Run.of("server", "--data", dir.toString(), "test-mail", "--to", "a@dealer.example");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err().strip()).isEqualTo("openrps: no smtp.host is configured");

    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    Path config = dir.resolve("server.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "data=" + dir.resolve("data").toString().replace("\\", "/"),
            "smtp.host=127.0.0.1",
            "smtp.port=" + closed,
            "smtp.security=none",
            "smtp.user=mailer",
            "smtp.password=pw-never-shown-42",
            "smtp.from=openrps@dealer.example",
            "smtp.timeout.seconds=5",
            ""));
    Run down =
        Run.of("server", "--config", config.toString(), "test-mail", "--to", "a@dealer.example");
    assertThat(down.exit()).isEqualTo(2);
    assertThat(down.err()).contains("failed").contains("onnect").contains("password=****");
    assertThat(down.out() + down.err()).doesNotContain("pw-never-shown-42");
  }
}
