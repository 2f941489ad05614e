package org.openrps.agent.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import org.openrps.client.TestTls;
import org.openrps.mailer.SmtpSettings;

/**
 * GreenMail on 127.0.0.1 for the agent's mail tests, with a certificate for 127.0.0.1 made in the
 * test (GreenMail's own names no host, and our client checks host names). GreenMail reads its key
 * store property once per JVM, so the first call sets it and later calls share the same files.
 */
final class TestSmtp {

  static final String USER = "alerts";
  static final String PASSWORD = "smtp-pass-never-shown-7";
  static final String FROM = "agent@site.example";

  /** The certificate GreenMail serves, as the PEM file a client trusts. */
  private static Path pem;

  private TestSmtp() {}

  static synchronized Path certificatePem() {
    if (pem != null) {
      return pem;
    }
    try {
      Path dir = org.openrps.testkit.Scratch.directory("openrps-agent-smtp");
      TestTls tls = TestTls.selfSigned("127.0.0.1");
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "greenmail-test".toCharArray();
      store.setKeyEntry(
          "greenmail",
          tls.keys().getPrivate(),
          password,
          new X509Certificate[] {tls.certificate()});
      Path p12 = dir.resolve("greenmail.p12");
      try (OutputStream out = Files.newOutputStream(p12)) {
        store.store(out, password);
      }
      System.setProperty("greenmail.tls.keystore.file", p12.toString());
      System.setProperty("greenmail.tls.keystore.password", new String(password));
      System.setProperty("greenmail.tls.key.password", new String(password));
      pem = tls.writePem(dir, "smtp-ca.pem");
      return pem;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the test SMTP certificate", e);
    }
  }

  /** A running GreenMail; {@link #close()} stops it. */
  record Server(GreenMail greenMail) implements AutoCloseable {
    int port() {
      return greenMail.getSmtp() != null
          ? greenMail.getSmtp().getPort()
          : greenMail.getSmtps().getPort();
    }

    /** What it received, in order (one message per recipient). */
    MimeMessage[] getReceivedMessages() {
      return greenMail.getReceivedMessages();
    }

    @Override
    public void close() {
      greenMail.stop();
    }
  }

  /** GreenMail speaking {@code protocol} ("smtp" or "smtps") on {@code port} (0: any). */
  static Server start(String protocol, int port, boolean authRequired) {
    certificatePem();
    GreenMail gm =
        new GreenMail(new ServerSetup(port, "127.0.0.1", protocol))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, USER, PASSWORD));
    gm.start();
    gm.getUserManager().setAuthRequired(authRequired);
    return new Server(gm);
  }

  static int port(Server server) {
    return server.port();
  }

  /** Plain SMTP with authentication to {@code port}. */
  static SmtpSettings plain(int port) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        SmtpSettings.Security.none,
        Optional.of(USER),
        Optional.of(PASSWORD),
        FROM,
        Duration.ofSeconds(5),
        Optional.empty());
  }

  /** A loopback port nothing listens on (just freed). */
  static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
