package org.openrps.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openrps.agent.target.TargetList;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.InputTray;
import org.openrps.wire.SupplyReading;

/**
 * Localized strings read in the character set the printer declares (RFC 3805
 * prtGeneralCurrentLocalization, prtLocalizationCharacterSet), over real UDP from recordings of our
 * own: a Kyocera whose current localization is its second one (Japanese, Shift-JIS, so the
 * character set takes a GET of its own), and the same bytes from a printer that declares nothing.
 */
class LocalizedTextPollTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);

  @Test
  void suppliesAlertsAndTraysAreReadInTheDeclaredCharacterSetAndNeverGuessed() throws Exception {
    SimulatorConfig config =
        new SimulatorConfig(2, InetAddress.getByName("127.63.5.1"), 0, "public", 67)
            .withRecordings(
                Path.of(
                    Objects.requireNonNull(
                            LocalizedTextPollTest.class.getResource("/recordings-localized"))
                        .toURI()));
    try (Simulator sim = Simulator.start(config, CLOCK);
        SnmpClient client = Snmp.openClient();
        Poller poller =
            new Poller(
                client,
                new PollSettings(
                    sim.printers().get(0).address().getPort(),
                    "public",
                    Duration.ofSeconds(1),
                    2,
                    8),
                CLOCK)) {

      ScanResult result = poller.scan(TargetList.of("127.63.5.1-127.63.5.2"));

      assertThat(result.printers()).hasSize(2);
      Map<String, PolledDevice> byAddress =
          result.printers().stream()
              .collect(Collectors.toMap(p -> p.snapshot().address(), Function.identity()));

      PolledDevice declared = byAddress.get("127.63.5.1");
      DeviceSnapshot ja = declared.snapshot();
      assertThat(declared.failures()).isEmpty();
      assertThat(ja.supplies())
          .extracting(SupplyReading::description, SupplyReading::partNumber)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "ブラックトナー TK-5240K", java.util.Optional.of("TK-5240K")));
      assertThat(ja.alerts()).extracting(AlertReading::description).containsExactly("トナー切れ");
      assertThat(ja.inputs()).extracting(InputTray::name).containsExactly("カセット1");

      DeviceSnapshot undeclared = byAddress.get("127.63.5.2").snapshot();
      // Shift-JIS is never guessed: the same bytes read as Latin-1 (its C1 controls as blanks).
      String description = undeclared.supplies().get(0).description();
      assertThat(description).doesNotContain("トナー").startsWith("u b").endsWith(" TK-5240K");
    }
  }
}
