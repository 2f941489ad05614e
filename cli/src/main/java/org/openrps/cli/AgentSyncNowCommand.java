package org.openrps.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openrps.agent.control.ControlClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code openrps agent sync-now}: makes the running agent sync at once, and waits for it. */
@Command(
    name = "sync-now",
    mixinStandardHelpOptions = true,
    description = {
      "Makes the running agent sync with the server now.",
      "",
      "Reaches the agent running with --data DIR through its control socket; the sync"
          + " starts after the step under way, and this prints how it went. Run it as the"
          + " user the agent runs as."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the sync was done",
      "2:no agent is running with that data directory",
      "3:the sync failed (the running agent tries again later)"
    })
final class AgentSyncNowCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand AgentCommand parent;

  @Option(
      names = "--data",
      description = "The running agent's data directory (default: the agent's --data).")
  Path data;

  @Option(
      names = "--poll",
      description = "Poll the printers first, so that the sync carries readings of now.")
  boolean poll;

  @Override
  public Integer call() {
    Path dir = data != null ? data : parent.data;
    String answer;
    try {
      answer =
          ControlClient.send(
              dir, poll ? ControlRequests.POLL_AND_SYNC_NOW : ControlRequests.SYNC_NOW);
    } catch (ControlClient.NotRunning e) {
      throw new UserFacingException(e.getMessage(), e);
    }
    if (answer.startsWith(ControlRequests.OK)) {
      spec.commandLine()
          .getOut()
          .println("openrps agent: " + answer.substring(ControlRequests.OK.length()));
      spec.commandLine().getOut().flush();
      return 0;
    }
    String why =
        answer.startsWith(ControlRequests.FAILED)
            ? answer.substring(ControlRequests.FAILED.length())
            : answer;
    spec.commandLine().getErr().println("openrps agent: sync failed: " + why);
    spec.commandLine().getErr().flush();
    return AgentCommand.EXIT_SYNC_FAILED;
  }
}
