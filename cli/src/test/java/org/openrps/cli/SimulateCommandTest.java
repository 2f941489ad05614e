package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrps.simulator.FaultKind;
import org.openrps.simulator.FaultRule;
import org.openrps.simulator.Life;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.Passphrase;
import org.openrps.snmp.UsmUser;
import picocli.CommandLine;

class SimulateCommandTest {

  private static SimulatorConfig parse(String... args) {
    SimulateCommand command = new SimulateCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void faultsAreSharesOrPrinterIndexes() {
    List<FaultRule> rules = SimulateCommand.parseFaults("garbled=2%,silent=0.01,late=#7;#9");
    assertThat(rules)
        .containsExactly(
            FaultRule.of(FaultKind.GARBLED, 0.02),
            FaultRule.of(FaultKind.SILENT, 0.01),
            FaultRule.at(FaultKind.LATE, 7, 9));
  }

  @Test
  void anUnknownFaultNamesTheKnownOnes() {
    assertThatThrownBy(() -> SimulateCommand.parseFaults("melted=1%"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("melted")
        .hasMessageContaining("garbled");
  }

  @Test
  void theDefaultFleetLivesAndMixesInAFewNonPrinters() {
    SimulatorConfig config = parse("--printers", "20000", "--first-address", "127.59.200.1");
    assertThat(config.printers()).isEqualTo(20_000);
    assertThat(config.options().life()).isEqualTo(Life.lively());
    assertThat(config.options().mix()).isEqualTo(SimulateCommand.DEFAULT_MIX);
  }

  @Test
  void mixAndLifeAndProcessesAreTakenAsGiven() {
    SimulatorConfig config =
        parse("--mix", "HP=40,Konica Minolta=60", "--life", "steady", "--processes", "3");
    assertThat(config.options().mix()).containsEntry("HP", 40).containsEntry("Konica Minolta", 60);
    assertThat(config.options().life()).isEqualTo(Life.steady());
    assertThat(config.options().processes()).isEqualTo(3);
  }

  @Test
  void everyPrinterKnowsThe31V3UsersWithTheGivenPassphrasesUnlessV3IsOff() {
    assertThat(parse().options().users()).isEqualTo(UsmUser.defaultSet());
    List<UsmUser> users =
        parse("--auth-pass", "our-auth-secret", "--priv-pass", "our-priv-secret").options().users();
    assertThat(users).hasSize(31);
    UsmUser sha = users.stream().filter(u -> u.name().equals("sha256-aes256")).findFirst().get();
    assertThat(sha.authPassphrase()).contains(Passphrase.of("our-auth-secret"));
    assertThat(sha.privPassphrase()).contains(Passphrase.of("our-priv-secret"));
    assertThat(parse("--no-v3").options().users()).isEmpty();
    assertThatThrownBy(() -> parse("--auth-pass", "short"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("--auth-pass")
        .hasMessageNotContaining("short");
  }

  @Test
  void aBadMixIsRefusedWithTheRule() {
    assertThatThrownBy(() -> parse("--mix", "HP"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("NAME=SHARE");
  }
}
