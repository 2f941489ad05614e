package org.openrps.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.testkit.MutableClock;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;

/** Our SNMPv3 client against our responder over loopback UDP (127.71.1.x). */
class UsmClientTest {

  private static final Oid SUPPLY_LEVEL = StandardMib.PRT_MARKER_SUPPLIES_LEVEL;
  private static final int ROWS = 50;
  private static final Duration TIMEOUT = Duration.ofMillis(1_500);
  private static final int RETRIES = 2;

  private static final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T08:00:00Z"));
  private static SnmpResponder responder;
  private static SnmpClient client;
  private static InetSocketAddress printer;
  private static InetSocketAddress jetdirect;
  private static InetSocketAddress other;

  @BeforeAll
  static void start() throws Exception {
    Map<Oid, SnmpValue> vars = new LinkedHashMap<>();
    vars.put(StandardMib.SYS_DESCR, SnmpValue.OctetString.of("USM client test printer"));
    vars.put(StandardMib.SYS_NAME, SnmpValue.OctetString.of("NPI72"));
    for (int row = 1; row <= ROWS; row++) {
      vars.put(SUPPLY_LEVEL.append(1, row), new SnmpValue.Integer32(row));
    }
    MibView view = MibView.of(vars);
    AgentSecurity security = AgentSecurity.of("public", UsmUser.defaultSet());
    responder = SnmpResponder.start("usm-client-test", 1, clock);
    printer = responder.bind(ClientResponderTest.address("127.71.1.1", 0), security, view);
    int port = printer.getPort();
    jetdirect =
        responder.bind(
            ClientResponderTest.address("127.71.1.2", port),
            security.withContext("Jetdirect"),
            view);
    other = responder.bind(ClientResponderTest.address("127.71.1.3", port), security, view);
    client = Snmp.openClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    responder.close();
  }

  @Test
  void everyDefaultUserReadsSysDescr() {
    for (UsmUser user : UsmUser.defaultSet()) {
      List<VarBind> answer =
          client
              .get(v3(printer, SnmpCredentials.Usm.of(user)), List.of(StandardMib.SYS_DESCR))
              .join();
      assertThat(answer)
          .as(user.name())
          .extracting(VarBind::value)
          .containsExactly(SnmpValue.OctetString.of("USM client test printer"));
    }
  }

  @Test
  void walkOverV3ReturnsTheWholeTableInOrder() {
    SnmpTarget target = v3(printer, usm("sha384-aes192"));
    List<VarBind> walk = client.walk(target, SUPPLY_LEVEL).join();
    assertThat(walk).hasSize(ROWS);
    assertThat(walk.get(ROWS - 1))
        .isEqualTo(new VarBind(SUPPLY_LEVEL.append(1, ROWS), new SnmpValue.Integer32(ROWS)));
  }

  @Test
  void aContextOnlyBindingAnswersInItsContextAndRefusesTheDefaultContextAtOnce() {
    SnmpCredentials.Usm user = usm("md5-des");
    assertThat(
            client
                .get(v3(jetdirect, user.withContext("Jetdirect")), List.of(StandardMib.SYS_NAME))
                .join())
        .extracting(VarBind::value)
        .containsExactly(SnmpValue.OctetString.of("NPI72"));

    SnmpException failure = timedFailure(v3(jetdirect, user));
    assertThat(failure.kind()).isEqualTo(SnmpException.Kind.authentication);
    assertThat(failure.getMessage()).contains("unknown context");
    assertThat(failure.refusal()).contains(SnmpException.Refusal.unknownContext);
  }

  @Test
  void aWrongAuthenticationPassphraseFailsFastWithAuthentication() {
    UsmUser wrong =
        UsmUser.authPriv(
            "sha256-aes256",
            AuthProtocol.SHA256,
            Passphrase.of("not-the-passphrase"),
            PrivProtocol.AES256,
            UsmUser.DEFAULT_PRIV_PASSPHRASE);
    SnmpException failure = timedFailure(v3(printer, SnmpCredentials.Usm.of(wrong)));
    assertThat(failure.kind()).isEqualTo(SnmpException.Kind.authentication);
    assertThat(failure.getMessage()).contains("wrong digest").doesNotContain("not-the-passphrase");
    assertThat(failure.refusal()).contains(SnmpException.Refusal.wrongDigest);
  }

  @Test
  void aWrongPrivacyPassphraseFailsFastWithAuthentication() {
    UsmUser wrong =
        UsmUser.authPriv(
            "sha1-aes128",
            AuthProtocol.SHA1,
            UsmUser.DEFAULT_AUTH_PASSPHRASE,
            PrivProtocol.AES128,
            Passphrase.of("not-the-privacy-passphrase"));
    SnmpException failure = timedFailure(v3(printer, SnmpCredentials.Usm.of(wrong)));
    assertThat(failure.kind()).isEqualTo(SnmpException.Kind.authentication);
    assertThat(failure.getMessage()).contains("decryption");
    assertThat(failure.refusal()).contains(SnmpException.Refusal.decryptionError);
  }

  @Test
  void anUnknownUserFailsFastWithAuthentication() {
    SnmpException failure =
        timedFailure(v3(printer, SnmpCredentials.Usm.of(UsmUser.noAuthNoPriv("nobody"))));
    assertThat(failure.kind()).isEqualTo(SnmpException.Kind.authentication);
    assertThat(failure.getMessage()).contains("unknown user name");
    assertThat(failure.refusal()).contains(SnmpException.Refusal.unknownUser);
  }

  @Test
  void aLevelAboveTheUsersFailsFastWithAuthentication() {
    UsmUser claimsPrivacy =
        UsmUser.authPriv(
            "sha1-none",
            AuthProtocol.SHA1,
            UsmUser.DEFAULT_AUTH_PASSPHRASE,
            PrivProtocol.AES128,
            UsmUser.DEFAULT_PRIV_PASSPHRASE);
    SnmpException failure = timedFailure(v3(printer, SnmpCredentials.Usm.of(claimsPrivacy)));
    assertThat(failure.kind()).isEqualTo(SnmpException.Kind.authentication);
    assertThat(failure.getMessage()).contains("security level");
    assertThat(failure.refusal()).contains(SnmpException.Refusal.unsupportedSecurityLevel);
  }

  @Test
  void aSilentAddressTimesOutOverV3() {
    SnmpTarget silent =
        new SnmpTarget(
            ClientResponderTest.address("127.71.1.200", printer.getPort()),
            usm("sha1-des"),
            Duration.ofMillis(150),
            0);
    assertThat(failure(client.get(silent, List.of(StandardMib.SYS_DESCR))).kind())
        .isEqualTo(SnmpException.Kind.timeout);
  }

  @Test
  void theEngineClockMovingOnIsCaughtByTheTimeWindowAndResynchronised() {
    SnmpTarget target = v3(other, usm("sha512-aes128"));
    assertThat(client.get(target, List.of(StandardMib.SYS_NAME)).join()).hasSize(1);
    clock.advance(Duration.ofHours(2)); // the client's estimate is now 7200 s behind
    assertThat(client.get(target, List.of(StandardMib.SYS_NAME)).join())
        .extracting(VarBind::value)
        .containsExactly(SnmpValue.OctetString.of("NPI72"));
  }

  @Test
  void twoPrintersHaveDifferentEngineIdsAndDiscoveryReportsBootsAndTime() throws Exception {
    Discovery first = discover(printer);
    Discovery second = discover(jetdirect);
    assertThat(first.engineId()).isEqualTo(SnmpResponder.engineId(printer));
    assertThat(second.engineId()).isEqualTo(SnmpResponder.engineId(jetdirect));
    assertThat(first.engineId()).isNotEqualTo(second.engineId());
    assertThat(first.engineId().length).isBetween(5, 32);
    assertThat(first.boots()).isEqualTo(1);
    assertThat(first.time()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aBindingWithItsOwnEngineIdDiscoversAsThatIdAndAnswers() throws Exception {
    byte[] fromMac = HexFormat.of().parseHex("8000000b03001122334455"); // HP-style: MAC based
    InetSocketAddress swapped =
        responder.bind(
            ClientResponderTest.address("127.71.1.4", printer.getPort()),
            AgentSecurity.of("public", UsmUser.defaultSet()),
            MibView.of(Map.of(StandardMib.SYS_NAME, SnmpValue.OctetString.of("NPI-MAC"))),
            fromMac);
    assertThat(discover(swapped).engineId()).isEqualTo(fromMac);
    assertThat(client.get(v3(swapped, usm("sha224-aes256")), List.of(StandardMib.SYS_NAME)).join())
        .extracting(VarBind::value)
        .containsExactly(SnmpValue.OctetString.of("NPI-MAC"));
  }

  @Test
  void credentialsNeverShowPassphrases() {
    SnmpCredentials.Usm usm = usm("sha256-aes256").withContext("Jetdirect");
    assertThat(usm.toString())
        .contains("sha256-aes256", "Jetdirect")
        .doesNotContain("authpass", "privpass");
    assertThat(usm.isFipsApproved()).isTrue();
    assertThat(usm("md5-aes128").isFipsApproved()).isFalse();
    assertThat(usm("sha1-des").isFipsApproved()).isFalse();
    assertThat(usm.level()).isEqualTo(SecurityLevel.AUTH_PRIV);
  }

  private static SnmpException timedFailure(SnmpTarget target) {
    long start = System.nanoTime();
    SnmpException failure = failure(client.get(target, List.of(StandardMib.SYS_DESCR)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // a timeout would take TIMEOUT × (RETRIES + 1) = 4.5 s; a report comes back at once
    assertThat(took).as(failure.getMessage()).isLessThan(TIMEOUT);
    return failure;
  }

  static SnmpCredentials.Usm usm(String name) {
    return SnmpCredentials.Usm.of(UsmNetSnmpTest.user(name));
  }

  private static SnmpTarget v3(InetSocketAddress address, SnmpCredentials.Usm usm) {
    return new SnmpTarget(address, usm, TIMEOUT, RETRIES);
  }

  private static SnmpException failure(CompletableFuture<?> future) {
    Throwable thrown = catchThrowable(future::join);
    assertThat(thrown).isInstanceOf(CompletionException.class);
    assertThat(thrown.getCause()).isInstanceOf(SnmpException.class);
    return (SnmpException) thrown.getCause();
  }

  private record Discovery(byte[] engineId, int boots, int time) {}

  /** A hand-made RFC 3414 discovery message (empty engine id and user, reportable, empty GET). */
  private static Discovery discover(InetSocketAddress agent) throws IOException {
    byte[] probe =
        HexFormat.of()
            .parseHex(
                "3039020103"
                    + "300e020256780202 05dc040104020103".replace(" ", "")
                    + "0410300e040002010002010004000400 0400".replace(" ", "")
                    + "30120400 0400a00c0202123402010002010030 00".replace(" ", ""));
    try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
      socket.setSoTimeout(2_000);
      socket.send(new java.net.DatagramPacket(probe, probe.length, agent));
      byte[] buffer = new byte[2_048];
      java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        throw new AssertionError(agent + " did not answer the discovery probe", e);
      }
      BERInputStream in = new BERInputStream(ByteBuffer.wrap(buffer, 0, packet.getLength()));
      BER.MutableByte type = new BER.MutableByte();
      BER.decodeHeader(in, type);
      assertThat(BER.decodeInteger(in, type)).isEqualTo(3);
      BER.decodeHeader(in, type);
      assertThat(BER.decodeInteger(in, type)).isEqualTo(0x5678); // msgID echoed
      BER.decodeInteger(in, type);
      BER.decodeString(in, type);
      BER.decodeInteger(in, type);
      BER.decodeHeader(in, type);
      BER.decodeHeader(in, type);
      byte[] engineId = BER.decodeString(in, type);
      int boots = BER.decodeInteger(in, type);
      int time = BER.decodeInteger(in, type);
      return new Discovery(engineId, boots, time);
    }
  }
}
