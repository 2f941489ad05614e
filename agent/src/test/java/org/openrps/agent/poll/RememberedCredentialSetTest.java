package org.openrps.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.target.TargetList;
import org.openrps.snmp.AgentSecurity;
import org.openrps.snmp.AuthProtocol;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Passphrase;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpResponder;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.UsmUser;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.WireJson;

/**
 * The set that opened an address is kept in the agent's store (V10) and tried first there by the
 * next poller, also when another set comes first in the configured order. Printer on 127.65.1.1.
 */
class RememberedCredentialSetTest {

  private static final UsmUser ALPHA =
      UsmUser.authNoPriv("alpha", AuthProtocol.SHA256, Passphrase.of("alpha-auth-1"));

  @TempDir Path dir;

  @Test
  void theRememberedSetIsTriedFirstAndSurvivesTheStore() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-12-02T06:00:00Z"), ZoneOffset.UTC);
    try (SnmpResponder responder = SnmpResponder.start("remembered-test", 1);
        SnmpClient client = Snmp.openClient()) {
      // the printer answers both ways: community public and v3 user alpha
      int port =
          responder
              .bind(
                  new InetSocketAddress(InetAddress.getByName("127.65.1.1"), 0),
                  new AgentSecurity(Optional.of("public"), List.of(ALPHA), "", 1),
                  printer())
              .getPort();
      PollSettings settings =
          new PollSettings(
              port,
              List.of(
                  CredentialSet.everywhere("community 1", SnmpCredentials.Community.v2c("public")),
                  CredentialSet.everywhere("v3 alpha", SnmpCredentials.Usm.of(ALPHA))),
              Duration.ofSeconds(1),
              1,
              8,
              false,
              0);
      TargetList target = TargetList.of("127.65.1.1");

      try (Poller first = new Poller(client, settings, clock)) {
        assertThat(answeredBy(first.scan(target))).isEqualTo("community 1");
      }

      try (AgentStore store = AgentStore.open(dir.resolve("agent.db"), WireJson.newMapper())) {
        store.rememberCredentialSets(Map.of("127.65.1.1", "v3 alpha"), clock.instant());
      }
      try (AgentStore store = AgentStore.open(dir.resolve("agent.db"), WireJson.newMapper());
          Poller next = new Poller(client, settings, clock)) {
        assertThat(store.credentialSets()).containsEntry("127.65.1.1", "v3 alpha");
        next.remember(store.credentialSets());
        ScanResult scan = next.scan(target);
        assertThat(answeredBy(scan)).isEqualTo("v3 alpha");
        assertThat(scan.printers().get(0).access().orElseThrow().version()).isEqualTo("v3");
        assertThat(next.rememberedSets()).containsEntry("127.65.1.1", "v3 alpha");
      }

      try (Poller renamed = new Poller(client, settings, clock)) {
        renamed.remember(Map.of("127.65.1.1", "a set no longer configured"));
        assertThat(answeredBy(renamed.scan(target))).isEqualTo("community 1");
      }
    }
  }

  private static String answeredBy(ScanResult scan) {
    assertThat(scan.printers()).hasSize(1);
    return scan.printers().get(0).access().orElseThrow().credentialSet();
  }

  private static MibView printer() {
    Map<Oid, SnmpValue> m = new HashMap<>();
    m.put(StandardMib.SYS_DESCR, SnmpValue.OctetString.of("Test printer"));
    m.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.1347.41")));
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(1),
        new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER));
    m.put(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1), SnmpValue.OctetString.of("R1"));
    return MibView.of(m);
  }
}
