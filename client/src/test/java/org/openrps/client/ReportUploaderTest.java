package org.openrps.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.openrps.wire.Source;
import org.openrps.wire.SupplyReading;
import org.openrps.wire.WireJson;

class ReportUploaderTest {

  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

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

  private ReportUploader uploader(URI url, Optional<Path> pem) {
    return new ReportUploader(
        url,
        "agent-1",
        "s3cret".toCharArray(),
        Tls.clientContext(pem),
        WireJson.newMapper(),
        "0.1.0-test");
  }

  private ReportUploader pinnedToServer() throws Exception {
    return uploader(server.url(), Optional.of(serverTls.writePem(dir, "server.pem")));
  }

  static Report report(String id) {
    DeviceIdentity identity =
        new DeviceIdentity(
            "HP",
            "LaserJet M507",
            "PHBGB12345",
            "1.3.6.1.4.1.11.2.3.9.1",
            Optional.of("00:1b:78:00:00:01"),
            Optional.empty(),
            Optional.of("prn-1"),
            T);
    DeviceSnapshot d =
        new DeviceSnapshot(
            identity,
            "127.61.0.1",
            T,
            List.of(new MeterReading(MeterReading.TOTAL, 1234, "1.3.6.1.2.1.43.10.2.1.4.1.1", T)),
            List.of(
                new SupplyReading(
                    1, "Black", "toner", "supplyThatIsConsumed", "percent", 100, 42, T)),
            new DeviceStatus("idle", List.of("lowToner"), T));
    return Report.of(id, new Source(Source.Kind.agent, "agent-1", "0.1.0-test"), T, List.of(d));
  }

  @Test
  void trustedServerGetsGzipJsonReportThatParsesBackIntoTheReport() throws Exception {
    Report report = report("r-1");

    Receipt receipt = pinnedToServer().send(report);

    assertThat(receipt.reportId()).isEqualTo("r-1");
    assertThat(server.received()).hasSize(1);
    HttpsReceiver.Received got = server.received().get(0);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/api/v1/reports");
    assertThat(got.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(got.header("Content-Type")).isEqualTo("application/json");
    assertThat(got.header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("agent-1:s3cret".getBytes(StandardCharsets.UTF_8)));
    assertThat(got.report()).isEqualTo(report);
  }

  @Test
  void uploadTellsTheLengthAndSha256OfExactlyTheBytesTheServerReceived() throws Exception {
    Upload upload = pinnedToServer().upload(report("r-10"));

    byte[] received = server.received().get(0).body();
    assertThat(upload.body().bytes()).isEqualTo(received.length).isPositive();
    assertThat(upload.body().sha256())
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(received)));
    assertThat(upload.status()).isEqualTo(200);
    assertThat(upload.receipt().reportId()).isEqualTo("r-10");
  }

  @Test
  void aRefusedUploadCarriesTheBodyItSentAndAnUntrustedOneSaysNothingLeft() throws Exception {
    server.answer(
        r -> new HttpsReceiver.Answer(422, "{\"code\":\"report.invalid\",\"message\":\"no\"}"));
    SyncException refused =
        catchThrowableOfType(SyncException.class, () -> pinnedToServer().upload(report("r-11")));

    assertThat(refused.nothingSent()).isFalse();
    assertThat(refused.body())
        .hasValue(WireBody.of(server.received().get(0).body()))
        .hasValueSatisfying(b -> assertThat(b.bytes()).isPositive());

    Path other = TestTls.selfSigned("someone-else").writePem(dir, "other2.pem");
    SyncException untrusted =
        catchThrowableOfType(
            SyncException.class,
            () -> uploader(server.url(), Optional.of(other)).upload(report("r-11")));
    assertThat(untrusted.nothingSent()).isTrue();
    assertThat(untrusted.body()).hasValue(refused.body().orElseThrow());
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void serverWithAnotherSelfSignedCertificateIsRefusedBeforeAnythingIsSent() throws Exception {
    Path other = TestTls.selfSigned("someone-else").writePem(dir, "other.pem");

    SyncException e =
        catchThrowableOfType(
            SyncException.class,
            () -> uploader(server.url(), Optional.of(other)).send(report("r-2")));

    assertThat(e.kind()).isEqualTo(SyncException.Kind.untrustedCertificate);
    assertThat(e.getMessage()).startsWith("server certificate not trusted at 127.0.0.1:");
    assertThat(server.requests()).isZero();
    assertThat(server.received()).isEmpty();
  }

  @Test
  void systemTrustStoreDoesNotTrustASelfSignedServer() {
    SyncException e =
        catchThrowableOfType(
            SyncException.class,
            () -> uploader(server.url(), Optional.empty()).send(report("r-3")));

    assertThat(e.kind()).isEqualTo(SyncException.Kind.untrustedCertificate);
    assertThat(server.requests()).isZero();
  }

  @Test
  void trustedCertificateForAnotherHostIsRefused() throws Exception {
    TestTls elsewhere =
        TestTls.selfSigned("elsewhere", new GeneralName(GeneralName.dNSName, "printers.example"));
    try (HttpsReceiver wrongName = new HttpsReceiver(elsewhere)) {
      SyncException e =
          catchThrowableOfType(
              SyncException.class,
              () ->
                  uploader(wrongName.url(), Optional.of(elsewhere.writePem(dir, "elsewhere.pem")))
                      .send(report("r-4")));

      assertThat(e.kind()).isEqualTo(SyncException.Kind.hostMismatch);
      assertThat(e.getMessage()).contains("does not match host 127.0.0.1");
      assertThat(wrongName.requests()).isZero();
    }
  }

  @Test
  void refusalCarriesTheServersErrorCode() throws Exception {
    server.answer(
        r ->
            new HttpsReceiver.Answer(
                400, "{\"code\":\"report.invalid\",\"message\":\"devices[0]: bad serial\"}"));

    SyncException e =
        catchThrowableOfType(SyncException.class, () -> pinnedToServer().send(report("r-5")));

    assertThat(e.kind()).isEqualTo(SyncException.Kind.refused);
    assertThat(e.contentRefused()).isTrue();
    assertThat(e.error()).hasValueSatisfying(b -> assertThat(b.code()).isEqualTo("report.invalid"));
    assertThat(e.getMessage())
        .isEqualTo("server refused the report: report.invalid (devices[0]: bad serial) [HTTP 400]");
  }

  @Test
  void wrongCredentialsAreNotAContentRefusal() throws Exception {
    server.answer(
        r ->
            new HttpsReceiver.Answer(
                401, "{\"code\":\"auth.invalid_credentials\",\"message\":\"no\"}"));

    SyncException e =
        catchThrowableOfType(SyncException.class, () -> pinnedToServer().send(report("r-6")));

    assertThat(e.kind()).isEqualTo(SyncException.Kind.refused);
    assertThat(e.contentRefused()).isFalse();
  }

  @Test
  void serverErrorAndReceiptForAnotherReportAreFailures() throws Exception {
    server.answer(r -> new HttpsReceiver.Answer(503, "<html>down</html>"));
    SyncException down =
        catchThrowableOfType(SyncException.class, () -> pinnedToServer().send(report("r-7")));
    assertThat(down.kind()).isEqualTo(SyncException.Kind.serverError);
    assertThat(down.getMessage()).contains("HTTP 503").contains("down");

    server.answer(
        r ->
            new HttpsReceiver.Answer(
                200,
                "{\"reportId\":\"other\",\"duplicate\":false,\"devices\":1,\"receivedAt\":\"2026-11-28T08:00:00Z\"}"));
    SyncException wrong =
        catchThrowableOfType(SyncException.class, () -> pinnedToServer().send(report("r-8")));
    assertThat(wrong.kind()).isEqualTo(SyncException.Kind.protocol);
  }

  @Test
  void closedPortIsANetworkError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    SyncException e =
        catchThrowableOfType(
            SyncException.class,
            () ->
                uploader(
                        URI.create("https://127.0.0.1:" + port),
                        Optional.of(serverTls.writePem(dir, "s.pem")))
                    .send(report("r-9")));

    assertThat(e.kind()).isEqualTo(SyncException.Kind.network);
    assertThat(e.getMessage())
        .startsWith("server unreachable at 127.0.0.1:" + port + " (connection refused)");
  }
}
