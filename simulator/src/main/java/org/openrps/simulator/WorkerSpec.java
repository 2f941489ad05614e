package org.openrps.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openrps.snmp.AuthProtocol;
import org.openrps.snmp.Passphrase;
import org.openrps.snmp.PrivProtocol;
import org.openrps.snmp.UsmUser;

/**
 * What a worker process serves: its share of the fleet, as one JSON line on its stdin (never on its
 * command line, where any user of the machine could read the community and v3 passphrases). {@link
 * #toString()} masks them.
 */
record WorkerSpec(
    int from,
    int to,
    int printers,
    String firstAddress,
    int port,
    String community,
    long seed,
    Map<String, Integer> mix,
    String models,
    List<Fault> faults,
    boolean officeHours,
    double nightOffShare,
    boolean events,
    boolean replacements,
    int wrapIndex,
    int swapIndex,
    long swapAfterMillis,
    int moveIndex,
    long moveAfterMillis,
    int zoneSeconds,
    long slowMillis,
    long lateMillis,
    long originMillis,
    long anchorMillis,
    double speed,
    long startMillis,
    List<User> users) {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  record Fault(String kind, double share, Set<Integer> indexes) {}

  /** One SNMPv3 user; a passphrase is "" where the protocol is none. */
  record User(String name, String auth, String authPass, String priv, String privPass) {

    static User of(UsmUser u) {
      return new User(
          u.name(),
          u.auth().token(),
          u.authPassphrase().map(Passphrase::value).orElse(""),
          u.priv().token(),
          u.privPassphrase().map(Passphrase::value).orElse(""));
    }

    UsmUser user() {
      return new UsmUser(
          name,
          AuthProtocol.of(auth),
          authPass.isEmpty() ? Optional.empty() : Optional.of(Passphrase.of(authPass)),
          PrivProtocol.of(priv),
          privPass.isEmpty() ? Optional.empty() : Optional.of(Passphrase.of(privPass)));
    }

    @Override
    public String toString() {
      return user().toString();
    }
  }

  static WorkerSpec of(
      SimulatorConfig config, int from, int to, int port, SimulationClock clock, long start) {
    SimulatorOptions o = config.options();
    Life l = o.life();
    return new WorkerSpec(
        from,
        to,
        config.printers(),
        config.firstAddress().getHostAddress(),
        port,
        config.community(),
        config.seed(),
        o.mix(),
        o.models().map(Path::toString).orElse(""),
        o.faults().stream().map(f -> new Fault(f.kind().name(), f.share(), f.indexes())).toList(),
        l.officeHours(),
        l.nightOffShare(),
        l.events(),
        l.replacements(),
        l.wrapIndex(),
        l.swapIndex(),
        l.swapAfter().toMillis(),
        l.moveIndex(),
        l.moveAfter().toMillis(),
        l.zone().getTotalSeconds(),
        o.slowDelay().toMillis(),
        o.lateDelay().toMillis(),
        clock.originMillis(),
        clock.anchorMillis(),
        clock.speed(),
        start,
        o.users().stream().map(User::of).toList());
  }

  SimulatorConfig config() {
    SimulatorOptions options =
        new SimulatorOptions(
            mix,
            models.isEmpty() ? Optional.empty() : Optional.of(Path.of(models)),
            faults.stream()
                .map(f -> new FaultRule(FaultKind.valueOf(f.kind()), f.share(), f.indexes()))
                .toList(),
            new Life(
                officeHours,
                nightOffShare,
                events,
                replacements,
                wrapIndex,
                swapIndex,
                Duration.ofMillis(swapAfterMillis),
                moveIndex,
                Duration.ofMillis(moveAfterMillis),
                ZoneOffset.ofTotalSeconds(zoneSeconds)),
            Optional.empty(),
            1,
            Duration.ofMillis(slowMillis),
            Duration.ofMillis(lateMillis),
            users.stream().map(User::user).toList());
    try {
      return new SimulatorConfig(
          printers, InetAddress.getByName(firstAddress), port, community, seed, options);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + firstAddress, e);
    }
  }

  SimulationClock clock() {
    return SimulationClock.of(originMillis, anchorMillis, speed);
  }

  @Override
  public String toString() {
    return "WorkerSpec[printers "
        + from
        + ".."
        + (to - 1)
        + " of "
        + printers
        + ", community=****, users="
        + users
        + "]";
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WorkerSpec fromJson(String line) {
    try {
      return JSON.readValue(line, WorkerSpec.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // the original message only: the full one quotes the input, which holds passphrases
      throw new IllegalArgumentException("not a worker spec: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a worker spec: " + e.getClass().getSimpleName());
    }
  }
}
