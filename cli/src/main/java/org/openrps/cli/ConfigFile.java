package org.openrps.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private ConfigFile() {}

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
    for (String key : properties.stringPropertyNames()) {
      if (!known.contains(key)) {
        throw new UserFacingException(
            file + ": unknown key '" + key + "'; known keys: " + String.join(", ", known));
      }
    }
    return arg ->
        arg instanceof OptionSpec option ? trimmed(properties.getProperty(key(option))) : null;
  }

  private static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }

  private static String trimmed(String value) {
    return value == null ? null : value.strip();
  }
}
