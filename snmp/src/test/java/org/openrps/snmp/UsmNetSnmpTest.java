package org.openrps.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.testkit.NetSnmp;

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
      NetSnmp.Result result = as(user).get(printer, "1.3.6.1.2.1.1.1.0");
      assertThat(result.exitCode()).as(user + "\n" + result.output()).isZero();
      assertThat(result.output()).as(user.name()).contains("STRING: \"USM test printer\"");
    }
  }

  @Test
  void netSnmpBulkWalkReadsTheSuppliesTableAsSha512Aes256() throws Exception {
    UsmUser user = user("sha512-aes256");
    NetSnmp.Result result = as(user).withOptions("-Cr7").bulkWalk(printer, SUPPLY_LEVEL.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output().lines().filter(l -> l.contains("INTEGER:"))).hasSize(ROWS);
  }

  @Test
  void aContextOnlyBindingAnswersInItsContextAndNotWithout() throws Exception {
    UsmUser user = user("sha256-aes128");
    NetSnmp.Result answered =
        as(user).withOptions("-n", "Jetdirect").get(jetdirect, "1.3.6.1.2.1.1.5.0");
    assertThat(answered.exitCode()).as(answered.output()).isZero();
    assertThat(answered.output()).contains("NPI71");

    NetSnmp.Result refused = as(user).get(jetdirect, "1.3.6.1.2.1.1.5.0");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output()).doesNotContain("NPI71").containsIgnoringCase("context");
  }

  @Test
  void netSnmpReportsAWrongPassphraseAndAnUnknownUser() throws Exception {
    NetSnmp.Result wrong =
        NetSnmp.v3("-l", "authNoPriv", "-u", "sha1-none", "-a", "SHA", "-A", "wrong-passphrase")
            .withRetries(0)
            .get(printer, "1.3.6.1.2.1.1.1.0");
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.output()).containsIgnoringCase("authentication failure");

    NetSnmp.Result unknown =
        NetSnmp.v3("-l", "noAuthNoPriv", "-u", "nobody")
            .withRetries(0)
            .get(printer, "1.3.6.1.2.1.1.1.0");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.output()).containsIgnoringCase("unknown user name");
  }

  @Test
  void v1AndV2cStillAnswerBesideV3() throws Exception {
    NetSnmp.Result v2c = NetSnmp.v2c("public").withRetries(0).get(printer, "1.3.6.1.2.1.1.1.0");
    assertThat(v2c.exitCode()).as(v2c.output()).isZero();
    assertThat(v2c.output()).contains("USM test printer");
  }

  static UsmUser user(String name) {
    return UsmUser.defaultSet().stream()
        .filter(u -> u.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /**
   * net-snmp speaking as {@code user} (protocol names as net-snmp 5.9.3 spells them), with no
   * retries.
   */
  static NetSnmp as(UsmUser user) {
    List<String> args = new ArrayList<>(List.of("-u", user.name()));
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
    return NetSnmp.v3(args.toArray(String[]::new)).withRetries(0);
  }
}
