package org.openrps.agent.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrps.mailer.MailAddress;

/**
 * One e-mail alert rule: what to watch, and who is told. Written {@code
 * KIND[=ARG]:RECIPIENT[,RECIPIENT...]} (the agent's {@code --alert}, its config's {@code alert.N},
 * the server's remote configuration):
 *
 * <ul>
 *   <li>{@code supply-below=PERCENT%} a supply's level at or below PERCENT (0 to 100; an unknown
 *       level never triggers)
 *   <li>{@code device-unreachable=DURATION} a device not answering for that long
 *   <li>{@code new-alert} a new fault or alert on a device
 *   <li>{@code server-unreachable=DURATION} no good exchange with the server for that long
 *   <li>{@code backlog-older=DURATION} the oldest reading waiting for the server older than that
 * </ul>
 *
 * Durations as the CLI writes them: {@code 30s}, {@code 30m}, {@code 4h}, {@code 2d}, or ISO-8601
 * ({@code PT4H}).
 *
 * @param percent for {@link Kind#supplyBelow}, else empty
 * @param after for the kinds with a duration, else empty
 * @param recipients one or more plain addresses, in the order given, no repeats
 */
public record AlertRule(
    Kind kind, OptionalInt percent, Optional<Duration> after, List<String> recipients) {

  /** The most recipients one rule takes. */
  public static final int MAX_RECIPIENTS = 50;

  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})\\s*%");

  /** What a rule watches, with the word it is written with. */
  public enum Kind {
    supplyBelow("supply-below", "a percentage, e.g. supply-below=10%"),
    deviceUnreachable("device-unreachable", "a duration, e.g. device-unreachable=4h"),
    newAlert("new-alert", ""),
    serverUnreachable("server-unreachable", "a duration, e.g. server-unreachable=2d"),
    backlogOlder("backlog-older", "a duration, e.g. backlog-older=3d");

    private final String word;
    private final String argument;

    Kind(String word, String argument) {
      this.word = word;
      this.argument = argument;
    }

    /** How it is written: {@code supply-below}. */
    public String word() {
      return word;
    }

    static Optional<Kind> of(String word) {
      for (Kind k : values()) {
        if (k.word.equals(word)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  public AlertRule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(percent, "percent");
    Objects.requireNonNull(after, "after");
    recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
    if (kind == Kind.supplyBelow) {
      if (percent.isEmpty() || percent.getAsInt() < 0 || percent.getAsInt() > 100) {
        throw new IllegalArgumentException("supply-below needs a percentage from 0% to 100%");
      }
    } else if (percent.isPresent()) {
      throw new IllegalArgumentException(kind.word + " takes no percentage");
    }
    if (kind == Kind.supplyBelow || kind == Kind.newAlert) {
      if (after.isPresent()) {
        throw new IllegalArgumentException(kind.word + " takes no duration");
      }
    } else if (after.isEmpty() || after.get().isNegative() || after.get().isZero()) {
      throw new IllegalArgumentException(kind.word + " needs a positive duration");
    } else if (after.get().getNano() != 0) {
      throw new IllegalArgumentException(kind.word + " needs a duration in whole seconds");
    }
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("no recipient");
    }
    if (recipients.size() > MAX_RECIPIENTS) {
      throw new IllegalArgumentException("at most " + MAX_RECIPIENTS + " recipients per rule");
    }
    if (new LinkedHashSet<>(recipients).size() != recipients.size()) {
      throw new IllegalArgumentException("a recipient is named twice");
    }
    recipients.forEach(MailAddress::check);
  }

  /**
   * Reads a rule as written.
   *
   * @throws IllegalArgumentException with the reason in one line, naming the rule
   */
  public static AlertRule parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    try {
      int colon = t.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "no recipient: write KIND[=ARG]:RECIPIENT[,RECIPIENT...], e.g."
                + " supply-below=10%:ops@example.com");
      }
      String head = t.substring(0, colon).strip();
      String word = head;
      Optional<String> argument = Optional.empty();
      int eq = head.indexOf('=');
      if (eq >= 0) {
        word = head.substring(0, eq).strip();
        argument = Optional.of(head.substring(eq + 1).strip());
      }
      String w = word.toLowerCase(Locale.ROOT);
      Kind kind =
          Kind.of(w)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown kind '"
                              + w
                              + "' (supply-below, device-unreachable, new-alert,"
                              + " server-unreachable, backlog-older)"));
      OptionalInt percent = OptionalInt.empty();
      Optional<Duration> after = Optional.empty();
      if (kind == Kind.newAlert) {
        if (argument.isPresent()) {
          throw new IllegalArgumentException("new-alert takes no argument");
        }
      } else if (argument.isEmpty() || argument.get().isEmpty()) {
        throw new IllegalArgumentException(kind.word + " needs " + kind.argument);
      } else if (kind == Kind.supplyBelow) {
        Matcher m = PERCENT.matcher(argument.get());
        if (!m.matches()) {
          throw new IllegalArgumentException(
              "'" + argument.get() + "' is not a percentage (write it like 10%)");
        }
        percent = OptionalInt.of(Integer.parseInt(m.group(1)));
      } else {
        after = Optional.of(duration(argument.get()));
      }
      List<String> recipients = new ArrayList<>();
      for (String r : t.substring(colon + 1).split(",", -1)) {
        recipients.add(r.strip());
      }
      return new AlertRule(kind, percent, after, recipients);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("alert rule '" + t + "': " + e.getMessage(), e);
    }
  }

  /** The rule written back the one way it is written: {@code supply-below=10%:a@x.example}. */
  public String text() {
    StringBuilder s = new StringBuilder(kind.word);
    percent.ifPresent(p -> s.append('=').append(p).append('%'));
    after.ifPresent(d -> s.append('=').append(written(d)));
    return s.append(':').append(String.join(",", recipients)).toString();
  }

  @Override
  public String toString() {
    return text();
  }

  /** A duration as people write it: 30s, 90m, 2h, 1d, or ISO-8601 (as the CLI reads them). */
  static Duration duration(String value) {
    return org.openrps.agent.schedule.DurationText.parse(value);
  }

  /** The largest whole unit: 2d, 36h, 90m, 45s. */
  static String written(Duration d) {
    return org.openrps.agent.schedule.DurationText.written(d);
  }
}
