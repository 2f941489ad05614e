package org.openrps.agent.remote;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrps.agent.poll.CredentialSet;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.target.TargetList;

/**
 * The settings a server may set on an agent (the {@code configure} command), in the form of the
 * agent's configuration file, and how they are laid over the agent's own:
 *
 * <ul>
 *   <li>{@code poll-every} — time between polls, {@code 5m} to {@code 24h};
 *   <li>{@code sync-at} — local time of the daily sync, {@code HH:MM};
 *   <li>{@code targets} — the addresses to scan, as the file writes them ({@code !} excludes);
 *   <li>{@code exclude} — addresses, ranges or blocks left out of the targets;
 *   <li>{@code credential-set-for} (repeatable: {@code .1}, {@code .2}, ...) — {@code TARGETS=SET}:
 *       the addresses of TARGETS are asked with the agent's local credential set named SET only
 *       (its name as {@code agent status} lists it); the server names a set and never holds its
 *       secret;
 *   <li>{@code alert} (repeatable) — the e-mail alert rules, replacing the file's; {@code none}: no
 *       rule;
 *   <li>{@code enabled} — {@code false} stops polling and syncing (commands are still fetched, so
 *       the server can enable it again), {@code true} starts them again.
 * </ul>
 *
 * <p>A configuration names only what it changes; an empty value gives a key back to the agent's
 * file. Giving any entry of a repeatable key replaces all of its entries. Every value is checked
 * before anything changes: a bad one refuses the whole configuration, naming the key and the rule.
 */
public final class RemoteSettings {

  public static final String POLL_EVERY = "poll-every";
  public static final String SYNC_AT = "sync-at";
  public static final String TARGETS = "targets";
  public static final String EXCLUDE = "exclude";
  public static final String CREDENTIAL_SET_FOR = "credential-set-for";
  public static final String ALERT = "alert";
  public static final String ENABLED = "enabled";

  /** Every key, in the order they are shown. */
  public static final List<String> KEYS =
      List.of(POLL_EVERY, SYNC_AT, TARGETS, EXCLUDE, CREDENTIAL_SET_FOR, ALERT, ENABLED);

  private static final List<String> REPEATABLE = List.of(CREDENTIAL_SET_FOR, ALERT);
  private static final Pattern NUMBERED = Pattern.compile("(.+)\\.([0-9]{1,4})");

  private RemoteSettings() {}

  /**
   * The server's settings after {@code change}: {@code current} with the change's keys set, the
   * empty ones removed.
   *
   * @throws IllegalArgumentException for an unknown key or an empty change
   */
  public static Map<String, String> merge(Map<String, String> current, Map<String, String> change) {
    if (change.isEmpty()) {
      throw new IllegalArgumentException(
          "the configuration names no setting; the settings are " + String.join(", ", KEYS));
    }
    Map<String, String> out = new TreeMap<>(current);
    for (String key : new TreeMap<>(change).keySet()) {
      String base = baseKey(key);
      if (!KEYS.contains(base)) {
        throw new IllegalArgumentException(
            "unknown setting \"" + key + "\"; the settings are " + String.join(", ", KEYS));
      }
      if (!key.equals(base) && !REPEATABLE.contains(base)) {
        throw new IllegalArgumentException(
            "\"" + key + "\": " + base + " takes one value; numbered keys are for repeatable ones");
      }
    }
    for (String repeatable : REPEATABLE) {
      if (change.keySet().stream().anyMatch(k -> baseKey(k).equals(repeatable))) {
        out.keySet().removeIf(k -> baseKey(k).equals(repeatable));
      }
    }
    change.forEach(
        (key, value) -> {
          String v = value == null ? "" : value.strip();
          if (v.isEmpty()) {
            out.remove(key);
          } else {
            out.put(key, v);
          }
        });
    return out;
  }

  /**
   * The agent's settings with the server's laid over them.
   *
   * @param alertRule gives a rule's canonical text, or throws {@link IllegalArgumentException} with
   *     the reason it is wrong
   * @throws IllegalArgumentException naming the key and the rule when a value does not fit
   */
  public static EffectiveSettings resolve(
      LocalSettings local, Map<String, String> fromServer, UnaryOperator<String> alertRule) {
    Schedule schedule = schedule(local.schedule(), fromServer);
    String targetText = fromServer.getOrDefault(TARGETS, local.targets());
    if (fromServer.containsKey(EXCLUDE)) {
      StringBuilder withExclusions = new StringBuilder(targetText);
      for (String element : fromServer.get(EXCLUDE).split("[,\\s]+")) {
        if (!element.isEmpty()) {
          withExclusions.append(' ').append(element.startsWith("!") ? element : "!" + element);
        }
      }
      targetText = withExclusions.toString();
    }
    TargetList targets;
    try {
      targets = TargetList.of(targetText);
    } catch (IllegalArgumentException e) {
      String key = fromServer.containsKey(EXCLUDE) ? TARGETS + "/" + EXCLUDE : TARGETS;
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
    PollSettings poll = assign(local.poll(), targets, entries(fromServer, CREDENTIAL_SET_FOR));
    List<String> alerts = new ArrayList<>();
    List<String> alertTexts = entries(fromServer, ALERT);
    if (alertTexts.isEmpty()) {
      alertTexts = local.alerts();
    }
    for (String rule : alertTexts) {
      if (rule.equalsIgnoreCase("none")) {
        continue;
      }
      try {
        alerts.add(alertRule.apply(rule));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(ALERT + " \"" + rule + "\": " + e.getMessage(), e);
      }
    }
    boolean enabled = true;
    if (fromServer.containsKey(ENABLED)) {
      String v = fromServer.get(ENABLED).toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw bad(ENABLED, fromServer.get(ENABLED), "true or false");
      }
      enabled = v.equals("true");
    }
    return new EffectiveSettings(schedule, targets, poll, alerts, enabled, fromServer);
  }

  /**
   * The schedule with the server's {@code poll-every} and {@code sync-at} over it.
   *
   * @throws IllegalArgumentException naming the key and the rule when a value does not fit
   */
  public static Schedule schedule(Schedule local, Map<String, String> fromServer) {
    Duration pollEvery = local.pollEvery();
    LocalTime syncAt = local.syncAt();
    if (fromServer.containsKey(POLL_EVERY)) {
      pollEvery = duration(POLL_EVERY, fromServer.get(POLL_EVERY));
    }
    if (fromServer.containsKey(SYNC_AT)) {
      try {
        syncAt = LocalTime.parse(fromServer.get(SYNC_AT));
      } catch (DateTimeParseException e) {
        throw bad(SYNC_AT, fromServer.get(SYNC_AT), "a local time HH:MM, e.g. 02:30");
      }
    }
    try {
      return new Schedule(pollEvery, syncAt, local.zone(), local.catchUp());
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage();
      throw new IllegalArgumentException(
          reason.startsWith(POLL_EVERY) ? reason : POLL_EVERY + ": " + reason, e);
    }
  }

  /** The settings as {@code agent status} shows them, by key. */
  public static Map<String, String> describe(EffectiveSettings s) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(POLL_EVERY, human(s.schedule().pollEvery()));
    out.put(SYNC_AT, s.schedule().syncAt().toString());
    out.put(TARGETS, s.targets().toString());
    List<String> assigned = entries(s.fromServer(), CREDENTIAL_SET_FOR);
    out.put(CREDENTIAL_SET_FOR, assigned.isEmpty() ? "(none)" : String.join("; ", assigned));
    out.put(ALERT, s.alerts().isEmpty() ? "(none)" : String.join("; ", s.alerts()));
    out.put(ENABLED, Boolean.toString(s.enabled()));
    return out;
  }

  /** What changed between two settings, e.g. {@code poll-every 2h -> 1h}; empty: nothing. */
  public static String difference(EffectiveSettings before, EffectiveSettings after) {
    Map<String, String> a = describe(before);
    Map<String, String> b = describe(after);
    List<String> changes = new ArrayList<>();
    b.forEach(
        (key, value) -> {
          if (!value.equals(a.get(key))) {
            changes.add(key + " " + a.get(key) + " -> " + value);
          }
        });
    return String.join(", ", changes);
  }

  /** {@code 2h}, {@code 90m}, {@code 1d}. */
  static String human(Duration d) {
    return org.openrps.agent.schedule.DurationText.written(d);
  }

  /** {@code 30m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT2H}). */
  static Duration duration(String key, String text) {
    try {
      return org.openrps.agent.schedule.DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  /**
   * The poll settings with the server's assignments: each assigned range asked with its named set
   * only, the other sets kept, in their order, for the other addresses.
   */
  static PollSettings assign(PollSettings poll, TargetList targets, List<String> assignments) {
    if (assignments.isEmpty()) {
      return poll;
    }
    List<CredentialSet> sets = new ArrayList<>();
    StringBuilder assignedRanges = new StringBuilder();
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      if (eq <= 0 || eq == assignment.length() - 1) {
        throw bad(CREDENTIAL_SET_FOR, assignment, "TARGETS=SET, e.g. 10.1.0.0/16=v3 scanner");
      }
      String rangeText = assignment.substring(0, eq).strip();
      String name = assignment.substring(eq + 1).strip();
      TargetList range;
      try {
        range = TargetList.of(rangeText);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(CREDENTIAL_SET_FOR + ": " + e.getMessage(), e);
      }
      if (!range.exclusions().isEmpty()) {
        throw bad(CREDENTIAL_SET_FOR, assignment, "a range without exclusions ('!')");
      }
      CredentialSet set =
          poll.credentials().stream()
              .filter(c -> c.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          CREDENTIAL_SET_FOR
                              + ": this agent has no credential set named \""
                              + name
                              + "\"; its sets are "
                              + String.join(
                                  ", ",
                                  poll.credentials().stream().map(CredentialSet::name).toList())));
      sets.add(new CredentialSet(set.name(), set.credentials(), Optional.of(range)));
      range.specs().forEach(spec -> assignedRanges.append(" !").append(spec));
    }
    for (CredentialSet set : poll.credentials()) {
      String scope = set.scope().map(TargetList::toString).orElse(targets.toString());
      sets.add(
          new CredentialSet(
              set.name(), set.credentials(), Optional.of(TargetList.of(scope + assignedRanges))));
    }
    try {
      return poll.withCredentials(sets);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(CREDENTIAL_SET_FOR + ": " + e.getMessage(), e);
    }
  }

  /** The values of a repeatable key, in number order. */
  static List<String> entries(Map<String, String> settings, String key) {
    TreeMap<Integer, String> byNumber = new TreeMap<>();
    settings.forEach(
        (k, v) -> {
          Matcher m = NUMBERED.matcher(k);
          if (k.equals(key)) {
            byNumber.put(0, v);
          } else if (m.matches() && m.group(1).equals(key)) {
            byNumber.put(Integer.parseInt(m.group(2)), v);
          }
        });
    return List.copyOf(byNumber.values());
  }

  private static String baseKey(String key) {
    Matcher m = NUMBERED.matcher(key);
    return m.matches() ? m.group(1) : key;
  }

  private static IllegalArgumentException bad(String key, String value, String rule) {
    return new IllegalArgumentException(key + ": \"" + value + "\" is not " + rule);
  }
}
