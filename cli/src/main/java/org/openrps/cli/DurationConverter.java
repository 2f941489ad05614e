package org.openrps.cli;

import java.time.Duration;
import org.openrps.agent.schedule.DurationText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people write them: {@code 2h}, {@code 90m}, {@code 30s}, {@code 1d}, or ISO-8601;
 * {@code 0} is zero (where an option takes it for "never"). The grammar is {@link DurationText}'s,
 * the same as the configuration file's, the alert rules' and the server's settings'.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      return DurationText.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
