package org.openrps.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.mib.StandardMib;

/** Our client against our responder over real loopback UDP (127.70.0.x). */
class ClientResponderTest {

  private static final Oid SYSTEM = Oid.of("1.3.6.1.2.1.1");
  private static final Oid SUPPLY_LEVEL = StandardMib.PRT_MARKER_SUPPLIES_LEVEL;
  private static final Oid COUNTER64 = Oid.of("1.3.6.1.2.1.31.1.1.1.6.1");
  private static final int ROWS = 60;

  private static SnmpResponder responder;
  private static SnmpClient client;
  private static InetSocketAddress printer;
  private static InetSocketAddress liar;

  @BeforeAll
  static void start() throws Exception {
    Map<Oid, SnmpValue> vars = new LinkedHashMap<>();
    vars.put(StandardMib.SYS_DESCR, SnmpValue.OctetString.of("Test printer"));
    vars.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.11.2.3.9.1")));
    vars.put(StandardMib.SYS_UP_TIME, new SnmpValue.TimeTicks(12345));
    vars.put(StandardMib.SYS_NAME, SnmpValue.OctetString.of("NPI123456"));
    vars.put(COUNTER64, new SnmpValue.Counter64(1L << 40));
    vars.put(StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1), new SnmpValue.Counter32(4242));
    for (int row = 1; row <= ROWS; row++) {
      vars.put(SUPPLY_LEVEL.append(1, row), new SnmpValue.Integer32(row));
    }
    responder = SnmpResponder.start("test-responder", 2);
    printer = responder.bind(address("127.70.0.1", 0), "public", MibView.of(vars));
    liar = responder.bind(address("127.70.0.2", 0), "public", new LyingMibView(3));
    client = Snmp.openClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    responder.close();
  }

  @Test
  void getV2cReturnsValuesAndMarksMissingVariables() {
    List<VarBind> answer =
        client
            .get(
                v2c(printer),
                List.of(
                    StandardMib.SYS_DESCR,
                    Oid.of("1.3.6.1.2.1.1.1.1"),
                    Oid.of("1.3.6.1.2.1.99.1.0"),
                    StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1)))
            .join();

    assertThat(answer)
        .extracting(VarBind::value)
        .containsExactly(
            SnmpValue.OctetString.of("Test printer"),
            SnmpValue.Exception.noSuchInstance,
            SnmpValue.Exception.noSuchObject,
            new SnmpValue.Counter32(4242));
  }

  @Test
  void getV1RetriesWithoutTheMissingVariableAndReportsItAsNoSuchObject() {
    List<VarBind> answer =
        client
            .get(
                v1(printer),
                List.of(
                    Oid.of("1.3.6.1.2.1.1.99.0"),
                    StandardMib.SYS_NAME,
                    Oid.of("1.3.6.1.2.1.1.98.0"),
                    StandardMib.SYS_UP_TIME))
            .join();

    assertThat(answer)
        .extracting(VarBind::oid)
        .containsExactly(
            Oid.of("1.3.6.1.2.1.1.99.0"),
            StandardMib.SYS_NAME,
            Oid.of("1.3.6.1.2.1.1.98.0"),
            StandardMib.SYS_UP_TIME);
    assertThat(answer)
        .extracting(VarBind::value)
        .containsExactly(
            SnmpValue.Exception.noSuchObject,
            SnmpValue.OctetString.of("NPI123456"),
            SnmpValue.Exception.noSuchObject,
            new SnmpValue.TimeTicks(12345));
  }

  @Test
  void getV1OfACounter64AnswersNoSuchObject() {
    assertThat(client.get(v1(printer), List.of(COUNTER64)).join())
        .extracting(VarBind::value)
        .containsExactly(SnmpValue.Exception.noSuchObject);
  }

  @Test
  void walkV2cReturnsTheWholeSubtreeOverSeveralBulkRequests() {
    List<VarBind> walk = client.walk(v2c(printer), SUPPLY_LEVEL).join();

    assertThat(walk).hasSize(ROWS);
    assertThat(walk.get(0))
        .isEqualTo(new VarBind(SUPPLY_LEVEL.append(1, 1), new SnmpValue.Integer32(1)));
    assertThat(walk.get(ROWS - 1).oid()).isEqualTo(SUPPLY_LEVEL.append(1, ROWS));
    assertThat(walk).isSortedAccordingTo((a, b) -> a.oid().compareTo(b.oid()));
  }

  @Test
  void walkV1ReturnsTheSameSubtreeWithGetNext() {
    assertThat(client.walk(v1(printer), SUPPLY_LEVEL).join())
        .isEqualTo(client.walk(v2c(printer), SUPPLY_LEVEL).join());
  }

  @Test
  void walkOfTheSystemGroupStopsAtTheEndOfTheSubtree() {
    assertThat(client.walk(v2c(printer), SYSTEM).join())
        .extracting(VarBind::oid)
        .containsExactly(
            StandardMib.SYS_DESCR,
            StandardMib.SYS_OBJECT_ID,
            StandardMib.SYS_UP_TIME,
            StandardMib.SYS_NAME);
  }

  @Test
  void aRowLimitHoldsAlsoWhenTheTableEndsInsideOneResponse() {
    // the system group's four values come in one GETBULK response that also runs past the group
    for (SnmpTarget target : List.of(v2c(printer), v1(printer))) {
      SnmpException e = failure(client.walk(target, SYSTEM, 2));
      assertThat(e.kind()).isEqualTo(SnmpException.Kind.truncated);
      assertThat(e.partial())
          .extracting(VarBind::oid)
          .containsExactly(StandardMib.SYS_DESCR, StandardMib.SYS_OBJECT_ID);
      assertThat(client.walk(target, SYSTEM, 4).join()).hasSize(4);
    }
  }

  @Test
  void walkRunningOffTheEndOfTheMibEndsCleanlyInBothVersions() {
    Oid last = SUPPLY_LEVEL.append(1, ROWS - 1);
    Oid root = Oid.of("1.3.6.1.2.1.43");
    assertThat(client.walk(v2c(printer), root).join()).hasSize(ROWS + 1);
    // v1: noSuchName at the end; v1 also cannot see the Counter64, which is outside this root
    assertThat(client.walk(v1(printer), root).join()).hasSize(ROWS + 1);
    assertThat(client.walk(v2c(printer), last).join()).isEmpty();
  }

  @Test
  void walkV1SkipsCounter64Variables() {
    Oid ifMib = Oid.of("1.3.6.1.2.1.31");
    assertThat(client.walk(v2c(printer), ifMib).join()).hasSize(1);
    assertThat(client.walk(v1(printer), ifMib).join()).isEmpty();
  }

  @Test
  void walkWithANonIncreasingOidFailsWithThePartialResult() {
    for (SnmpTarget target : List.of(v2c(liar), v1(liar))) {
      CompletableFuture<List<VarBind>> walk = client.walk(target, Oid.of("1.3.6.1.4.1.99999"));

      SnmpException failure = failure(walk);
      assertThat(failure.kind()).isEqualTo(SnmpException.Kind.nonIncreasing);
      assertThat(failure.partial())
          .extracting(VarBind::oid)
          .containsExactly(
              Oid.of("1.3.6.1.4.1.99999.1"),
              Oid.of("1.3.6.1.4.1.99999.2"),
              Oid.of("1.3.6.1.4.1.99999.3"));
    }
  }

  @Test
  void aSilentAddressTimesOutQuickly() {
    SnmpTarget silent =
        new SnmpTarget(
            address("127.70.0.200", printer.getPort()),
            SnmpCredentials.Community.v2c("public"),
            Duration.ofMillis(150),
            1);
    long start = System.nanoTime();

    SnmpException failure = failure(client.get(silent, List.of(StandardMib.SYS_DESCR)));

    assertThat(failure.kind()).isEqualTo(SnmpException.Kind.timeout);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(failure(client.walk(silent, SYSTEM)).kind()).isEqualTo(SnmpException.Kind.timeout);
  }

  @Test
  void aWrongCommunityGetsNoAnswer() {
    SnmpTarget wrong =
        new SnmpTarget(
            printer, SnmpCredentials.Community.v2c("private"), Duration.ofMillis(150), 0);
    assertThat(failure(client.get(wrong, List.of(StandardMib.SYS_DESCR))).kind())
        .isEqualTo(SnmpException.Kind.timeout);
  }

  @Test
  void oneClientCarriesThousandsOfConcurrentRequests() throws Exception {
    // 3,000 requests at once overflow the one responder socket's receive buffer (the kernel caps
    // it near 200 KB), so some are dropped and must be resent: the client's retries carry them.
    SnmpTarget target =
        new SnmpTarget(printer, SnmpCredentials.Community.v2c("public"), Duration.ofSeconds(1), 5);
    List<CompletableFuture<List<VarBind>>> inFlight = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      inFlight.add(
          client.get(
              target, List.of(SUPPLY_LEVEL.append(1, 1 + i % ROWS), StandardMib.SYS_UP_TIME)));
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    for (int i = 0; i < inFlight.size(); i++) {
      assertThat(inFlight.get(i).join().get(0).value())
          .isEqualTo(new SnmpValue.Integer32(1 + i % ROWS));
    }
  }

  @Test
  void aClosedClientFailsRequestsWithTransport() {
    SnmpClient closed = Snmp.openClient();
    closed.close();
    assertThat(failure(closed.get(v2c(printer), List.of(StandardMib.SYS_DESCR))).kind())
        .isEqualTo(SnmpException.Kind.transport);
  }

  private static SnmpException failure(CompletableFuture<?> future) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(future::join);
    assertThat(thrown).isInstanceOf(CompletionException.class);
    assertThat(thrown.getCause()).isInstanceOf(SnmpException.class);
    return (SnmpException) thrown.getCause();
  }

  static SnmpTarget v2c(InetSocketAddress address) {
    return new SnmpTarget(
        address, SnmpCredentials.Community.v2c("public"), Duration.ofSeconds(2), 1);
  }

  @Test
  void anUnboundAddressCanBeBoundAgainAtOnceAndAnswers() throws Exception {
    MibView view = MibView.of(Map.of(StandardMib.SYS_NAME, SnmpValue.OctetString.of("again")));
    InetSocketAddress first = responder.bind(address("127.81.2.1", 0), "public", view);
    for (int round = 0; round < 20; round++) {
      responder.unbind(first);
      assertThat(responder.addresses()).doesNotContain(first);
      responder.bind(first, "public", view);
    }
    assertThat(client.get(v2c(first), List.of(StandardMib.SYS_NAME)).join())
        .extracting(VarBind::value)
        .containsExactly(SnmpValue.OctetString.of("again"));
    responder.unbind(first);
  }

  static SnmpTarget v1(InetSocketAddress address) {
    return new SnmpTarget(
        address, SnmpCredentials.Community.v1("public"), Duration.ofSeconds(2), 1);
  }

  static InetSocketAddress address(String ip, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * A broken agent: after {@code honest} good answers under 1.3.6.1.4.1.99999 it goes back to .1.
   */
  private static final class LyingMibView implements MibView {
    private static final Oid BASE = Oid.of("1.3.6.1.4.1.99999");
    private final int honest;

    LyingMibView(int honest) {
      this.honest = honest;
    }

    @Override
    public Optional<SnmpValue> get(Oid oid) {
      return Optional.empty();
    }

    @Override
    public Optional<VarBind> next(Oid oid) {
      int step = oid.startsWith(BASE) && oid.size() > BASE.size() ? oid.arcs()[BASE.size()] : 0;
      int nextStep = step < honest ? step + 1 : 1;
      return Optional.of(new VarBind(BASE.append(nextStep), new SnmpValue.Integer32(nextStep)));
    }
  }
}
