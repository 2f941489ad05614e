package org.openrps.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openrps.agent.poll.CredentialSet;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.target.TargetList;
import org.openrps.snmp.SnmpCredentials;

/** The server's settings laid over the agent's own: merge, checks, credential assignment. */
class RemoteSettingsTest {

  private static final LocalSettings LOCAL =
      new LocalSettings(
          new Schedule(Duration.ofHours(2), LocalTime.of(2, 0), ZoneOffset.UTC, false),
          "127.70.0.1-127.70.0.20",
          new PollSettings(
              161,
              List.of(
                  CredentialSet.everywhere("community 1", SnmpCredentials.Community.v2c("public")),
                  CredentialSet.everywhere("v3 scanner", SnmpCredentials.Community.v2c("other"))),
              Duration.ofSeconds(2),
              1,
              64,
              false,
              0,
              false,
              org.openrps.agent.poll.ReadBudget.DEFAULT,
              org.openrps.agent.poll.PortProbe.off()),
          List.of("new-alert:ops@example.com"));

  @Test
  void theServersKeysWinAndAnEmptyValueGivesTheKeyBackToTheFile() {
    Map<String, String> first =
        RemoteSettings.merge(Map.of(), Map.of("poll-every", "1h", "sync-at", "03:30"));
    EffectiveSettings s = RemoteSettings.resolve(LOCAL, first, rule -> rule);
    assertThat(s.schedule().pollEvery()).isEqualTo(Duration.ofHours(1));
    assertThat(s.schedule().syncAt()).isEqualTo(LocalTime.of(3, 30));
    assertThat(s.enabled()).isTrue();

    Map<String, String> second = RemoteSettings.merge(first, Map.of("poll-every", ""));
    assertThat(second).containsOnlyKeys("sync-at");
    EffectiveSettings back = RemoteSettings.resolve(LOCAL, second, rule -> rule);
    assertThat(back.schedule().pollEvery()).isEqualTo(Duration.ofHours(2));
    assertThat(RemoteSettings.difference(s, back)).isEqualTo("poll-every 1h -> 2h");
  }

  @Test
  void exclusionsAndDisableAreApplied() throws Exception {
    EffectiveSettings s =
        RemoteSettings.resolve(
            LOCAL, Map.of("exclude", "127.70.0.5, 127.70.0.10-12", "enabled", "false"), r -> r);
    assertThat(s.targets().addresses()).hasSize(16);
    assertThat(s.targets().contains(InetAddress.getByName("127.70.0.11"))).isFalse();
    assertThat(s.enabled()).isFalse();
  }

  @Test
  void aRepeatableKeyIsReplacedWholeAndNoneMeansNoRule() {
    Map<String, String> two =
        RemoteSettings.merge(
            Map.of(), Map.of("alert.1", "new-alert:a@example.com", "alert.2", "x:b@example.com"));
    assertThat(RemoteSettings.resolve(LOCAL, two, r -> r).alerts()).hasSize(2);
    Map<String, String> one = RemoteSettings.merge(two, Map.of("alert", "none"));
    assertThat(one).containsOnlyKeys("alert");
    assertThat(RemoteSettings.resolve(LOCAL, one, r -> r).alerts()).isEmpty();
    assertThat(RemoteSettings.resolve(LOCAL, Map.of(), r -> r).alerts())
        .containsExactly("new-alert:ops@example.com");
  }

  @Test
  void anAssignedRangeIsAskedWithItsNamedSetOnly() throws Exception {
    EffectiveSettings s =
        RemoteSettings.resolve(
            LOCAL, Map.of("credential-set-for.1", "127.70.0.16/30=v3 scanner"), r -> r);
    InetAddress assigned = InetAddress.getByName("127.70.0.17");
    InetAddress other = InetAddress.getByName("127.70.0.3");
    assertThat(s.poll().credentials().stream().filter(c -> c.covers(assigned)))
        .extracting(CredentialSet::name)
        .containsExactly("v3 scanner");
    assertThat(s.poll().credentials().stream().filter(c -> c.covers(other)))
        .extracting(CredentialSet::name)
        .containsExactly("community 1", "v3 scanner");
    // the secrets are the agent's own: the server only named the set
    assertThat(s.poll().credentials().get(0).credentials())
        .isEqualTo(LOCAL.poll().credentials().get(1).credentials());
    assertThat(s.poll().credentials().get(0).scope()).contains(TargetList.of("127.70.0.16/30"));
  }

  @Test
  void aBadValueIsRefusedNamingTheKeyAndTheRule() {
    assertThatThrownBy(() -> RemoteSettings.merge(Map.of(), Map.of("poll-evry", "1h")))
        .hasMessageContaining("unknown setting \"poll-evry\"")
        .hasMessageContaining("poll-every");
    assertThatThrownBy(() -> RemoteSettings.merge(Map.of(), Map.of()))
        .hasMessageContaining("names no setting");
    assertThatThrownBy(() -> RemoteSettings.merge(Map.of(), Map.of("sync-at.2", "01:00")))
        .hasMessageContaining("takes one value");
    assertThatThrownBy(() -> RemoteSettings.resolve(LOCAL, Map.of("poll-every", "1m"), r -> r))
        .hasMessageStartingWith("poll-every must be from 5 minutes");
    assertThatThrownBy(() -> RemoteSettings.resolve(LOCAL, Map.of("sync-at", "25:00"), r -> r))
        .hasMessage("sync-at: \"25:00\" is not a local time HH:MM, e.g. 02:30");
    assertThatThrownBy(() -> RemoteSettings.resolve(LOCAL, Map.of("targets", "10.0.0.0/8"), r -> r))
        .hasMessageStartingWith("targets: ")
        .hasMessageContaining("65536");
    assertThatThrownBy(
            () ->
                RemoteSettings.resolve(
                    LOCAL, Map.of("credential-set-for", "127.70.0.0/30=v3 nobody"), r -> r))
        .hasMessage(
            "credential-set-for: this agent has no credential set named \"v3 nobody\"; its sets"
                + " are community 1, v3 scanner");
    assertThatThrownBy(() -> RemoteSettings.resolve(LOCAL, Map.of("enabled", "yes"), r -> r))
        .hasMessage("enabled: \"yes\" is not true or false");
    assertThatThrownBy(
            () ->
                RemoteSettings.resolve(
                    LOCAL,
                    Map.of("alert", "bogus"),
                    r -> {
                      throw new IllegalArgumentException("no such kind");
                    }))
        .hasMessage("alert \"bogus\": no such kind");
  }
}
