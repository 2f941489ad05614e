package org.openrps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.openrps.agent.mail.TestMail;
import org.openrps.mailer.MailAddress;
import org.openrps.mailer.SmtpSender;
import org.openrps.mailer.SmtpSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code openrps agent test-mail --to ADDRESS}: one e-mail through the agent's SMTP settings. */
@Command(
    name = "test-mail",
    mixinStandardHelpOptions = true,
    description = {
      "Sends one test e-mail through the agent's SMTP settings, at once.",
      "",
      "The settings are the --smtp-* and --mail-from options, here or in the agent's --config"
          + " file (smtp-host=, smtp-port=, smtp-security=, smtp-user=, smtp-password=,"
          + " mail-from=, smtp-trust-cert=); options given here win. Prints where the e-mail went,"
          + " or in one line what failed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the SMTP server took the e-mail",
      "2:no SMTP server configured, a bad setting, or the SMTP server or the network refused"
    })
final class AgentTestMailCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @ParentCommand AgentCommand parent;
  @Mixin SmtpOptions smtp;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The agent's properties file: its SMTP keys are used, the others ignored.")
  Optional<Path> config = Optional.empty();

  @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "The recipient.")
  String to;

  /** Stands in for the wall clock in tests. */
  Clock clock = Clock.systemDefaultZone();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Logging.quiet();
    if (!MailAddress.valid(to)) {
      return fail(
          err, "--to must be an e-mail address such as admin@example.com, not '" + to + "'");
    }
    Map<String, String> here = smtp.given();
    Map<String, String> before = parent.smtp.given();
    Properties file = file(config.or(() -> parent.configFile), err);
    Optional<SmtpSettings> settings =
        SmtpOptions.settings(
            key -> here.getOrDefault(key, before.getOrDefault(key, file.getProperty(key))));
    if (settings.isEmpty()) {
      return fail(
          err,
          "no SMTP server: give --smtp-host (or smtp-host= in --config) and --mail-from;"
              + " no e-mail sent");
    }
    SmtpSettings s = settings.get();
    SmtpSender sender;
    try {
      sender = new SmtpSender(s);
    } catch (IllegalArgumentException e) {
      return fail(err, e.getMessage() + "; no e-mail sent");
    }
    try {
      TestMail.send(sender, to, hostName(), clock.instant());
    } catch (SmtpSender.SendFailed e) {
      return fail(err, "test mail to " + to + " via " + s.where() + " failed: " + e.getMessage());
    }
    out.println("openrps agent: test mail sent to " + to + " via " + s.where());
    out.flush();
    return 0;
  }

  private static int fail(PrintWriter err, String line) {
    err.println("openrps agent: " + line);
    err.flush();
    return 2;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this machine";
    }
  }

  private static Properties file(Optional<Path> path, PrintWriter err) {
    Properties p = new Properties();
    if (path.isEmpty()) {
      return p;
    }
    try (Reader in = Files.newBufferedReader(path.get(), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UserFacingException("cannot read configuration file " + path.get() + ": " + e, e);
    }
    ConfigFile.exposedSecrets(path.get())
        .ifPresent(
            warning -> {
              err.println("openrps agent: " + warning);
              err.flush();
            });
    return p;
  }
}
