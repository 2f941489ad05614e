package org.openrps.agent.remote;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.target.TargetList;

/**
 * What the agent runs on: its own settings with the server's laid over them, every value checked.
 *
 * @param targets the effective target list, exclusions included
 * @param poll the poll settings with the credential sets as the server assigned them to ranges
 * @param alerts the e-mail alert rules, in their canonical text
 * @param enabled false: the server disabled polling and syncing (commands are still fetched)
 * @param fromServer the server's settings these came from, by configuration key
 */
public record EffectiveSettings(
    Schedule schedule,
    TargetList targets,
    PollSettings poll,
    List<String> alerts,
    boolean enabled,
    Map<String, String> fromServer) {
  public EffectiveSettings {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(poll, "poll");
    alerts = List.copyOf(alerts);
    fromServer = Map.copyOf(fromServer);
  }
}
