package org.openrps.agent.remote;

import java.util.List;
import java.util.Objects;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.schedule.Schedule;

/**
 * What the agent's own configuration (its file and command line) says, before the server's settings
 * are laid over it.
 *
 * @param schedule poll cadence, sync time, time zone, catch-up
 * @param targets the target list as written ({@code 127.50.0.1-50 !127.50.0.7})
 * @param poll how devices are asked, with the local credential sets (their secrets stay here)
 * @param alerts the e-mail alert rules, as written
 */
public record LocalSettings(
    Schedule schedule, String targets, PollSettings poll, List<String> alerts) {
  public LocalSettings {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(poll, "poll");
    alerts = List.copyOf(alerts);
  }
}
