package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.testkit.Loopback;

/**
 * {@code server add-user} and {@code server enrol-code} work on the database alone: no TLS material
 * is made and the configured port is not needed (here another socket holds it).
 */
class ServerAdminCommandTest {

  @TempDir Path dir;

  @Test
  void addUserAndEnrolCodeWorkWithoutHttpsAndTheUserThenLogsInThroughARealServer()
      throws Exception {
    String password;
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String[] server = {
        "server", "--data", dir.toString(), "--port", Integer.toString(taken.getLocalPort())
      };
      Run user =
          Run.of(
              Run.concat(
                  server,
                  "add-user",
                  "--name",
                  "reader",
                  "--role",
                  "customer_reader",
                  "--customer",
                  "default"));
      assertThat(user.exit()).as(user.err()).isZero();
      password = user.out().replaceAll("(?s).*password (\\S+) \\(shown once\\).*", "$1");
      assertThat(password).isNotBlank().doesNotContain(" ");

      Run code = Run.of(Run.concat(server, "enrol-code", "--site", "default"));
      assertThat(code.exit()).as(code.err()).isZero();
      assertThat(code.out()).contains("enrolment code for default/default:");

      Run noCustomer =
          Run.of(Run.concat(server, "add-user", "--name", "x", "--customer", "nobody"));
      assertThat(noCustomer.exit()).isEqualTo(2);
      assertThat(noCustomer.err().strip()).isEqualTo("openrps: no customer nobody");
      Run badRole = Run.of(Run.concat(server, "add-user", "--name", "x", "--role", "root"));
      assertThat(badRole.exit()).isEqualTo(2);
      assertThat(badRole.err()).contains("--role must be provider_admin");
    }
    assertThat(dir.resolve("tls")).doesNotExist();

    try (ServerApp app = ServerApp.start(ServerConfig.embedded(dir, 0), Clock.systemUTC())) {
      HttpClient client =
          HttpClient.newBuilder().sslContext(Loopback.trusting(app.certificatePem())).build();
      HttpResponse<String> devices =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("https://127.0.0.1:" + app.port() + "/api/v1/devices"))
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(
                                  ("reader:" + password).getBytes(StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(devices.statusCode()).isEqualTo(200);
    }
  }
}
