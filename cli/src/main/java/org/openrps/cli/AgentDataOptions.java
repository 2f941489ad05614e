package org.openrps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * Where an agent keeps its files, for the {@code agent} subcommands that look at them ({@code
 * preview}, {@code outbox}): {@code --data DIR}, or the {@code data} key of the agent's {@code
 * --config} file, or the agent's own default; the same for {@code --credentials}. Given before the
 * subcommand ({@code agent --data DIR outbox}) it counts too.
 */
final class AgentDataOptions {

  static final Path DEFAULT_DATA = Path.of("agent-data");

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The agent's data directory (default: data= in --config, else agent-data).")
  Optional<Path> data = Optional.empty();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = {
        "The agent's properties file (as for 'openrps agent --config'): its data= and",
        "credentials= keys are used, the others ignored."
      })
  Optional<Path> config = Optional.empty();

  @Option(
      names = "--credentials",
      paramLabel = "FILE",
      description =
          "The agent's credentials file. Default: credentials.properties in the data dir.")
  Optional<Path> credentials = Optional.empty();

  private Properties file;

  /**
   * The data directory: this command's option, the parent's ({@code agent --data DIR ...}), the
   * config file's {@code data} key, the default.
   */
  Path dataDir(AgentCommand parent, PrintWriter err) {
    if (data.isPresent()) {
      return data.get();
    }
    ParseResult given = parent.spec.commandLine().getParseResult();
    if (given != null && given.hasMatchedOption("--data")) {
      return parent.data;
    }
    return Optional.ofNullable(fromFile(parent, err).getProperty("data"))
        .map(String::strip)
        .map(Path::of)
        .orElse(DEFAULT_DATA);
  }

  /** The credentials file: this command's option, the config file's, the data directory's. */
  Path credentialsFile(Path dataDir, AgentCommand parent, PrintWriter err) {
    return credentials
        .or(() -> parent.credentialsFile)
        .or(
            () ->
                Optional.ofNullable(fromFile(parent, err).getProperty("credentials"))
                    .map(String::strip)
                    .map(Path::of))
        .orElse(dataDir.resolve("credentials.properties"));
  }

  /** A key of the agent's config file, if given there. */
  Optional<String> configValue(AgentCommand parent, PrintWriter err, String key) {
    return Optional.ofNullable(fromFile(parent, err).getProperty(key)).map(String::strip);
  }

  private Properties fromFile(AgentCommand parent, PrintWriter err) {
    if (file != null) {
      return file;
    }
    file = new Properties();
    Optional<Path> path = config.or(() -> parent.configFile);
    if (path.isPresent()) {
      Path f = path.get();
      try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        file.load(in);
      } catch (IOException e) {
        throw new UserFacingException("cannot read configuration file " + f + ": " + e, e);
      }
      ConfigFile.exposedSecrets(f)
          .ifPresent(
              warning -> {
                err.println("openrps agent: " + warning);
                err.flush();
              });
    }
    return file;
  }
}
