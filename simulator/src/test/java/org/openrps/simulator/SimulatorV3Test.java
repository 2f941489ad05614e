package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.AuthProtocol;
import org.openrps.snmp.Passphrase;
import org.openrps.snmp.PrivProtocol;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.UsmUser;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.NetSnmp;

/**
 * Every simulated printer answers SNMPv3 (USM) as the default users, HP only in context Jetdirect:
 * net-snmp and our client, in this process (127.81.0.x, 127.83.0.x) and in worker processes
 * (127.82.0.x).
 */
class SimulatorV3Test {

  private static final List<String> COMBINATIONS =
      List.of(
          "md5-des", "sha1-aes128", "sha256-aes256", "sha512-aes192", "none-none", "sha224-none");
  private static final String LIFE_COUNT = "1.3.6.1.2.1.43.10.2.1.4.1.1";

  private static SimulationClock clock() {
    return SimulationClock.start(Instant.parse("2026-03-03T10:00:00Z"), 0, Clock.systemUTC());
  }

  @Test
  void netSnmpReadsEveryPrinterOverV3AndHpOnlyInContextJetdirect() throws Exception {
    SimulatorConfig config =
        SimulatorConfig.defaults(8)
            .withFirstAddress(InetAddress.getByName("127.81.0.1"))
            .withPort(0)
            .withMix(Map.of("HP", 1, "Brother", 1))
            .withLife(Life.steady());
    try (Simulator sim = Simulator.start(config, clock());
        SnmpClient client = Snmp.openClient()) {
      SimulatedPrinter hp = first(sim, "HP");
      SimulatedPrinter brother = first(sim, "Brother");
      for (String name : COMBINATIONS) {
        UsmUser user = user(name);
        NetSnmp.Result inContext = snmpget(user, "Jetdirect", hp, LIFE_COUNT);
        assertThat(inContext.exitCode()).as(name + "\n" + inContext.output()).isZero();
        assertThat(inContext.output()).contains("Counter32: " + hp.totalPages());
        NetSnmp.Result noContext = snmpget(user, "", brother, LIFE_COUNT);
        assertThat(noContext.exitCode()).as(name + "\n" + noContext.output()).isZero();
        assertThat(noContext.output()).contains("Counter32: " + brother.totalPages());

        assertThat(lifeCount(client, SnmpCredentials.Usm.of(user).withContext("Jetdirect"), hp))
            .isEqualTo(hp.totalPages());
        assertThat(lifeCount(client, SnmpCredentials.Usm.of(user), brother))
            .isEqualTo(brother.totalPages());
      }
      NetSnmp.Result hpWithoutContext = snmpget(user("sha256-aes128"), "", hp, LIFE_COUNT);
      assertThat(hpWithoutContext.exitCode()).isNotZero();
      assertThat(hpWithoutContext.output()).containsIgnoringCase("context");
    }
  }

  @Test
  void aToshibaStyleMfpAnswersV3OnlyInContextMfp() throws Exception {
    SimulatorConfig config =
        SimulatorConfig.defaults(1)
            .withFirstAddress(InetAddress.getByName("127.81.5.1"))
            .withPort(0)
            .withMix(Map.of("Toshiba", 1))
            .withLife(Life.steady());
    try (Simulator sim = Simulator.start(config, clock());
        SnmpClient client = Snmp.openClient()) {
      SimulatedPrinter mfp = first(sim, "Toshiba");
      UsmUser user = user("sha256-aes128");

      NetSnmp.Result inContext = snmpget(user, "MFP", mfp, LIFE_COUNT);
      assertThat(inContext.exitCode()).as(inContext.output()).isZero();
      assertThat(inContext.output()).contains("Counter32: " + mfp.totalPages());
      NetSnmp.Result withoutContext = snmpget(user, "", mfp, LIFE_COUNT);
      assertThat(withoutContext.exitCode()).isNotZero();
      assertThat(withoutContext.output()).containsIgnoringCase("context");
      assertThat(lifeCount(client, SnmpCredentials.Usm.of(user).withContext("MFP"), mfp))
          .isEqualTo(mfp.totalPages());
    }
  }

  @Test
  void engineIdsAreMadeFromTheMacAndUniqueInTheFleet() throws Exception {
    SimulatorConfig config =
        SimulatorConfig.defaults(40)
            .withFirstAddress(InetAddress.getByName("127.81.1.1"))
            .withPort(0)
            .withLife(Life.steady());
    try (Simulator sim = Simulator.start(config, clock())) {
      Set<String> ids = new HashSet<>();
      for (SimulatedPrinter p : sim.printers()) {
        byte[] id = ((Printer) p).engineId();
        String hex = HexFormat.of().formatHex(id);
        assertThat(id).hasSize(11);
        assertThat(id[0] & 0x80).isEqualTo(0x80);
        assertThat(id[4]).isEqualTo((byte) 3);
        assertThat(ids.add(hex)).as(hex).isTrue();
      }
      SimulatedPrinter p = sim.printers().get(0);
      String mac = HexFormat.of().formatHex(((Printer) p).engineId(), 5, 11);
      NetSnmp.Result result = snmpget(user("sha1-aes128"), context(p), p, "1.3.6.1.2.1.2.2.1.6.1");
      assertThat(result.output().replace(" ", "").toLowerCase()).contains(mac);
    }
  }

  @Test
  void aSwappedPrinterAnswersWithTheEngineIdOfItsNewMac() throws Exception {
    MutableClock clock = MutableClock.at(Instant.parse("2026-03-03T10:00:00Z"));
    SimulatorConfig config =
        SimulatorConfig.defaults(3)
            .withFirstAddress(InetAddress.getByName("127.83.2.1"))
            .withPort(0)
            .withLife(Life.steady().withSwap(1, Duration.ofHours(2)));
    try (Simulator sim = Simulator.start(config, clock)) {
      Printer swapped = (Printer) sim.printers().get(1);
      String before = HexFormat.of().formatHex(swapped.engineId());
      String after = HexFormat.of().formatHex(swapped.replacement().orElseThrow().engineId());
      assertThat(after).isNotEqualTo(before);
      UsmUser user = user("sha1-aes128");
      String oldContext = swapped.printerModel().context();
      assertThat(snmpget(user, oldContext, swapped, LIFE_COUNT, List.of("-e", before)).exitCode())
          .isZero();

      clock.advance(Duration.ofHours(3));
      sim.sync();
      String newContext = swapped.printerModel().context();
      NetSnmp.Result old = snmpget(user, newContext, swapped, LIFE_COUNT, List.of("-e", before));
      assertThat(old.exitCode()).isNotZero();
      NetSnmp.Result now = snmpget(user, newContext, swapped, LIFE_COUNT, List.of("-e", after));
      assertThat(now.exitCode()).as(now.output()).isZero();
      assertThat(now.output()).contains("Counter32: " + swapped.totalPages());
    }
  }

  @Test
  void configuredUsersAndPassphrasesReplaceTheDefaults() throws Exception {
    UsmUser only =
        UsmUser.authPriv(
            "billing",
            AuthProtocol.SHA256,
            Passphrase.of("another-auth-pass"),
            PrivProtocol.AES128,
            Passphrase.of("another-priv-pass"));
    SimulatorConfig config =
        SimulatorConfig.defaults(2)
            .withFirstAddress(InetAddress.getByName("127.83.0.1"))
            .withPort(0)
            .withMix(Map.of("Brother", 1))
            .withLife(Life.steady())
            .withUsers(List.of(only));
    try (Simulator sim = Simulator.start(config, clock())) {
      SimulatedPrinter p = sim.printers().get(1);
      NetSnmp.Result ok = snmpget(only, "", p, LIFE_COUNT);
      assertThat(ok.exitCode()).as(ok.output()).isZero();
      assertThat(ok.output()).contains("Counter32: " + p.totalPages());
      NetSnmp.Result defaultUser = snmpget(user("sha256-aes128"), "", p, LIFE_COUNT);
      assertThat(defaultUser.exitCode()).isNotZero();
      assertThat(defaultUser.output()).containsIgnoringCase("unknown user name");
    }
  }

  @Test
  void v3PassesTheFaultProxyUntouchedWhereTheFaultWouldRewriteTheReply() throws Exception {
    SimulatorConfig config =
        SimulatorConfig.defaults(3)
            .withFirstAddress(InetAddress.getByName("127.83.1.1"))
            .withPort(0)
            .withMix(Map.of("Brother", 1))
            .withLife(Life.steady())
            .withFaultAt(FaultKind.WRONG_REQUEST_ID, 0)
            .withFaultAt(FaultKind.WRONG_COMMUNITY, 1)
            .withFaultAt(FaultKind.TRUNCATED, 2);
    try (Simulator sim = Simulator.start(config, clock())) {
      for (int i : new int[] {0, 1}) {
        SimulatedPrinter p = sim.printers().get(i);
        NetSnmp.Result result = snmpget(user("sha1-aes128"), "", p, LIFE_COUNT);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Counter32: " + p.totalPages());
      }
      NetSnmp.Result truncated = snmpget(user("none-none"), "", sim.printers().get(2), LIFE_COUNT);
      assertThat(truncated.exitCode()).isNotZero();
    }
  }

  @Test
  void workerProcessesAnswerV3AsTheParentSays() throws Exception {
    SimulatorConfig config =
        SimulatorConfig.defaults(6)
            .withFirstAddress(InetAddress.getByName("127.82.0.1"))
            .withPort(0)
            .withMix(Map.of("HP", 1, "Kyocera", 1))
            .withLife(Life.steady())
            .withProcesses(2);
    try (Simulator sim = Simulator.start(config, clock());
        SnmpClient client = Snmp.openClient()) {
      assertThat(sim.workerProcesses()).isEqualTo(2);
      for (SimulatedPrinter p : List.of(sim.printers().get(0), sim.printers().get(5))) {
        for (String name : List.of("sha512-aes192", "md5-des", "none-none")) {
          NetSnmp.Result result = snmpget(user(name), context(p), p, LIFE_COUNT);
          assertThat(result.exitCode()).as(name + "\n" + result.output()).isZero();
          assertThat(result.output()).contains("Counter32: " + p.totalPages());
        }
        SnmpCredentials.Usm usm =
            SnmpCredentials.Usm.of(user("sha256-aes256")).withContext(context(p));
        assertThat(lifeCount(client, usm, p)).isEqualTo(p.totalPages());
      }
    }
  }

  private static String context(SimulatedPrinter p) {
    return p.make().equals("HP") ? "Jetdirect" : "";
  }

  private static SimulatedPrinter first(Simulator sim, String make) {
    return sim.printers().stream().filter(p -> p.make().equals(make)).findFirst().orElseThrow();
  }

  private static UsmUser user(String name) {
    return UsmUser.defaultSet().stream()
        .filter(u -> u.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static long lifeCount(SnmpClient client, SnmpCredentials.Usm usm, SimulatedPrinter p) {
    List<VarBind> answer =
        client
            .get(
                new SnmpTarget(p.address(), usm, Duration.ofSeconds(2), 1),
                List.of(StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1)))
            .join();
    return ((SnmpValue.Counter32) answer.get(0).value()).value();
  }

  /** net-snmp's snmpget as {@code user} in {@code context} ("" for the default context). */
  private static NetSnmp.Result snmpget(
      UsmUser user, String context, SimulatedPrinter p, String oid) {
    return snmpget(user, context, p, oid, List.of());
  }

  private static NetSnmp.Result snmpget(
      UsmUser user, String context, SimulatedPrinter p, String oid, List<String> more) {
    NetSnmp tool = netSnmp(user).withOptions(more.toArray(String[]::new));
    if (!context.isEmpty()) {
      tool = tool.withOptions("-n", context);
    }
    return tool.get(p.address(), oid);
  }

  /** net-snmp's v3 security options for {@code user}. */
  private static NetSnmp netSnmp(UsmUser user) {
    List<String> options = new ArrayList<>(List.of("-u", user.name()));
    options.addAll(
        List.of(
            "-l",
            switch (user.level()) {
              case NO_AUTH_NO_PRIV -> "noAuthNoPriv";
              case AUTH_NO_PRIV -> "authNoPriv";
              case AUTH_PRIV -> "authPriv";
            }));
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
      options.addAll(List.of("-a", auth, "-A", user.authPassphrase().orElseThrow().value()));
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
      options.addAll(List.of("-x", priv, "-X", user.privPassphrase().orElseThrow().value()));
    }
    return NetSnmp.v3(options.toArray(String[]::new));
  }
}
