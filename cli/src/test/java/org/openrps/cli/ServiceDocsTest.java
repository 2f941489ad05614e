package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The systemd unit, the example configuration and the README's table of settings stay true to the
 * {@code agent} command: every option is documented, and what the unit and the example give parses.
 */
class ServiceDocsTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static CommandLine agent() {
    return Main.commandLine().getSubcommands().get("agent");
  }

  /** {@code openrps agent args...} parsed, not run; throws on an unknown or malformed option. */
  private static AgentCommand parse(List<String> args) {
    CommandLine cli = Main.commandLine();
    List<String> all = new ArrayList<>(List.of("agent"));
    all.addAll(args);
    cli.parseArgs(all.toArray(String[]::new));
    return cli.getSubcommands().get("agent").getCommand();
  }

  @Test
  void theReadmeTableDocumentsEveryAgentSetting() throws Exception {
    String readme = Files.readString(REPO.resolve("README.md"));
    List<String> missing = new ArrayList<>();
    for (OptionSpec option : agent().getCommandSpec().options()) {
      String key = option.longestName().replaceFirst("^-+", "");
      if (option.usageHelp() || option.versionHelp() || key.equals("config")) {
        continue;
      }
      if (!readme.contains("| `" + key + "` |")) {
        missing.add(key);
      }
    }
    assertThat(missing).as("agent settings without a row in the README's table").isEmpty();
  }

  @Test
  void theUnitStartsTheAgentWithOptionsThatParseAndKeepsItsDataInItsStateDirectory()
      throws Exception {
    String unit = Files.readString(REPO.resolve("packaging/systemd/openrps-agent.service"));
    Matcher exec = Pattern.compile("(?m)^ExecStart=(.*)$").matcher(unit);
    assertThat(exec.find()).isTrue();
    List<String> words = Arrays.asList(exec.group(1).trim().split("\\s+"));
    int command = words.indexOf("agent");
    assertThat(command).isPositive();
    assertThat(words.get(command - 1)).isEqualTo("/opt/openrps/openrps.jar");
    List<String> args = words.subList(command + 1, words.size());
    AgentCommand parsed = parse(args);
    Matcher state = Pattern.compile("(?m)^StateDirectory=(\\S+)$").matcher(unit);
    assertThat(state.find()).isTrue();
    assertThat(parsed.data).isEqualTo(Path.of("/var/lib", state.group(1)));
    assertThat(parsed.configFile).contains(Path.of("/etc/openrps/agent.properties"));
    assertThat(unit)
        .contains("KillSignal=SIGTERM")
        .containsPattern("(?m)^RestartPreventExitStatus=2$")
        .containsPattern("(?m)^SuccessExitStatus=143$")
        .containsPattern("(?m)^UMask=0077$");
    assertThat(String.join(" ", agent().getCommandSpec().usageMessage().exitCodeList().keySet()))
        .as("exit code 2 is the one a restart cannot fix")
        .contains("2");
  }

  @Test
  void everyKeyOfTheExampleConfigurationIsAnAgentSettingWithAValueThatParses() throws Exception {
    Properties example = new Properties();
    try (var in = Files.newBufferedReader(REPO.resolve("packaging/agent.properties.example"))) {
      example.load(in);
    }
    assertThat(example).isNotEmpty();
    List<String> args = new ArrayList<>();
    for (String key : example.stringPropertyNames()) {
      args.add("--" + key + "=" + example.getProperty(key).strip());
    }
    AgentCommand parsed = parse(args);
    assertThat(parsed.pollEvery).isEqualTo(java.time.Duration.ofHours(2));
    assertThat(parsed.targets).isEqualTo(example.getProperty("targets").strip());
  }
}
