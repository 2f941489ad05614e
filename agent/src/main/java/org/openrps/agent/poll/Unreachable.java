package org.openrps.agent.poll;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An address that gave no usable SNMP answer.
 *
 * @param address the address, as text
 * @param reason why, in words, e.g. {@code no answer (wrong community or not SNMP)} or {@code v3
 *     scanner: unknown v3 user; community 1: no answer (wrong community or not SNMP)}
 * @param attempts what each credential set got, in the order tried; empty when none was tried
 */
public record Unreachable(String address, String reason, List<AttemptFailure> attempts) {
  public Unreachable {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(reason, "reason");
    attempts = List.copyOf(Objects.requireNonNull(attempts, "attempts"));
  }

  /** An address with a reason and no record of attempts. */
  public Unreachable(String address, String reason) {
    this(address, reason, List.of());
  }

  /** From the attempts; {@code fallback} when there were none. */
  static Unreachable of(String address, List<AttemptFailure> attempts, String fallback) {
    if (attempts.isEmpty()) {
      return new Unreachable(address, fallback);
    }
    boolean silent = attempts.stream().allMatch(a -> a.kind() == AttemptFailure.Kind.noAnswer);
    String reason =
        silent
            ? AttemptFailure.Kind.noAnswer.text()
            : attempts.stream().map(AttemptFailure::toString).collect(Collectors.joining("; "));
    return new Unreachable(address, reason, attempts);
  }

  /**
   * The most telling failure: the first refusal a device said out loud (a v3 report), else the
   * first failure; empty when no attempt is recorded.
   */
  public Optional<AttemptFailure.Kind> kind() {
    return attempts.stream()
        .map(AttemptFailure::kind)
        .filter(AttemptFailure.Kind::refusal)
        .findFirst()
        .or(() -> attempts.stream().map(AttemptFailure::kind).findFirst());
  }

  /** True when something answered (a refusal or an error), so the address is not just silent. */
  public boolean answeredSomething() {
    return attempts.stream().anyMatch(a -> a.kind() != AttemptFailure.Kind.noAnswer);
  }
}
