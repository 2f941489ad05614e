package org.openrps.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our SNMPv3 responder against Debian's net-snmp tools, the independent client, over loopback UDP
 * (127.71.0.x): every default user, a context-only binding, and the reports for wrong credentials.
 */
class UsmNetSnmpTest {

  private static final Oid SUPPLY_LEVEL = StandardMib.PRT_MARKER_SUPPLIES_LEVEL;
  private static final int ROWS = 30;

  private static SnmpResponder responder;
  private static InetSocketAddress printer;
  private static InetSocketAddress jetdirect;

  @BeforeAll
  static void start() throws Exception {
    Map<Oid, SnmpValue> vars = new LinkedHashMap<>();
    vars.put(StandardMib.SYS_DESCR, SnmpValue.OctetString.of("USM test printer"));
    vars.put(StandardMib.SYS_NAME, SnmpValue.OctetString.of("NPI71"));
    for (int row = 1; row <= ROWS; row++) {
      vars.put(SUPPLY_LEVEL.append(1, row), new SnmpValue.Integer32(row));
    }
    MibView view = MibView.of(vars);
    AgentSecurity security = AgentSecurity.of("public", UsmUser.defaultSet());
    responder = SnmpResponder.start("usm-net-snmp-test", 1);
    printer = responder.bind(ClientResponderTest.address("127.71.0.1", 0), security, view);
    jetdirect =
        responder.bind(
            ClientResponderTest.address("127.71.0.2", printer.getPort()),
            security.withContext("Jetdirect"),
            view);
  }

  @AfterAll
  static void stop() {
    responder.close();
  }

  @Test
  void netSnmpGetReadsSysDescrAsEveryDefaultUser() throws Exception {
    List<UsmUser> users = UsmUser.defaultSet();
    assertThat(users).hasSize(31);
    for (UsmUser user : users) {
      List<String> args = new ArrayList<>(v3Args(user));
      args.addAll(List.of(target(printer), "1.3.6.1.2.1.1.1.0"));
      Result result = run("snmpget", args);
      assertThat(result.exit).as(user + "\n" + result.out).isZero();
      assertThat(result.out).as(user.name()).contains("STRING: \"USM test printer\"");
    }
  }

  @Test
  void netSnmpBulkWalkReadsTheSuppliesTableAsSha512Aes256() throws Exception {
    UsmUser user = user("sha512-aes256");
    List<String> args = new ArrayList<>(v3Args(user));
    args.addAll(List.of("-Cr7", target(printer), SUPPLY_LEVEL.toString()));
    Result result = run("snmpbulkwalk", args);
    assertThat(result.exit).as(result.out).isZero();
    assertThat(result.out.lines().filter(l -> l.contains("INTEGER:"))).hasSize(ROWS);
  }

  @Test
  void aContextOnlyBindingAnswersInItsContextAndNotWithout() throws Exception {
    UsmUser user = user("sha256-aes128");
    List<String> inContext = new ArrayList<>(v3Args(user));
    inContext.addAll(List.of("-n", "Jetdirect", target(jetdirect), "1.3.6.1.2.1.1.5.0"));
    Result answered = run("snmpget", inContext);
    assertThat(answered.exit).as(answered.out).isZero();
    assertThat(answered.out).contains("NPI71");

    List<String> noContext = new ArrayList<>(v3Args(user));
    noContext.addAll(List.of(target(jetdirect), "1.3.6.1.2.1.1.5.0"));
    Result refused = run("snmpget", noContext);
    assertThat(refused.exit).isNotZero();
    assertThat(refused.out).doesNotContain("NPI71").containsIgnoringCase("context");
  }

  @Test
  void netSnmpReportsAWrongPassphraseAndAnUnknownUser() throws Exception {
    Result wrong =
        run(
            "snmpget",
            List.of(
                "-v3",
                "-l",
                "authNoPriv",
                "-u",
                "sha1-none",
                "-a",
                "SHA",
                "-A",
                "wrong-passphrase",
                target(printer),
                "1.3.6.1.2.1.1.1.0"));
    assertThat(wrong.exit).isNotZero();
    assertThat(wrong.out).containsIgnoringCase("authentication failure");

    Result unknown =
        run(
            "snmpget",
            List.of(
                "-v3", "-l", "noAuthNoPriv", "-u", "nobody", target(printer), "1.3.6.1.2.1.1.1.0"));
    assertThat(unknown.exit).isNotZero();
    assertThat(unknown.out).containsIgnoringCase("unknown user name");
  }

  @Test
  void v1AndV2cStillAnswerBesideV3() throws Exception {
    Result v2c =
        run("snmpget", List.of("-v2c", "-c", "public", target(printer), "1.3.6.1.2.1.1.1.0"));
    assertThat(v2c.exit).as(v2c.out).isZero();
    assertThat(v2c.out).contains("USM test printer");
  }

  static UsmUser user(String name) {
    return UsmUser.defaultSet().stream()
        .filter(u -> u.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /**
   * net-snmp's options for speaking as {@code user} (protocol names as net-snmp 5.9.3 spells them).
   */
  static List<String> v3Args(UsmUser user) {
    List<String> args = new ArrayList<>(List.of("-v3", "-u", user.name()));
    switch (user.level()) {
      case NO_AUTH_NO_PRIV -> args.addAll(List.of("-l", "noAuthNoPriv"));
      case AUTH_NO_PRIV -> args.addAll(List.of("-l", "authNoPriv"));
      case AUTH_PRIV -> args.addAll(List.of("-l", "authPriv"));
    }
    if (user.auth() != AuthProtocol.NONE) {
      String auth =
          switch (user.auth()) {
            case MD5 -> "MD5";
            case SHA1 -> "SHA";
            case SHA224 -> "SHA-224";
            case SHA256 -> "SHA-256";
            case SHA384 -> "SHA-384";
            case SHA512 -> "SHA-512";
            case NONE -> throw new AssertionError();
          };
      args.addAll(List.of("-a", auth, "-A", user.authPassphrase().orElseThrow().value()));
    }
    if (user.priv() != PrivProtocol.NONE) {
      String priv =
          switch (user.priv()) {
            case DES -> "DES";
            case AES128 -> "AES";
            case AES192 -> "AES-192";
            case AES256 -> "AES-256";
            case NONE -> throw new AssertionError();
          };
      args.addAll(List.of("-x", priv, "-X", user.privPassphrase().orElseThrow().value()));
    }
    return args;
  }

  private static String target(InetSocketAddress address) {
    return "udp:" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  private record Result(int exit, String out) {}

  /** Runs a net-snmp tool (no MIB files: numeric OIDs), stdout and stderr together. */
  private static Result run(String tool, List<String> options)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(tool, "-m", "", "-On", "-t", "2", "-r", "0"));
    args.addAll(options);
    Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
