package org.openrps.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolmentClientTest {

  @TempDir Path dir;
  private final TestTls serverTls = TestTls.selfSigned("openrps-test-server");
  private final ObjectMapper json = new ObjectMapper();
  private HttpsReceiver server;

  @BeforeEach
  void start() throws Exception {
    server = new HttpsReceiver(serverTls);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private EnrolmentClient client() throws Exception {
    return new EnrolmentClient(server.url(), Optional.of(serverTls.writePem(dir, "server.pem")));
  }

  @Test
  void enrolmentSendsTheCodeAndKindAndGivesTheIssuedCredentials() throws Exception {
    server.answer(
        r ->
            new HttpsReceiver.Answer(
                201,
                "{\"clientId\":\"agt-1\",\"secret\":\"s3cret\",\"customer\":\"acme\",\"site\":\"hq\"}"));

    Credentials credentials = client().enrol("CODE-1234");

    assertThat(credentials).isEqualTo(new Credentials("agt-1", "s3cret".toCharArray()));
    HttpsReceiver.Received r = server.received().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/api/v1/enrol");
    JsonNode body = json.readTree(r.body());
    assertThat(body.path("code").asText()).isEqualTo("CODE-1234");
    assertThat(body.path("kind").asText()).isEqualTo("agent");
    assertThat(body.size()).isEqualTo(2);
  }

  @Test
  void aRefusedCodeSaysTheServersCodeAndMessage() throws Exception {
    server.answer(
        r ->
            new HttpsReceiver.Answer(
                403, "{\"code\":\"enrol.invalid_code\",\"message\":\"unknown or used code\"}"));

    EnrolmentClient.EnrolmentException e =
        catchThrowableOfType(
            EnrolmentClient.EnrolmentException.class, () -> client().enrol("CODE-1234"));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.getMessage())
        .isEqualTo(
            "the server refused the enrolment (403 enrol.invalid_code): unknown or used code");
  }

  @Test
  void rotationAuthenticatesWithTheOldSecretAndGivesTheNewOne() throws Exception {
    server.answer(
        r -> new HttpsReceiver.Answer(200, "{\"clientId\":\"agt-1\",\"secret\":\"n3w\"}"));

    Credentials rotated = client().rotate(new Credentials("agt-1", "old".toCharArray()));

    assertThat(rotated).isEqualTo(new Credentials("agt-1", "n3w".toCharArray()));
    HttpsReceiver.Received r = server.received().get(0);
    assertThat(r.path()).isEqualTo("/api/v1/credentials/rotate");
    assertThat(r.header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder().encodeToString("agt-1:old".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aRotationForAnotherIdIsRefused() throws Exception {
    server.answer(
        r -> new HttpsReceiver.Answer(200, "{\"clientId\":\"agt-2\",\"secret\":\"n3w\"}"));

    EnrolmentClient.EnrolmentException e =
        catchThrowableOfType(
            EnrolmentClient.EnrolmentException.class,
            () -> client().rotate(new Credentials("agt-1", "old".toCharArray())));

    assertThat(e.getMessage()).contains("agt-2").contains("agt-1");
  }

  @Test
  void anUntrustedServerGetsNeitherCodeNorSecret() throws Exception {
    Path other = TestTls.selfSigned("someone-else").writePem(dir, "other.pem");
    EnrolmentClient client = new EnrolmentClient(server.url(), Optional.of(other));

    EnrolmentClient.EnrolmentException e =
        catchThrowableOfType(
            EnrolmentClient.EnrolmentException.class, () -> client.enrol("CODE-1234"));

    assertThat(e.getMessage()).startsWith("server certificate not trusted");
    assertThat(server.requests()).isZero();
  }
}
