package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The listener speaks TLS 1.2 and 1.3 only, with the certificate it keeps in its data dir. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTest {

  private Path dataDir;
  private ServerApp server;

  @BeforeAll
  void startServer() throws IOException {
    dataDir = org.openrps.testkit.Scratch.directory("openrps-tls");
    server = ServerApp.start(ServerConfig.embedded(dataDir, 0), Clock.systemUTC());
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  private String negotiate(String protocol) throws IOException {
    SSLContext tls = Fixtures.trusting(server.certificatePem());
    try (SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }

  @Test
  void tls12AndTls13AreSpoken() throws IOException {
    assertThat(negotiate("TLSv1.3")).isEqualTo("TLSv1.3");
    assertThat(negotiate("TLSv1.2")).isEqualTo("TLSv1.2");
  }

  private String negotiateTls12With(String suite) throws IOException {
    SSLContext tls = Fixtures.trusting(server.certificatePem());
    try (SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.setEnabledCipherSuites(new String[] {suite});
      socket.startHandshake();
      return socket.getSession().getCipherSuite();
    }
  }

  @Test
  void tls12ClientOfferingOnlyACbcSuiteFailsTheHandshakeAndOneOfferingGcmSucceeds()
      throws IOException {
    assertThatThrownBy(() -> negotiateTls12With("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))
        .isInstanceOf(SSLHandshakeException.class);
    assertThat(negotiateTls12With("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
        .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  }

  @Test
  void everyAnswerTellsTheBrowserToUseHttpsOnly() {
    ApiClient api = new ApiClient(server);
    for (String path : List.of("/health/live", "/login", "/api/v1/devices", "/nope")) {
      assertThat(api.get(path, null).headers().firstValue("Strict-Transport-Security"))
          .as(path)
          .hasValueSatisfying(v -> assertThat(v).startsWith("max-age=").doesNotEndWith("=0"));
    }
  }

  @Test
  void plainHttpIsNotServed() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    assertThatThrownBy(
            () ->
                plain.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/login"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  /**
   * The JDK refuses to offer TLS 1.1 itself, so an independent client asks: OpenSSL, with its own
   * floor lowered so that the refusal must come from the server.
   */
  @Test
  void tls11IsRefusedByTheServer() throws Exception {
    String tls12 = openssl("-tls1_2");
    assertThat(tls12).contains("Protocol version: TLSv1.2");
    String tls11 = openssl("-tls1_1");
    assertThat(tls11).doesNotContain("Protocol version: TLSv1.1").containsIgnoringCase("alert");
  }

  private String openssl(String protocol) throws Exception {
    Process process =
        new ProcessBuilder(
                List.of(
                    "openssl",
                    "s_client",
                    "-brief",
                    "-connect",
                    "127.0.0.1:" + server.port(),
                    protocol,
                    "-cipher",
                    "DEFAULT:@SECLEVEL=0"))
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  @Test
  void certificateIsMadeOnceAndReusedWithAPrivateKeyStore() throws Exception {
    Path other = org.openrps.testkit.Scratch.directory("openrps-tls-restart");
    String firstPem;
    try (ServerApp first = ServerApp.start(ServerConfig.embedded(other, 0), Clock.systemUTC())) {
      firstPem = Files.readString(first.certificatePem());
    }
    try (ServerApp second = ServerApp.start(ServerConfig.embedded(other, 0), Clock.systemUTC())) {
      assertThat(Files.readString(second.certificatePem())).isEqualTo(firstPem);
      assertThat(second.certificatePem()).isEqualTo(other.resolve("tls/server.crt.pem"));
    }
    assertThat(firstPem).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(other.resolve("tls/server.p12.password"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(other.resolve("tls/server.p12"))))
        .isEqualTo("rw-------");
  }
}
