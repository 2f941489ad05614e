package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.AgentSecurity;
import org.openrps.snmp.AuthProtocol;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Passphrase;
import org.openrps.snmp.PrivProtocol;
import org.openrps.snmp.SnmpResponder;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.UsmUser;
import org.openrps.snmp.mib.StandardMib;

/**
 * Several SNMPv3 users and communities in order, and what each address said when none of them
 * worked (issue 10 point 5). Printers on 127.64.1.x, real UDP. Timeouts are generous (1 s, 1
 * retry): silence costs the same on a busy machine, but an answer that comes late still counts.
 */
class ScanCredentialsTest {

  private static final UsmUser ALPHA =
      UsmUser.authPriv(
          "alpha",
          AuthProtocol.SHA256,
          Passphrase.of("alpha-auth-1"),
          PrivProtocol.AES128,
          Passphrase.of("alpha-priv-1"));
  private static final UsmUser BETA =
      UsmUser.authNoPriv("beta", AuthProtocol.SHA1, Passphrase.of("beta-auth-1"));

  @Test
  void everyV3UserAndCommunityIsTriedInOrderAndEachRefusalIsNamed() throws Exception {
    try (SnmpResponder responder = SnmpResponder.start("creds-test", 1)) {
      int port = bind(responder, "127.64.1.1", v3(ALPHA), printer("A")).getPort();
      bind(responder, "127.64.1.2", v3(BETA), printer("B"), port);
      bind(responder, "127.64.1.3", AgentSecurity.community("public"), printer("C"), port);
      // alpha with another auth passphrase, then another priv passphrase, then only gamma
      bind(
          responder,
          "127.64.1.4",
          v3(
              UsmUser.authPriv(
                  "alpha",
                  AuthProtocol.SHA256,
                  Passphrase.of("other-auth-1"),
                  PrivProtocol.AES128,
                  Passphrase.of("alpha-priv-1"))),
          printer("D"),
          port);
      bind(
          responder,
          "127.64.1.5",
          v3(
              UsmUser.authPriv(
                  "alpha",
                  AuthProtocol.SHA256,
                  Passphrase.of("alpha-auth-1"),
                  PrivProtocol.AES128,
                  Passphrase.of("other-priv-1"))),
          printer("E"),
          port);
      bind(
          responder,
          "127.64.1.6",
          v3(UsmUser.authNoPriv("gamma", AuthProtocol.SHA1, Passphrase.of("gamma-auth-1"))),
          printer("F"),
          port);
      // 127.64.1.7: nothing there

      Run run =
          Run.of(
              "scan",
              "127.64.1.1-127.64.1.7",
              "--port",
              Integer.toString(port),
              "--v3",
              "alpha:sha256:alpha-auth-1:aes128:alpha-priv-1",
              "--v3",
              "beta:sha1:beta-auth-1",
              "--community",
              "public",
              "--timeout",
              "PT1S",
              "--retries",
              "1",
              "--json");

      assertThat(run.exit()).as(run.err()).isZero();
      Map<String, JsonNode> byAddress = new HashMap<>();
      for (String line : run.out().split("\n")) {
        JsonNode n = new ObjectMapper().readTree(line);
        byAddress.put(n.get("address").asText(), n);
      }
      assertThat(byAddress)
          .containsOnlyKeys(
              "127.64.1.1", "127.64.1.2", "127.64.1.3", "127.64.1.4", "127.64.1.5", "127.64.1.6");
      assertThat(byAddress.get("127.64.1.1").get("credentialSet").asText()).isEqualTo("v3 alpha");
      assertThat(byAddress.get("127.64.1.1").at("/snmp/security").asText())
          .isEqualTo("authPriv SHA-256/AES-128");
      assertThat(byAddress.get("127.64.1.2").get("credentialSet").asText()).isEqualTo("v3 beta");
      assertThat(byAddress.get("127.64.1.2").at("/snmp/security").asText())
          .isEqualTo("authNoPriv SHA-1");
      assertThat(byAddress.get("127.64.1.3").get("credentialSet").asText())
          .isEqualTo("community 1");
      assertThat(byAddress.get("127.64.1.3").at("/snmp/version").asText()).isEqualTo("v2c");

      assertThat(attempts(byAddress.get("127.64.1.4")))
          .containsExactly("v3 alpha=wrongDigest", "v3 beta=unknownUser", "community 1=noAnswer");
      assertThat(attempts(byAddress.get("127.64.1.5")))
          .containsExactly(
              "v3 alpha=decryptionError", "v3 beta=unknownUser", "community 1=noAnswer");
      assertThat(attempts(byAddress.get("127.64.1.6")))
          .containsExactly("v3 alpha=unknownUser", "v3 beta=unknownUser", "community 1=noAnswer");
      assertThat(byAddress.get("127.64.1.4").get("result").asText()).isEqualTo("refused");
      assertThat(byAddress.get("127.64.1.4").get("reason").asText())
          .contains("wrong v3 authentication passphrase");
      assertThat(byAddress.get("127.64.1.5").get("reason").asText())
          .contains("wrong v3 privacy passphrase");
      assertThat(run.err()).contains("3 printers").contains("4 unreachable (3 refused");
      assertThat(run.out() + run.err())
          .doesNotContain("alpha-auth-1")
          .doesNotContain("alpha-priv-1")
          .doesNotContain("beta-auth-1");

      Run table =
          Run.of(
              "scan",
              "127.64.1.4-127.64.1.7",
              "--port",
              Integer.toString(port),
              "--v3",
              "alpha:sha256:alpha-auth-1:aes128:alpha-priv-1",
              "--timeout",
              "PT1S",
              "--retries",
              "0");
      assertThat(table.exit()).as(table.err()).isZero();
      assertThat(table.out())
          .contains("NOT READ")
          .containsPattern("127\\.64\\.1\\.4 +v3 alpha: wrong v3 authentication passphrase")
          .containsPattern("127\\.64\\.1\\.5 +v3 alpha: wrong v3 privacy passphrase")
          .containsPattern("127\\.64\\.1\\.6 +v3 alpha: unknown v3 user")
          .doesNotContain("127.64.1.7");
    }
  }

  @Test
  void onTheSimulatorAnUnknownV3UserFallsThroughToTheNextUserAtOnce() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-12-02T06:00:00Z"), ZoneOffset.UTC);
    SimulatorConfig config =
        new SimulatorConfig(4, InetAddress.getByName("127.64.2.1"), 0, "public", 3)
            .withUsers(UsmUser.defaultSet());
    try (Simulator sim = Simulator.start(config, clock)) {
      int port = sim.printers().get(0).address().getPort();
      Run run =
          Run.of(
              "scan",
              "127.64.2.1-127.64.2.4",
              "--port",
              Integer.toString(port),
              "--v3",
              "nobody:sha256:nobody-pass-1",
              "--v3",
              "sha256-aes256:sha256:authpass-openrps:aes256:privpass-openrps",
              "--community",
              "public",
              "--timeout",
              "PT1S",
              "--retries",
              "1",
              "--json");

      assertThat(run.exit()).as(run.err()).isZero();
      List<JsonNode> lines = new ArrayList<>();
      for (String line : run.out().split("\n")) {
        lines.add(new ObjectMapper().readTree(line));
      }
      assertThat(lines).hasSize(4);
      for (JsonNode printer : lines) {
        assertThat(printer.get("credentialSet").asText()).isEqualTo("v3 sha256-aes256");
        assertThat(printer.at("/snmp/security").asText()).isEqualTo("authPriv SHA-256/AES-256");
      }
      assertThat(run.err()).contains("4 printers").contains("0 unreachable");
    }
  }

  @Test
  void aConfigFileGivesRepeatableOptionsAsNumberedKeys(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("agent.properties");
    Files.writeString(
        file,
        "v3.2=beta:sha1:beta-auth-1\n"
            + "v3.1=alpha:sha256:alpha-auth-1:aes128:alpha-priv-1\n"
            + "community.1=public\n"
            + "community.2=private\n");
    Holder holder = new Holder();
    picocli.CommandLine cli = new picocli.CommandLine(holder);
    cli.setDefaultValueProvider(ConfigFile.defaults(file, cli.getCommandSpec()));
    cli.parseArgs();
    SnmpOptions options = holder.snmp;

    assertThat(options.credentialSets())
        .extracting(s -> s.name())
        .containsExactly("v3 alpha", "v3 beta", "community 1", "community 2");
  }

  @Test
  void aBrokenV3SpecNamesTheOptionAndNotThePassphrase() {
    Run run = Run.of("scan", "127.64.1.9", "--v3", "alpha:sha256:secret-pass-9:aes128");

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("--v3").doesNotContain("secret-pass-9");
  }

  @Test
  void aColonOrBackslashInANameOrPassphraseIsWrittenWithABackslash() {
    UsmUser user = SnmpOptions.v3User("ops\\:a:sha256:pa\\:ss\\\\word:aes128:pr:ivate\\x", "--v3");

    assertThat(user.name()).isEqualTo("ops:a");
    assertThat(user.authPassphrase().orElseThrow().value()).isEqualTo("pa:ss\\word");
    // the last field takes the rest: a bare ':' in it stays, a backslash before another letter too
    assertThat(user.privPassphrase().orElseThrow().value()).isEqualTo("pr:ivate\\x");
    assertThat(SnmpOptions.fields("a\\\\:b", 5)).containsExactly("a\\", "b");
  }

  @picocli.CommandLine.Command(name = "holder")
  static final class Holder {
    @picocli.CommandLine.Mixin SnmpOptions snmp = new SnmpOptions();
  }

  private static List<String> attempts(JsonNode notRead) {
    List<String> out = new ArrayList<>();
    for (JsonNode a : notRead.path("attempts")) {
      out.add(a.get("credentialSet").asText() + "=" + a.get("failure").asText());
    }
    return out;
  }

  private static AgentSecurity v3(UsmUser user) {
    return new AgentSecurity(Optional.empty(), List.of(user), "", 1);
  }

  private static InetSocketAddress bind(
      SnmpResponder responder, String address, AgentSecurity security, MibView view)
      throws Exception {
    return bind(responder, address, security, view, 0);
  }

  private static InetSocketAddress bind(
      SnmpResponder responder, String address, AgentSecurity security, MibView view, int port)
      throws Exception {
    return responder.bind(
        new InetSocketAddress(InetAddress.getByName(address), port), security, view);
  }

  private static MibView printer(String serial) {
    Map<Oid, SnmpValue> m = new HashMap<>();
    m.put(StandardMib.SYS_DESCR, SnmpValue.OctetString.of("Test printer"));
    m.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.1347.41")));
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(1),
        new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER));
    m.put(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1), SnmpValue.OctetString.of(serial));
    m.put(StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1), new SnmpValue.Counter32(777));
    return MibView.of(m);
  }
}
