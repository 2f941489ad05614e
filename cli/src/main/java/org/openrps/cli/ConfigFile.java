package org.openrps.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's options from a Java properties file: each key is an option's name without its leading
 * dashes ({@code targets=127.50.0.1-127.50.0.200}, {@code auth-pass=...}). Options given on the
 * command line win. A key that names no option stops start-up with the file and the key.
 */
final class ConfigFile {

  /** Keys whose values are secrets: a file holding one should be readable by its owner only. */
  static final Set<String> SECRET_KEYS =
      Set.of(
          "community",
          "community-for",
          "auth-pass",
          "priv-pass",
          "v3",
          "v3-for",
          "enrol-code",
          "page-password",
          "proxy-password",
          "smtp-password");

  /** {@code v3.2} is the second value of the repeatable option {@code v3}. */
  private static final java.util.regex.Pattern NUMBERED =
      java.util.regex.Pattern.compile("(.+)\\.([0-9]{1,4})");

  private ConfigFile() {}

  /**
   * A one-line warning when the file holds a secret and its group or others may read it; empty when
   * it does not, or when the file system has no POSIX permissions.
   */
  static java.util.Optional<String> exposedSecrets(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
      Set<java.nio.file.attribute.PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      Set<String> held = new TreeSet<>();
      properties.stringPropertyNames().forEach(k -> held.add(optionKey(k)));
      held.retainAll(SECRET_KEYS);
      boolean readable =
          mode.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
              || mode.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
      if (held.isEmpty() || !readable) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(
          "warning: "
              + file
              + " holds "
              + String.join(", ", held)
              + " and others can read it (mode "
              + java.nio.file.attribute.PosixFilePermissions.toString(mode)
              + "); make it readable by its owner only: chmod 600 "
              + file);
    } catch (UnsupportedOperationException | IOException e) {
      return java.util.Optional.empty();
    }
  }

  /** The file's values as picocli defaults for {@code spec}'s options. */
  static CommandLine.IDefaultValueProvider defaults(Path file, CommandSpec spec) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UserFacingException("cannot read configuration file " + file + ": " + e, e);
    }
    Set<String> known = new TreeSet<>();
    for (OptionSpec option : spec.options()) {
      String key = key(option);
      if (!option.usageHelp() && !option.versionHelp() && !key.equals("config")) {
        known.add(key);
      }
    }
    java.util.Map<String, java.util.TreeMap<Integer, String>> values = new java.util.TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      String option = optionKey(key);
      if (!known.contains(option)) {
        throw new UserFacingException(
            file + ": unknown key '" + key + "'; known keys: " + String.join(", ", known));
      }
      java.util.regex.Matcher m = NUMBERED.matcher(key);
      int n = m.matches() ? Integer.parseInt(m.group(2)) : 0;
      values
          .computeIfAbsent(option, o -> new java.util.TreeMap<>())
          .put(n, trimmed(properties.getProperty(key)));
    }
    for (OptionSpec option : spec.options()) {
      java.util.TreeMap<Integer, String> given = values.get(key(option));
      if (given != null && given.size() > 1 && !option.isMultiValue()) {
        throw new UserFacingException(
            file
                + ": key '"
                + key(option)
                + "' takes one value; numbered keys are for repeatable options");
      }
    }
    // A repeatable option's values (community.1, community.2, ...) in number order, one per line:
    // its split regex is a line break.
    return arg -> {
      if (!(arg instanceof OptionSpec option)) {
        return null;
      }
      java.util.TreeMap<Integer, String> given = values.get(key(option));
      return given == null ? null : String.join("\n", given.values());
    };
  }

  /** The option a key sets: {@code community.2} sets {@code community}. */
  private static String optionKey(String key) {
    java.util.regex.Matcher m = NUMBERED.matcher(key);
    return m.matches() ? m.group(1) : key;
  }

  /**
   * A bad value as one line: when it came from the file (the option is not on the command line),
   * naming the file, the key and the rule; otherwise picocli's own sentence.
   */
  static String describe(Path file, CommandLine.ParameterException e, List<String> commandLine) {
    if (e.getArgSpec() instanceof OptionSpec option) {
      boolean onCommandLine =
          commandLine.stream()
              .anyMatch(
                  arg ->
                      java.util.Arrays.stream(option.names())
                          .anyMatch(n -> arg.equals(n) || arg.startsWith(n + "=")));
      if (!onCommandLine) {
        String rule =
            e.getMessage()
                .replaceFirst("^Invalid value for option '[^']*': ", "")
                .replaceFirst(" \\(java\\.[^)]*\\)$", "");
        return file + ": key '" + key(option) + "': " + rule + "; fix the file and start again";
      }
    }
    return e.getMessage() + " (see openrps agent --help)";
  }

  private static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }

  private static String trimmed(String value) {
    return value == null ? null : value.strip();
  }
}
