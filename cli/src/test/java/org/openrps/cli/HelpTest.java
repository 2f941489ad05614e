package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders cleanly: a new user's first contact with each command. */
class HelpTest {

  @Test
  void everyCommandHasHelpThatRendersWithoutFormatWarnings() {
    List<CommandLine> all = new ArrayList<>();
    collect(Main.commandLine(), all);
    assertThat(all)
        .extracting(CommandLine::getCommandName)
        .contains("openrps", "demo", "simulate", "scan", "server", "agent", "enrol-code", "report");

    PrintStream err = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      for (CommandLine command : all) {
        StringWriter out = new StringWriter();
        command.usage(new PrintWriter(out));
        assertThat(out.toString()).as(command.getCommandName()).contains("Usage:");
        assertThat(command.getCommandSpec().mixinStandardHelpOptions())
            .as(command.getCommandName() + " has --help")
            .isTrue();
      }
    } finally {
      System.setErr(err);
    }
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void everyCommandOpensWithAOneLineSummarySoCommandListsShowWholeSentences() {
    List<CommandLine> all = new ArrayList<>();
    collect(Main.commandLine(), all);
    for (CommandLine command : all) {
      String[] description = command.getCommandSpec().usageMessage().description();
      assertThat(description).as(command.getCommandName() + " has a description").isNotEmpty();
      assertThat(description[0])
          .as(command.getCommandName() + ": the first line is what the command list shows")
          .endsWith(".")
          .hasSizeLessThanOrEqualTo(76);
    }
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    if (command.getCommandName().equals("help")) {
      return;
    }
    into.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, into));
  }
}
