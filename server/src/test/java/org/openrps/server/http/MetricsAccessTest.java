package org.openrps.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may read /metrics; over HTTP in OperationsTest, here for addresses a test cannot use. */
class MetricsAccessTest {

  private static final Optional<String> TOKEN = Optional.of("metrics-token-0123456789");

  @Test
  void withoutATokenOnlyLoopbackClientsReadMetrics() throws Exception {
    assertThat(
            HttpServer.metricsRefusal(
                Optional.empty(), Optional.empty(), InetAddress.getByName("127.0.0.1")))
        .isEmpty();
    assertThat(
            HttpServer.metricsRefusal(
                Optional.empty(), Optional.empty(), InetAddress.getByName("::1")))
        .isEmpty();
    assertThat(
            HttpServer.metricsRefusal(
                Optional.empty(), Optional.empty(), InetAddress.getByName("192.0.2.7")))
        .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void withATokenEveryAddressNeedsItLoopbackToo() throws Exception {
    InetAddress far = InetAddress.getByName("192.0.2.7");
    assertThat(HttpServer.metricsRefusal(TOKEN, Optional.of("Bearer " + TOKEN.get()), far))
        .isEmpty();
    assertThat(
            HttpServer.metricsRefusal(TOKEN, Optional.empty(), InetAddress.getByName("127.0.0.1")))
        .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(401));
    assertThat(HttpServer.metricsRefusal(TOKEN, Optional.of("Bearer metrics-token"), far))
        .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(401));
  }
}
