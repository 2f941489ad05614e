package org.openrps.wire.command;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openrps.wire.Source;

/**
 * Every command type this code knows: who applies it (a Device Direct device, or an agent) and the
 * parameters it needs. One catalogue for the server (which refuses a command its target cannot
 * apply) and the clients (which refuse a type they do not know, with a result saying so).
 */
public final class CommandTypes {

  /** One command type. */
  public record Type(
      String name, Source.Kind appliedBy, List<String> required, String description) {
    public Type {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(appliedBy, "appliedBy");
      required = List.copyOf(required);
      Objects.requireNonNull(description, "description");
    }

    /** Why the parameters do not fit this type, or empty when they do. */
    public Optional<String> problem(Map<String, String> params) {
      for (String p : required) {
        String value = params.get(p);
        if (value == null || value.isBlank()) {
          return Optional.of(name + " needs the parameter " + p);
        }
      }
      return Optional.empty();
    }
  }

  // Remote configuration of a Device Direct device.
  public static final String SYNC_TIME = "sync-time";
  public static final String SET_CONTACT = "set-contact";
  public static final String SET_LOCATION = "set-location";
  public static final String SET_ALERT_THRESHOLD = "set-alert-threshold";
  public static final String SET_SERVICE = "set-service";
  // Resolution on a Device Direct device.
  public static final String CLEAR_ALERT = "clear-alert";
  public static final String REBOOT = "reboot";
  public static final String SEND_DIAGNOSTICS = "send-diagnostics";
  public static final String SELF_TEST = "self-test";
  // For an agent.
  public static final String REREAD_DEVICE = "reread-device";
  public static final String SEND_NOW = "send-now";
  public static final String CONFIGURE = "configure";
  public static final String ROTATE_SECRET = "rotate-secret";

  private static final List<Type> ALL =
      List.of(
          device(SYNC_TIME, List.of(), "set the device's clock to the server's"),
          device(SET_CONTACT, List.of("contact"), "set sysContact"),
          device(SET_LOCATION, List.of("location"), "set sysLocation"),
          device(
              SET_ALERT_THRESHOLD,
              List.of("supply", "percent"),
              "warn when the supply (its index) falls to this percentage"),
          device(
              SET_SERVICE,
              List.of("service", "enabled"),
              "turn a service of the device (e.g. snmp, web, ftp) on or off"),
          device(
              CLEAR_ALERT,
              List.of("alert"),
              "clear one alert (its prtAlertIndex) from the device's alert table"),
          device(REBOOT, List.of(), "restart the device"),
          device(SEND_DIAGNOSTICS, List.of(), "report the full diagnostics now"),
          device(SELF_TEST, List.of(), "run the device's self-test and report its results"),
          agent(REREAD_DEVICE, List.of(), "poll the command's device now and send what was read"),
          agent(SEND_NOW, List.of(), "send the outbox now"),
          agent(
              CONFIGURE,
              List.of(),
              "change the agent's settings: each parameter one key of its configuration file"
                  + " (poll-every, sync-at, targets, exclude, credential-set-for.N, alert.N,"
                  + " enabled); an empty value gives the key back to the agent's file"),
          agent(
              ROTATE_SECRET,
              List.of(),
              "get a new secret from the server now (the old one works until the new one is"
                  + " used)"));

  private static final Map<String, Type> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Type::name, Function.identity()));

  private CommandTypes() {}

  private static Type device(String name, List<String> required, String description) {
    return new Type(name, Source.Kind.device, required, description);
  }

  private static Type agent(String name, List<String> required, String description) {
    return new Type(name, Source.Kind.agent, required, description);
  }

  /** Every known type, in a stable order. */
  public static List<Type> all() {
    return ALL;
  }

  /** The type of this name, or empty. */
  public static Optional<Type> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The names of the types a kind of client applies. */
  public static Set<String> appliedBy(Source.Kind kind) {
    return ALL.stream()
        .filter(t -> t.appliedBy() == kind)
        .map(Type::name)
        .collect(Collectors.toUnmodifiableSet());
  }
}
