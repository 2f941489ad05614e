package org.openrps.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.testkit.TunnelProxy;
import org.openrps.wire.WireJson;

/** Uploads, command fetches and enrolment through a real CONNECT proxy on loopback. */
class ProxyTransportTest {

  @TempDir Path dir;
  private final TestTls serverTls = TestTls.selfSigned("openrps-test-server");
  private HttpsReceiver server;

  @BeforeEach
  void start() throws Exception {
    server = new HttpsReceiver(serverTls);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ReportUploader uploader(Optional<HttpProxy> proxy) throws Exception {
    Transport transport =
        new Transport(Tls.clientContext(Optional.of(serverTls.writePem(dir, "server.pem"))), proxy);
    return new ReportUploader(
        server.url(),
        new LiveCredentials(new Credentials("agent-1", "s3cret".toCharArray())),
        transport,
        WireJson.newMapper(),
        "0.1.0-test");
  }

  @Test
  void anUploadGoesThroughTheTunnelWithBasicAuthenticationThatTheServerNeverSees()
      throws Exception {
    try (TunnelProxy proxy = TunnelProxy.withBasicAuth("site-user", "proxy-pass")) {
      HttpProxy configured =
          HttpProxy.of(proxy.url()).withCredentials("site-user", "proxy-pass".toCharArray());

      Upload upload = uploader(Optional.of(configured)).upload(ReportUploaderTest.report("r-1"));

      assertThat(upload.receipt().reportId()).isEqualTo("r-1");
      assertThat(proxy.tunnelsOpened()).isEqualTo(1);
      assertThat(proxy.targets()).containsExactly("127.0.0.1:" + server.url().getPort());
      assertThat(proxy.challenges()).as("credentials sent with the CONNECT").isZero();
      assertThat(server.received()).hasSize(1);
      assertThat(server.received().get(0).header("Proxy-Authorization")).isNull();
      assertThat(server.received().get(0).header("Authorization")).startsWith("Basic ");
    }
  }

  @Test
  void wrongProxyCredentialsAreOneLineNamingTheProxyAndTheServerGetsNothing() throws Exception {
    try (TunnelProxy proxy = TunnelProxy.withBasicAuth("site-user", "proxy-pass")) {
      HttpProxy configured =
          HttpProxy.of(proxy.url()).withCredentials("site-user", "wrong-pass".toCharArray());

      SyncException e =
          catchThrowableOfType(
              SyncException.class,
              () -> uploader(Optional.of(configured)).upload(ReportUploaderTest.report("r-2")));

      assertThat(e.kind()).isEqualTo(SyncException.Kind.proxy);
      assertThat(e.getMessage())
          .isEqualTo(
              "proxy 127.0.0.1:"
                  + proxy.port()
                  + " refused the credentials of user site-user [HTTP 407]")
          .doesNotContain("wrong-pass");
      assertThat(e.nothingSent()).isTrue();
      assertThat(e.status()).as("the server did not answer").isZero();
      assertThat(proxy.challenges()).isEqualTo(1);
      assertThat(proxy.tunnelsOpened()).isZero();
      assertThat(server.requests()).isZero();
    }
  }

  @Test
  void aProxyThatAsksForCredentialsNoneWereGivenForSaysWhichOptionsToSet() throws Exception {
    try (TunnelProxy proxy = TunnelProxy.withBasicAuth("site-user", "proxy-pass")) {
      SyncException e =
          catchThrowableOfType(
              SyncException.class,
              () ->
                  uploader(Optional.of(HttpProxy.of(proxy.url())))
                      .upload(ReportUploaderTest.report("r-3")));

      assertThat(e.getMessage())
          .isEqualTo(
              "proxy 127.0.0.1:"
                  + proxy.port()
                  + " asks for a user and password (--proxy-user, --proxy-password) [HTTP 407]");
    }
  }

  @Test
  void aProxyThatRefusesTheTunnelAndOneThatIsDownAreEachOneLine() throws Exception {
    try (TunnelProxy proxy = TunnelProxy.open()) {
      proxy.refuseWith(403);
      SyncException refused =
          catchThrowableOfType(
              SyncException.class,
              () ->
                  uploader(Optional.of(HttpProxy.of(proxy.url())))
                      .upload(ReportUploaderTest.report("r-4")));
      assertThat(refused.kind()).isEqualTo(SyncException.Kind.proxy);
      assertThat(refused.getMessage())
          .isEqualTo(
              "proxy 127.0.0.1:"
                  + proxy.port()
                  + " refused the tunnel to 127.0.0.1:"
                  + server.url().getPort()
                  + " [HTTP 403]");
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    SyncException down =
        catchThrowableOfType(
            SyncException.class,
            () ->
                uploader(Optional.of(HttpProxy.of(URI.create("http://127.0.0.1:" + closed))))
                    .upload(ReportUploaderTest.report("r-5")));
    assertThat(down.kind()).isEqualTo(SyncException.Kind.proxy);
    assertThat(down.getMessage())
        .isEqualTo("proxy unreachable at 127.0.0.1:" + closed + " (connection refused)");
    assertThat(server.requests()).isZero();
  }

  @Test
  void commandFetchesAndEnrolmentTakeTheSameProxy() throws Exception {
    try (TunnelProxy proxy = TunnelProxy.open()) {
      Transport transport =
          new Transport(
              Tls.clientContext(Optional.of(serverTls.writePem(dir, "server.pem"))),
              Optional.of(HttpProxy.of(proxy.url())));
      // The receiver answers command fetches itself (no command) and counts them apart.
      new CommandClient(
              server.url(),
              new LiveCredentials(new Credentials("agent-1", "s3cret".toCharArray())),
              transport)
          .fetch();
      server.answer(r -> new HttpsReceiver.Answer(401, "{\"code\":\"x\",\"message\":\"no\"}"));
      assertThatThrownBy(
              () ->
                  new EnrolmentClient(server.url(), transport)
                      .check(new Credentials("agent-1", "s3cret".toCharArray())))
          .isInstanceOf(EnrolmentClient.EnrolmentException.class);

      assertThat(server.commandFetches()).isEqualTo(1);
      assertThat(server.received())
          .extracting(HttpsReceiver.Received::path)
          .containsExactly("/" + EnrolmentClient.CHECK_PATH);
      assertThat(proxy.tunnelsOpened()).isEqualTo(2);
    }
  }

  @Test
  void theProxyPasswordIsMaskedAndTheProxyIsGivenAsHostAndPort() {
    HttpProxy p =
        HttpProxy.of(URI.create("http://proxy.example:3128"))
            .withCredentials("bob", "hunter2-secret".toCharArray());
    assertThat(p.toString())
        .isEqualTo("http://proxy.example:3128 (user bob, password ****)")
        .doesNotContain("hunter2");
    assertThat(new Transport(Tls.clientContext(Optional.empty()), Optional.of(p)).toString())
        .doesNotContain("hunter2");
    for (String bad :
        new String[] {
          "https://proxy:3128", "http://proxy", "http://u:p@proxy:3128", "http://proxy:3128/x"
        }) {
      assertThatThrownBy(() -> HttpProxy.of(URI.create(bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("http://HOST:PORT");
    }
  }

  @Test
  void basicForTunnelsIsAllowedByThisClassUnlessTheJvmWasToldOtherwise() {
    assertThat(Transport.basicForTunnels()).isTrue();
    assertThat(System.getProperty(Transport.TUNNEL_DISABLED_SCHEMES)).isEmpty();
  }
}
